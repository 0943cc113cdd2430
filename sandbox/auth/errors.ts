// GoTrue's error responses, byte-compatible with what auth-js parses: the API-version header picks
// the body shape (2024-01-01: `{code, message}`; before: `{code: <status>, error_code, msg}`), and
// auth-js only trusts `code` when the response echoes that header back.

export const API_VERSION_HEADER = 'X-Supabase-Api-Version';
const API_VERSION_2024 = '2024-01-01';

/** An error GoTrue answers with its HTTP error shape. */
export class GoTrueError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Only for `weak_password`: GoTrue's `weak_password.reasons`. */
    readonly weakPasswordReasons?: string[],
  ) {
    super(message);
    this.name = 'GoTrueError';
  }
}

/** GoTrue's OAuth-style error (`{error, error_description}`), still used by a few grant paths. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }
}

export const badRequest = (code: string, message: string) => new GoTrueError(400, code, message);
export const unauthorized = (code: string, message: string) => new GoTrueError(401, code, message);
export const forbidden = (code: string, message: string) => new GoTrueError(403, code, message);
export const unprocessable = (code: string, message: string) => new GoTrueError(422, code, message);

/** The version GoTrue settles on for a request: the newest known one not after what was asked. */
export function requestApiVersion(req: Request): string | null {
  const asked = req.headers.get(API_VERSION_HEADER);
  if (!asked || !/^\d{4}-\d{2}-\d{2}$/.test(asked)) return null;
  const at = Date.parse(`${asked}T00:00:00Z`);
  if (Number.isNaN(at)) return null;
  return at >= Date.parse(`${API_VERSION_2024}T00:00:00Z`) ? API_VERSION_2024 : null;
}

function send(body: unknown, status: number, version: string | null): Response {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (version) headers[API_VERSION_HEADER] = version;
  return new Response(JSON.stringify(body), { status, headers });
}

const UNEXPECTED = 'Unexpected failure, please check server logs for more information';

export function errorResponse(err: unknown, req: Request): Response {
  const version = requestApiVersion(req);
  if (err instanceof OAuthError) {
    return send({ error: err.error, error_description: err.description }, 400, version);
  }
  if (err instanceof GoTrueError) {
    const extra = err.weakPasswordReasons ? { weak_password: { reasons: err.weakPasswordReasons } } : {};
    const body = version
      ? { code: err.code, message: err.message, ...extra }
      : { code: err.status, error_code: err.code, msg: err.message, ...extra };
    return send(body, err.status, version);
  }
  // A sandbox bug or a database failure: say so on the console, answer like GoTrue does.
  console.error('[sandbox auth] unexpected failure', err);
  const body = version
    ? { code: 'unexpected_failure', message: UNEXPECTED }
    : { code: 500, error_code: 'unexpected_failure', msg: UNEXPECTED };
  return send(body, 500, version);
}
