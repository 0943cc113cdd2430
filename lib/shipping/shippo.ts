// The one Shippo adapter: the `shippo` SDK with the base URL and key from configuration, SDK
// retries off (a retried POST /transactions could buy twice) and every failure sorted into what
// a person can act on. `ambiguous` marks failures after which Shippo may have done the work
// (timeout, 5xx, dropped connection, a response the SDK could not read: shippo-javascript-sdk
// #109): a purchase ending that way is reconciled, never assumed failed.
import { Shippo } from 'shippo';
import {
  ConnectionError, RequestAbortedError, RequestTimeoutError, ResponseValidationError, SDKError, SDKValidationError,
} from 'shippo/models/errors';

export interface ShippoSettings {
  baseUrl: string;
  apiKey: string | null;
  /** Per request; purchases must answer within it or become `unknown`. */
  timeoutMs?: number;
}

export type ShippoFailureKind = 'auth' | 'rejected' | 'rate_limited' | 'unavailable' | 'timeout' | 'malformed' | 'not_configured';

export class ShippoCallError extends Error {
  constructor(
    readonly kind: ShippoFailureKind,
    /** Safe to show: no key, no buyer data (Shippo's own field messages name fields, not values). */
    readonly userMessage: string,
    readonly ambiguous: boolean,
    readonly status?: number,
    readonly retryAfterS?: number,
  ) {
    super(`shippo ${kind}${status ? ` ${status}` : ''}`);
    this.name = 'ShippoCallError';
  }
}

export function shippoClient(s: ShippoSettings): Shippo {
  if (!s.apiKey) {
    throw new ShippoCallError('not_configured', 'Shipping is not set up: SHIPPO_API_KEY is missing. Ask whoever runs ESM to set it.', false);
  }
  return new Shippo({
    apiKeyHeader: s.apiKey,
    serverURL: s.baseUrl,
    shippoApiVersion: '2018-02-08',
    retryConfig: { strategy: 'none' },
    timeoutMs: s.timeoutMs ?? 20_000,
  });
}

/** Shippo's own words from a 400 body (DRF field map or `detail`), bounded, for the message. */
export function shippoDetail(body: string | undefined): string | null {
  if (!body) return null;
  try {
    const parsed = JSON.parse(body) as unknown;
    const texts: string[] = [];
    const walk = (v: unknown, key?: string) => {
      if (typeof v === 'string') texts.push(key && key !== 'detail' && key !== '__all__' ? `${key}: ${v}` : v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(parsed);
    return texts.length ? texts.join(' ').slice(0, 300) : null;
  } catch {
    return null;
  }
}

export function classifyShippoError(e: unknown): ShippoCallError {
  if (e instanceof ShippoCallError) return e;
  if (e instanceof RequestTimeoutError || e instanceof RequestAbortedError) {
    return new ShippoCallError('timeout', 'Shippo did not answer in time.', true);
  }
  if (e instanceof ConnectionError) return new ShippoCallError('unavailable', 'Shippo could not be reached.', true);
  if (e instanceof SDKValidationError && e.message.startsWith('Input validation failed')) {
    // The SDK refused our request before sending it: nothing happened at Shippo.
    return new ShippoCallError('rejected', 'The request to Shippo was not valid.', false);
  }
  if (e instanceof ResponseValidationError) return new ShippoCallError('malformed', 'Shippo sent an answer ESM could not read.', true, e.statusCode);
  if (e instanceof SDKError) {
    const status = e.statusCode;
    if (status === 401 || status === 403) {
      return new ShippoCallError('auth', 'Shippo did not accept the API key (SHIPPO_API_KEY). Nothing was bought; ask whoever runs ESM to check it.', false, status);
    }
    if (status === 429) {
      const retryAfter = Number(e.headers?.get('retry-after'));
      const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : 60;
      return new ShippoCallError('rate_limited', `Shippo is limiting requests. Nothing was bought; try again in ${wait} seconds.`, false, status, wait);
    }
    if (status >= 500) return new ShippoCallError('unavailable', `Shippo had an error (${status}).`, true, status);
    if (status >= 400) {
      return new ShippoCallError('rejected', shippoDetail(e.body) ?? `Shippo refused the request (${status}).`, false, status);
    }
    return new ShippoCallError('malformed', 'Shippo sent an answer ESM could not read.', true, status);
  }
  // A JSON parse error, a TypeError from a half-read body...: we cannot know what Shippo did.
  return new ShippoCallError('malformed', 'Shippo sent an answer ESM could not read.', true);
}

/** Runs one Shippo call; every failure comes out as a ShippoCallError. */
export async function shippoCall<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw classifyShippoError(e);
  }
}
