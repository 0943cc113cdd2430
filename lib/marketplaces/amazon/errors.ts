// SP-API failures → MarketplaceError kinds. Messages carry the operation, the HTTP status and the
// provider's error code only: never a body, a token, or anything about a buyer.
import { MarketplaceError, type ErrorKind } from '@/lib/marketplaces/http';
import { spErrorBody } from './wire';

/** An SP-API 403 saying the access token expired: the caller refreshes once and retries. */
export class ExpiredToken extends Error {
  constructor(
    readonly token: string,
    readonly error: MarketplaceError,
  ) {
    super(error.message);
  }
}

/**
 * Error codes as the SDK surfaces them (CustomError.code): SP-API `errors[0].code` values and
 * the SDK's own transport codes. Used when there is no HTTP status to go by.
 */
const CODE_KINDS: Record<string, ErrorKind> = {
  QuotaExceeded: 'rate_limited',
  Unauthorized: 'auth',
  InvalidInput: 'permanent',
  InvalidRequest: 'permanent',
  NotFound: 'not_found',
  NOT_FOUND: 'not_found',
  InternalFailure: 'transient',
  ServiceUnavailable: 'transient',
  JSON_PARSE_ERROR: 'malformed',
  API_RESPONSE_TIMEOUT: 'timeout',
  API_IDLE_TIMEOUT: 'timeout',
  API_DEADLINE_TIMEOUT: 'timeout',
  ECONNRESET: 'transient',
  ECONNREFUSED: 'transient',
  ECONNABORTED: 'transient',
  EPIPE: 'transient',
  ETIMEDOUT: 'transient',
  ENOTFOUND: 'transient',
  EAI_AGAIN: 'transient',
  EHOSTUNREACH: 'transient',
  ENETUNREACH: 'transient',
};

const safeCode = (code: unknown): string | undefined =>
  typeof code === 'string' && /^[A-Za-z0-9_.-]{1,60}$/.test(code) ? code : undefined;

function kindForStatus(status: number): ErrorKind {
  if (status === 429) return 'rate_limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status >= 500) return 'transient';
  return 'permanent';
}

/** A non-2xx SP-API answer. */
export function responseError(operation: string, status: number, body: string, token: string): MarketplaceError | ExpiredToken {
  let code: string | undefined;
  let details = '';
  try {
    const parsed = spErrorBody.safeParse(JSON.parse(body));
    if (parsed.success) {
      code = safeCode(parsed.data.errors[0].code);
      details = parsed.data.errors[0].details ?? '';
    }
  } catch {
    // Not JSON (a proxy's HTML page): the status alone decides.
  }
  const error = new MarketplaceError(kindForStatus(status), `${operation}: HTTP ${status}${code ? ` (${code})` : ''}`, { status, code, operation });
  // The documented expired-token answer (the SDK's own test: 403, Unauthorized, details naming it).
  if (status === 403 && code === 'Unauthorized' && /access token.*expired/i.test(details)) return new ExpiredToken(token, error);
  return error;
}

/** Something the SDK threw instead of answering (timeouts, sockets, its own validation). */
export function thrownError(operation: string, err: unknown): MarketplaceError {
  if (err instanceof MarketplaceError) return err;
  const code = safeCode((err as { code?: unknown } | null)?.code);
  const kind: ErrorKind = (code && Object.hasOwn(CODE_KINDS, code) ? CODE_KINDS[code] : undefined) ?? 'permanent';
  const what =
    kind === 'timeout' ? 'no complete answer in time' : kind === 'transient' ? 'network error' : kind === 'malformed' ? 'the response was not valid JSON' : 'request failed';
  return new MarketplaceError(kind, `${operation}: ${what}${code ? ` (${code})` : ''}`, { code, operation });
}
