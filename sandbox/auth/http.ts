// Small HTTP pieces shared by the endpoints: JSON in and out, the way GoTrue reads bodies, and the
// CORS answers Supabase's gateway gives browsers (preflights never carry the apikey).
import { badRequest } from './errors';

export function sendJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export type JsonBody = Record<string, unknown>;

/** The request's JSON object, or GoTrue's `bad_json` error. */
export async function readJsonBody(req: Request): Promise<JsonBody> {
  const text = await req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw badRequest('bad_json', `Could not parse request body as JSON: ${(e as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('bad_json', 'Could not parse request body as JSON: expected an object');
  }
  return parsed as JsonBody;
}

/** A string field of a body; GoTrue treats absent, null and "" alike. */
export function stringField(body: JsonBody, key: string): string {
  const v = body[key];
  return typeof v === 'string' ? v : '';
}

const ALLOWED_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'apikey',
  'x-client-info',
  'x-supabase-api-version',
  'x-jwt-aud',
  'x-use-cookie',
].join(', ');

export function preflight(req: Request): Response {
  return withCors(req, new Response(null, { status: 204 }), {
    'access-control-allow-methods': 'GET, POST, PUT, DELETE, OPTIONS',
    'access-control-allow-headers': req.headers.get('access-control-request-headers') ?? ALLOWED_HEADERS,
    'access-control-max-age': '3600',
  });
}

export function withCors(req: Request, res: Response, extra: Record<string, string> = {}): Response {
  const origin = req.headers.get('origin');
  if (!origin) return res;
  const headers = new Headers(res.headers);
  headers.set('access-control-allow-origin', origin);
  headers.set('access-control-allow-credentials', 'true');
  headers.set('access-control-expose-headers', 'X-Supabase-Api-Version, X-Total-Count, Link');
  headers.append('vary', 'Origin');
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
