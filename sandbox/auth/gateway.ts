// What Supabase's API gateway does in front of Auth: routes only /auth/v1/*, and refuses requests
// without the project's API key before Auth sees them, except the routes it leaves open.
import { createHash, timingSafeEqual } from 'node:crypto';
import { sendJson } from './http';

export const AUTH_PREFIX = '/auth/v1';

/** Reachable without an apikey, as in Supabase's gateway configuration. */
const OPEN_ROUTES = new Set(['/.well-known/jwks.json', '/health']);

const digest = (s: string) => createHash('sha256').update(s).digest();

export function gatewayRefusal(req: Request, subpath: string, anonKey: string): Response | null {
  if (OPEN_ROUTES.has(subpath)) return null;
  const url = new URL(req.url);
  const presented = req.headers.get('apikey') ?? url.searchParams.get('apikey');
  if (!presented) {
    return sendJson({ message: 'No API key found in request', hint: 'No `apikey` request header or url param was found.' }, 401);
  }
  if (!timingSafeEqual(digest(presented), digest(anonKey))) {
    return sendJson({ message: 'Invalid API key', hint: 'Double check your Supabase `anon` or `service_role` API key.' }, 401);
  }
  return null;
}

export function noRoute(): Response {
  return sendJson({ message: 'no Route matched with those values' }, 404);
}
