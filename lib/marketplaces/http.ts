// How every marketplace call is made: a token bucket per account and operation (seeded from the
// documented limits, corrected by response headers), a hard timeout, and bounded retries with
// exponential backoff and full jitter on 429/5xx/network errors, honouring Retry-After.
// Errors are classified and sanitized: no body, credential or buyer data ever reaches a message.

export type ErrorKind = 'auth' | 'rate_limited' | 'transient' | 'timeout' | 'malformed' | 'not_found' | 'permanent';

export class MarketplaceError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly details: { status?: number; code?: string; retryAfterMs?: number; operation?: string } = {},
  ) {
    super(message);
    this.name = 'MarketplaceError';
  }
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient' || this.kind === 'timeout';
  }
}

/** Time as the limiter and retries see it; tests and benchmarks pass a simulated one. */
export interface Timer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private ratePerSecond: number,
    private burst: number,
    private readonly timer: Timer = realTimer,
  ) {
    this.tokens = burst;
    this.last = timer.now();
  }

  get rate(): number {
    return this.ratePerSecond;
  }

  /** Adopt the limit the marketplace reports (e.g. x-amzn-RateLimit-Limit). */
  setRate(ratePerSecond: number): void {
    if (Number.isFinite(ratePerSecond) && ratePerSecond > 0) this.ratePerSecond = ratePerSecond;
  }

  /** After a 429: the bucket is empty whatever we thought. */
  drain(): void {
    this.refill();
    this.tokens = Math.min(this.tokens, 0);
  }

  /** Waits until a token is available; callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(async () => {
      this.refill();
      if (this.tokens < 1) {
        await this.timer.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
        this.refill();
      }
      this.tokens -= 1;
    });
    this.queue = turn.catch(() => {});
    return turn;
  }

  private refill(): void {
    const now = this.timer.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }
}

/** Buckets by key (account + operation), created from documented defaults on first use. */
export class RateLimits {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(private readonly timer: Timer = realTimer) {}
  bucket(key: string, ratePerSecond: number, burst: number): TokenBucket {
    let b = this.buckets.get(key);
    if (!b) this.buckets.set(key, (b = new TokenBucket(ratePerSecond, burst, this.timer)));
    return b;
  }
}

export interface RetryPolicy {
  maxAttempts: number; // including the first
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

export async function withRetries<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  timer: Timer = realTimer,
  random: () => number = Math.random,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (e) {
      if (!(e instanceof MarketplaceError) || !e.retryable || attempt >= policy.maxAttempts) throw e;
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
      const jittered = Math.floor(random() * backoff); // full jitter
      await timer.sleep(Math.max(jittered, e.details.retryAfterMs ?? 0));
    }
  }
}

/** Retry-After as seconds or an HTTP date, in ms; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface CallOptions {
  /** For messages and metrics, e.g. "walmart.getAllOrders". */
  operation: string;
  timeoutMs?: number;
  bucket?: TokenBucket;
  /** Reads the marketplace's own limit from the response (e.g. Amazon's header). */
  limitFromHeaders?: (headers: Headers) => number | undefined;
  onCall?: () => void;
  fetchImpl?: typeof fetch;
}

/**
 * One HTTP exchange (no retries: wrap in withRetries). Returns the parsed JSON body of a 2xx
 * (undefined for an empty body); throws a classified MarketplaceError otherwise.
 * `describeError` turns the provider's error body into a short code for the message.
 */
export async function callJson(
  url: string,
  init: RequestInit,
  opts: CallOptions,
  describeError: (status: number, body: unknown) => string | undefined = () => undefined,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  await opts.bucket?.take();
  opts.onCall?.();
  let res: Response;
  try {
    res = await (opts.fetchImpl ?? fetch)(url, { ...init, signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000) });
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new MarketplaceError('timeout', `${opts.operation}: no answer within ${opts.timeoutMs ?? 30_000} ms`, { operation: opts.operation });
    }
    throw new MarketplaceError('transient', `${opts.operation}: network error (${(e as NodeJS.ErrnoException).cause ? 'connection failed' : name})`, {
      operation: opts.operation,
    });
  }
  const limit = opts.limitFromHeaders?.(res.headers);
  if (limit !== undefined) opts.bucket?.setRate(limit);

  let text: string;
  try {
    text = await res.text();
  } catch {
    throw new MarketplaceError('transient', `${opts.operation}: the response was cut off`, { status: res.status, operation: opts.operation });
  }
  let body: unknown = undefined;
  let parsed = true;
  if (text.length) {
    try {
      body = JSON.parse(text);
    } catch {
      parsed = false;
    }
  }
  const status = res.status;
  if (status >= 200 && status < 300) {
    if (!parsed) throw new MarketplaceError('malformed', `${opts.operation}: the response was not valid JSON`, { status, operation: opts.operation });
    return { status, headers: res.headers, body };
  }
  const code = parsed ? describeError(status, body) : undefined;
  const detail = { status, code, operation: opts.operation };
  const msg = `${opts.operation}: HTTP ${status}${code ? ` (${code})` : ''}`;
  if (status === 429) {
    opts.bucket?.drain();
    throw new MarketplaceError('rate_limited', msg, { ...detail, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) });
  }
  if (status === 401 || status === 403) throw new MarketplaceError('auth', msg, detail);
  if (status === 404) throw new MarketplaceError('not_found', msg, detail);
  if (status >= 500) throw new MarketplaceError('transient', msg, { ...detail, retryAfterMs: retryAfterMs(res.headers.get('retry-after')) });
  throw new MarketplaceError('permanent', msg, detail);
}
