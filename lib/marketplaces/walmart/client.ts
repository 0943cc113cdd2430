// Walmart's wire protocol: the Token API (client credentials, HTTP Basic) with a cached,
// single-flight access token, and authenticated GETs with the WM_* headers, per-operation token
// buckets, bounded retries and response validation. Only operation names, HTTP statuses and
// Walmart error codes ever reach an error message.
import type { ZodType } from 'zod';
import {
  callJson,
  DEFAULT_RETRY,
  MarketplaceError,
  realTimer,
  withRetries,
  type RateLimits,
  type RetryPolicy,
  type Timer,
  type TokenBucket,
} from '@/lib/marketplaces/http';
import { walmartDefaultLimits, type WalmartOperation } from './limits';
import { isContentNotFound, tokenResponse, walmartErrorCode } from './wire';

export interface WalmartCredentials {
  clientId: string;
  clientSecret: string;
}

export interface WalmartClientOptions {
  /** e.g. https://marketplace.walmartapis.com (no trailing /v3). */
  baseUrl: string;
  credentials: WalmartCredentials;
  limits: RateLimits;
  timer?: Timer;
  retry?: RetryPolicy;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

const SERVICE_NAME = 'Walmart Marketplace';
/** Refresh this long before the 15-minute token expires, so a token never dies mid-request. */
const TOKEN_REFRESH_MARGIN_MS = 60_000;

/** Where a successful GET found nothing (`404 CONTENT_NOT_FOUND`): for a list, "no results". */
export const NO_CONTENT = Symbol('walmart.no-content');

/** `X-Next-Replenishment-Time` as epoch ms (Walmart sends epoch ms; seconds and dates tolerated). */
export function replenishAt(header: string | null): number | undefined {
  if (!header) return undefined;
  const n = Number(header);
  if (Number.isFinite(n) && n > 0) return n < 1e12 ? n * 1000 : n;
  const t = Date.parse(header);
  return Number.isNaN(t) ? undefined : t;
}

export class WalmartClient {
  private calls = 0;
  private token: { value: string; refreshAt: number } | null = null;
  private pendingToken: Promise<string> | null = null;
  private readonly timer: Timer;
  private readonly retry: RetryPolicy;
  private readonly baseUrl: string;

  constructor(private readonly o: WalmartClientOptions) {
    this.timer = o.timer ?? realTimer;
    this.retry = o.retry ?? DEFAULT_RETRY;
    this.baseUrl = o.baseUrl.replace(/\/+$/, '');
  }

  get apiCalls(): number {
    return this.calls;
  }

  /**
   * GET `pathAndQuery` (starting with /v3/...) as the seller and validate the body.
   * Returns NO_CONTENT for Walmart's "nothing matched" 404.
   */
  get<T>(op: WalmartOperation, pathAndQuery: string, schema: ZodType<T>): Promise<{ body: T; headers: Headers } | typeof NO_CONTENT> {
    return this.send(op, 'GET', pathAndQuery, schema);
  }

  /**
   * POST a JSON body (or none) as the seller, through the same buckets and checks as GET, sent ONCE:
   * a write is retried by its caller, after reading back whether the first attempt landed.
   */
  post<T>(op: WalmartOperation, path: string, schema: ZodType<T>, body?: unknown): Promise<{ body: T; headers: Headers } | typeof NO_CONTENT> {
    return this.send(op, 'POST', path, schema, body, { ...this.retry, maxAttempts: 1 });
  }

  /** The retry policy writes are retried with (by their callers). */
  get retryPolicy(): RetryPolicy {
    return this.retry;
  }

  get clock(): Timer {
    return this.timer;
  }

  private async send<T>(
    op: WalmartOperation,
    method: 'GET' | 'POST',
    pathAndQuery: string,
    schema: ZodType<T>,
    body?: unknown,
    retry: RetryPolicy = this.retry,
  ): Promise<{ body: T; headers: Headers } | typeof NO_CONTENT> {
    const json: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
    let refreshed = false;
    for (;;) {
      const token = await this.accessToken();
      try {
        const res = await withRetries(
          () =>
            callJson(
              `${this.baseUrl}${pathAndQuery}`,
              {
                method,
                headers: { ...this.wmHeaders(), ...json, 'WM_SEC.ACCESS_TOKEN': token },
                ...(body === undefined ? {} : { body: JSON.stringify(body) }),
              },
              this.callOptions(op),
              (_status, b) => walmartErrorCode(b),
            ),
          retry,
          this.timer,
        );
        this.afterSuccess(op, res.headers);
        return { body: this.parse(op, schema, res.body, res.status), headers: res.headers };
      } catch (e) {
        if (!(e instanceof MarketplaceError)) throw e;
        if (e.kind === 'not_found' && isContentNotFound(e.details.code)) return NO_CONTENT;
        // An expired or revoked token answers 401 like bad credentials: mint a new one once.
        if (e.kind === 'auth' && !refreshed) {
          refreshed = true;
          this.forgetToken(token);
          continue;
        }
        throw e;
      }
    }
  }

  /** A valid access token; concurrent callers share one Token API request. */
  accessToken(): Promise<string> {
    if (this.token && this.timer.now() < this.token.refreshAt) return Promise.resolve(this.token.value);
    this.pendingToken ??= this.requestToken().finally(() => {
      this.pendingToken = null;
    });
    return this.pendingToken;
  }

  private forgetToken(value: string): void {
    if (this.token?.value === value) this.token = null;
  }

  private async requestToken(): Promise<string> {
    const { clientId, clientSecret } = this.o.credentials;
    const basic = Buffer.from(`${clientId}:${clientSecret}`, 'utf8').toString('base64');
    const res = await withRetries(
      () =>
        callJson(
          `${this.baseUrl}/v3/token`,
          {
            method: 'POST',
            headers: {
              ...this.wmHeaders(),
              Authorization: `Basic ${basic}`,
              'Content-Type': 'application/x-www-form-urlencoded',
            },
            body: 'grant_type=client_credentials',
          },
          this.callOptions('token'),
          (_status, body) => walmartErrorCode(body),
        ),
      this.retry,
      this.timer,
    );
    const body = this.parse('token', tokenResponse, res.body, res.status);
    const lifetimeMs = body.expires_in * 1000;
    // Short-lived tokens (never seen, but cheap to handle) are kept for half their life.
    const margin = Math.min(TOKEN_REFRESH_MARGIN_MS, lifetimeMs / 2);
    this.token = { value: body.access_token, refreshAt: this.timer.now() + lifetimeMs - margin };
    return body.access_token;
  }

  private wmHeaders(): Record<string, string> {
    return {
      'WM_SVC.NAME': SERVICE_NAME,
      // A fresh id per request (retries included), as Walmart asks for tracing.
      'WM_QOS.CORRELATION_ID': crypto.randomUUID(),
      Accept: 'application/json',
    };
  }

  private bucket(op: WalmartOperation): TokenBucket {
    const { ratePerSecond, burst } = walmartDefaultLimits[op];
    return this.o.limits.bucket(`walmart:${this.o.credentials.clientId}:${op}`, ratePerSecond, burst);
  }

  private callOptions(op: WalmartOperation) {
    return {
      operation: `walmart.${op}`,
      timeoutMs: this.o.timeoutMs,
      bucket: this.bucket(op),
      onCall: () => {
        this.calls++;
      },
      fetchImpl: this.fetchWithReplenishment(),
    };
  }

  /** Walmart says when the next request is allowed instead of sending Retry-After: translate. */
  private fetchWithReplenishment(): typeof fetch {
    const inner = this.o.fetchImpl ?? fetch;
    return async (input, init) => {
      const res = await inner(input, init);
      if (res.status !== 429 || res.headers.has('retry-after')) return res;
      const at = replenishAt(res.headers.get('x-next-replenishment-time'));
      if (at === undefined) return res;
      // Clock skew must not park a sync for hours: never wait longer than the retry policy allows.
      const waitMs = Math.min(Math.max(0, at - this.timer.now()), this.retry.maxDelayMs);
      const headers = new Headers(res.headers);
      headers.set('retry-after', String(Math.ceil(waitMs / 1000)));
      return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
    };
  }

  /** The bucket is empty whatever we computed when Walmart says no tokens are left. */
  private afterSuccess(op: WalmartOperation, headers: Headers): void {
    if (headers.get('x-current-token-count')?.trim() === '0') this.bucket(op).drain();
  }

  private parse<T>(op: WalmartOperation, schema: ZodType<T>, body: unknown, status: number): T {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    const where = parsed.error.issues[0]?.path.join('.') || '(root)';
    throw new MarketplaceError('malformed', `walmart.${op}: unexpected response shape at ${where}`, { status, operation: `walmart.${op}` });
  }
}
