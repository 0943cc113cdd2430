// Walmart's error responses. Items follow the spec's `GatewayError` object (code, field,
// description, info, severity, category, causes, errorIdentifiers). Two envelopes exist on the
// wire and both are reproduced:
// - the API gateway (bad/expired token, throttling) answers `{"error":[...]}` — captured verbatim
//   from live US responses (e.g. 401 UNAUTHORIZED.GMP_GATEWAY_API);
// - the services answer `{"errors":[...]}`, the shape of the US "Error codes" page
//   (marketplace-apis.md §1.7), with the spec's `description` field.
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

/** A service error (`{"errors":[...]}`). */
export function serviceError(status: number, err: WalmartError, headers: Record<string, string> = {}): Response {
  return json({ errors: [err] }, status, headers);
}

/** A gateway error (`{"error":[...]}`). */
export function gatewayError(status: number, err: WalmartError, headers: Record<string, string> = {}): Response {
  return json({ error: [err] }, status, headers);
}

export function unauthorized(): Response {
  return gatewayError(401, wmError('UNAUTHORIZED.GMP_GATEWAY_API', 'Unauthorized', { field: 'UNAUTHORIZED' }));
}

export function throttled(headers: Record<string, string>): Response {
  return gatewayError(
    429,
    wmError('REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API', 'Too Many Requests', {
      field: 'REQUEST_THRESHOLD_VIOLATED',
      category: 'REQUEST',
    }),
    headers,
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

export function systemError(): Response {
  return serviceError(
    500,
    wmError('SYSTEM_ERROR.GMP_GATEWAY_API', 'Internal System Error', { category: 'SYSTEM' }),
  );
}
