// Walmart's error responses. Items follow the spec's `GatewayError` object (code, field,
// description, info, severity, category, causes, errorIdentifiers). Two envelopes exist on the
// wire and both are reproduced:
// - the API gateway (bad/expired token, throttling) answers `{"error":[...]}` — captured verbatim
//   from live US responses (e.g. 401 UNAUTHORIZED.GMP_GATEWAY_API);
// - the services answer `{"errors":[...]}`, the shape of the US "Error codes" page
//   (marketplace-apis.md §1.7), with the spec's `description` field.
// A third, `{"errors":{"error":[...]}}` (JSON converted from Walmart's XML error form, seen in other
// SDKs' captures), is produced when a test sets the sandbox's `errorEnvelope` knob, which puts
// every error response in one chosen envelope (`rewrapError`).
import { json } from '@/sandbox/core/router';

export type Severity = 'INFO' | 'WARN' | 'ERROR';
export type Category = 'APPLICATION' | 'SYSTEM' | 'REQUEST' | 'DATA';

export interface WalmartError {
  code: string;
  field?: string;
  description: string;
  info: string;
  severity: Severity;
  category: Category;
  causes: unknown[];
  errorIdentifiers: Record<string, unknown>;
}

const INFO: Record<string, string> = {
  UNAUTHORIZED:
    'Unauthorized token or incorrect authorization header. Please verify correct format: "Authorization: Basic Base64Encode(clientId:clientSecret)" For more information, see https://developer.walmart.com/#/apicenter/marketPlace/latest#apiAuthentication.',
  REQUEST_THRESHOLD_VIOLATED: 'Request threshold violated. Please retry after some time.',
  INVALID_REQUEST_PARAM: 'Request param is invalid.',
  INVALID_REQUEST_CONTENT: 'Request content is invalid.',
  MALFORMED_REQUEST_CONTENT: 'Request content is malformed.',
  MISSING_REQUEST_HEADER: 'Request header is missing.',
  MISSING_REQUEST_PARAM: 'Request param is missing.',
  CONTENT_NOT_FOUND: 'Requested content could not be found.',
  URI_NOT_FOUND: 'Requested URI could not be found.',
  METHOD_NOT_ALLOWED: 'Method is not allowed for the requested URI.',
  INVALID_ACCEPT_TYPE: 'Requested accept type is not supported.',
  UNSUPPORTED_MEDIA_TYPE: 'Request content type is not supported.',
  SYSTEM_ERROR: 'System encountered some internal error.',
};

function base(code: string): string {
  return code.split('.')[0];
}

export function wmError(
  code: string,
  description: string,
  opts: { field?: string; severity?: Severity; category?: Category } = {},
): WalmartError {
  return {
    code,
    ...(opts.field !== undefined ? { field: opts.field } : {}),
    description,
    info: INFO[base(code)] ?? description,
    severity: opts.severity ?? 'ERROR',
    category: opts.category ?? 'DATA',
    causes: [],
    errorIdentifiers: {},
  };
}

/** Which envelope every error response uses; `native` keeps services/gateway as the wire does. */
export type ErrorEnvelope = 'native' | 'errors' | 'errors.error' | 'error';

function envelope(items: unknown[], kind: Exclude<ErrorEnvelope, 'native'>): unknown {
  if (kind === 'errors') return { errors: items };
  if (kind === 'errors.error') return { errors: { error: items } };
  return { error: items };
}

/** The same error response in the chosen envelope (non-Walmart bodies, e.g. a bare 503, untouched). */
export async function rewrapError(res: Response, kind: ErrorEnvelope): Promise<Response> {
  if (kind === 'native' || res.status < 400 || !res.headers.get('content-type')?.includes('json')) return res;
  const body = (await res.clone().json()) as Record<string, unknown>;
  const items = Array.isArray(body.errors) ? body.errors : Array.isArray(body.error) ? body.error : null;
  if (!items) return res;
  return new Response(JSON.stringify(envelope(items, kind)), { status: res.status, headers: res.headers });
}

/** A service error (`{"errors":[...]}`, or the envelope asked for). */
export function serviceError(status: number, err: WalmartError, headers: Record<string, string> = {}, kind: ErrorEnvelope = 'native'): Response {
  return json(envelope([err], kind === 'native' ? 'errors' : kind), status, headers);
}

/** A gateway error (`{"error":[...]}`, or the envelope asked for). */
export function gatewayError(status: number, err: WalmartError, headers: Record<string, string> = {}, kind: ErrorEnvelope = 'native'): Response {
  return json(envelope([err], kind === 'native' ? 'error' : kind), status, headers);
}

export function unauthorized(): Response {
  return gatewayError(401, wmError('UNAUTHORIZED.GMP_GATEWAY_API', 'Unauthorized', { field: 'UNAUTHORIZED' }));
}

export function throttled(headers: Record<string, string>, kind: ErrorEnvelope = 'native'): Response {
  return gatewayError(
    429,
    wmError('REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API', 'Too Many Requests', {
      field: 'REQUEST_THRESHOLD_VIOLATED',
      category: 'REQUEST',
    }),
    headers,
    kind,
  );
}

export function missingHeader(name: string): Response {
  return serviceError(400, wmError('MISSING_REQUEST_HEADER.GMP_GATEWAY_API', `Missing required header: ${name}`, { field: name }));
}

export function invalidParam(api: string, field: string, description: string): Response {
  return serviceError(400, wmError(`INVALID_REQUEST_PARAM.${api}`, description, { field }));
}

export function invalidContent(api: string, description: string, field = 'data'): Response {
  return serviceError(400, wmError(`INVALID_REQUEST_CONTENT.${api}`, description, { field }));
}

export function notFound(api: string, description: string): Response {
  return serviceError(404, wmError(`CONTENT_NOT_FOUND.${api}`, description, { severity: 'INFO', category: 'APPLICATION' }));
}

export function systemError(kind: ErrorEnvelope = 'native'): Response {
  return serviceError(500, wmError('SYSTEM_ERROR.GMP_GATEWAY_API', 'Internal System Error', { category: 'SYSTEM' }), {}, kind);
}
