// One SP-API operation through amazon-sp-api 1.2.1, hardened (sdk-notes.md): the SDK's retries,
// throttle loop and token refresh are off, timeouts are explicit, credentials come from options,
// never debug_log. What the SDK no longer does is done here: a token bucket per operation
// (corrected from x-amzn-RateLimit-Limit, which `raw_result` exposes), bounded retries with
// jittered backoff, one token refresh on "expired", and a guard for answers that never finish.
import { SellingPartner } from 'amazon-sp-api';
import type { z } from 'zod';
import { MarketplaceError, withRetries, type RateLimits, type RetryPolicy, type Timer } from '@/lib/marketplaces/http';
import { CallAgent } from './agent';
import { ExpiredToken, responseError, thrownError } from './errors';
import { amazonBucket, rateFromHeader, type AmazonOperation } from './limits';
import type { LwaTokens } from './lwa';

export type AmazonRegion = 'na' | 'eu' | 'fe';

export interface SpRequest {
  operation: AmazonOperation;
  /** The SDK's endpoint group ("orders", "listingsItems"). */
  endpoint: string;
  version: string;
  path?: Record<string, string>;
  query?: Record<string, unknown>;
  /** A JSON request body (the SDK serializes it). */
  body?: unknown;
}

interface RawResult {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

// The package's typings omit searchOrders/searchListingsItems and raw results.
interface SdkClient {
  callAPI(params: Record<string, unknown>): Promise<RawResult>;
}

export interface SpClientOptions {
  region: AmazonRegion;
  endpointOverride?: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  sellerId: string;
  limits: RateLimits;
  timer: Timer;
  retry: RetryPolicy;
  timeoutMs: number;
  tokens: LwaTokens;
  onCall: () => void;
}

/** After the socket closes, how long the SDK gets to settle before the answer counts as cut off. */
const CUT_OFF_GRACE_MS = 25;

export class SpClient {
  constructor(private readonly o: SpClientOptions) {}

  /** `retry`: writes pass a single attempt and retry themselves after reading back what landed. */
  async call<T>(req: SpRequest, schema: z.ZodType<T>, retry: RetryPolicy = this.o.retry): Promise<T> {
    let refreshed = false;
    return withRetries(
      async () => {
        for (;;) {
          try {
            return await this.attempt(req, schema);
          } catch (e) {
            if (!(e instanceof ExpiredToken)) throw e;
            // One refresh per call: a token that is "expired" again at once means the grant is bad.
            if (refreshed) throw e.error;
            refreshed = true;
            this.o.tokens.invalidate(e.token);
          }
        }
      },
      retry,
      this.o.timer,
    );
  }

  get retryPolicy(): RetryPolicy {
    return this.o.retry;
  }

  get clock(): Timer {
    return this.o.timer;
  }

  private async attempt<T>(req: SpRequest, schema: z.ZodType<T>): Promise<T> {
    const op = `amazon.${req.operation}`;
    const bucket = amazonBucket(this.o.limits, this.o.clientId, this.o.sellerId, req.operation);
    await bucket.take();
    const token = await this.o.tokens.get();
    this.o.onCall();
    const res = await this.send(req, token, op);
    const rate = rateFromHeader(res.headers['x-amzn-ratelimit-limit']);
    if (rate !== undefined) bucket.setRate(rate);
    if (res.statusCode === 429) bucket.drain();
    if (res.statusCode < 200 || res.statusCode >= 300) throw responseError(op, res.statusCode, res.body, token);
    let json: unknown;
    try {
      // 204 No Content (confirmShipment) has no body to parse.
      json = res.statusCode === 204 && !res.body ? undefined : JSON.parse(res.body);
    } catch {
      throw new MarketplaceError('malformed', `${op}: the response was not valid JSON`, { status: res.statusCode, operation: op });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new MarketplaceError('malformed', `${op}: the response did not match the expected shape`, { status: res.statusCode, operation: op });
    }
    return parsed.data;
  }

  private send(req: SpRequest, token: string, op: string): Promise<RawResult> {
    const { timeoutMs } = this.o;
    const agent = new CallAgent(this.o.endpointOverride);
    let pending: Promise<RawResult>;
    try {
      const sdk = new SellingPartner({
        region: this.o.region,
        refresh_token: this.o.refreshToken,
        access_token: token,
        credentials: { SELLING_PARTNER_APP_CLIENT_ID: this.o.clientId, SELLING_PARTNER_APP_CLIENT_SECRET: this.o.clientSecret },
        options: {
          auto_request_tokens: false,
          auto_request_throttled: false,
          retry_remote_timeout: false,
          version_fallback: false,
          debug_log: false,
          user_agent: 'ESM/1.0 (Language=TypeScript)',
          timeouts: { response: timeoutMs, idle: timeoutMs, deadline: 2 * timeoutMs },
          https_proxy_agent: agent,
        },
      } as ConstructorParameters<typeof SellingPartner>[0]) as unknown as SdkClient;
      pending = sdk.callAPI({
        operation: req.operation,
        endpoint: req.endpoint,
        ...(req.path ? { path: req.path } : {}),
        ...(req.query ? { query: req.query } : {}),
        ...(req.body !== undefined ? { body: req.body } : {}),
        options: { version: req.version, raw_result: true },
      });
    } catch (e) {
      return Promise.reject(thrownError(op, e));
    }
    return new Promise<RawResult>((resolve, reject) => {
      let done = false;
      let grace: ReturnType<typeof setTimeout> | undefined;
      const finish = (fn: () => void) => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        clearTimeout(grace);
        fn();
      };
      // Real time on purpose: these watch a socket, not the (possibly simulated) rate limiter.
      const deadline = setTimeout(
        () => finish(() => reject(new MarketplaceError('timeout', `${op}: no complete answer within ${2 * timeoutMs} ms`, { operation: op }))),
        2 * timeoutMs + 1000,
      );
      agent.onClose(() => {
        grace = setTimeout(() => finish(() => reject(new MarketplaceError('transient', `${op}: the response was cut off`, { operation: op }))), CUT_OFF_GRACE_MS);
      });
      pending.then(
        (r) => finish(() => resolve(r)),
        (e: unknown) => finish(() => reject(thrownError(op, e))),
      );
    });
  }
}
