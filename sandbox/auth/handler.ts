// The sandbox stand-in for Supabase Auth (GoTrue) behind its gateway: a fetch-style handler for
// the part of the API that @supabase/supabase-js and @supabase/ssr use, so the application's auth
// code runs unchanged against it.
import type { Database } from '@/lib/db/connect';
import type { Clock } from '@/sandbox/core/clock';
import { createContext, type AuthContext } from './context';
import { healthEndpoint, jwksEndpoint, settingsEndpoint } from './discovery';
import { errorResponse, GoTrueError } from './errors';
import { AUTH_PREFIX, gatewayRefusal, noRoute } from './gateway';
import { preflight, withCors } from './http';
import { DEFAULT_SCRYPT_LOG_N } from './passwords';
import { signUpEndpoint } from './sign-up';
import { tokenEndpoint } from './token-grants';
import { getUserEndpoint, logoutEndpoint, updateUserEndpoint } from './user-endpoints';

export interface AuthHandlerOptions {
  /** A migrated database (auth.users, auth.sessions, auth.refresh_tokens, auth.sandbox_signing_keys). */
  database: Database;
  /** The public base URL the stand-in is reached at, like a project URL (no /auth/v1). */
  issuerUrl: string;
  /** The key clients must send as `apikey` (SUPABASE_ANON_KEY). */
  anonKey: string;
  clock?: Clock;
  accessTokenTtlSeconds?: number;
  minPasswordLength?: number;
  /** Grace period for re-presenting a just-rotated refresh token (GoTrue's default: 10 s). */
  refreshTokenReuseIntervalSeconds?: number;
  /** log2 of scrypt's N for new password hashes; lower only to speed up tests. */
  passwordHashLogN?: number;
}

type Endpoint = (ctx: AuthContext, req: Request) => Promise<Response> | Response;

const ROUTES: Record<string, Partial<Record<string, Endpoint>>> = {
  '/signup': { POST: signUpEndpoint },
  '/token': { POST: tokenEndpoint },
  '/user': { GET: getUserEndpoint, PUT: updateUserEndpoint },
  '/logout': { POST: logoutEndpoint },
  '/.well-known/jwks.json': { GET: jwksEndpoint },
  '/settings': { GET: settingsEndpoint },
  '/health': { GET: healthEndpoint },
};

export function createAuthHandler(opts: AuthHandlerOptions): (req: Request) => Promise<Response> {
  if (!opts.anonKey) throw new Error('createAuthHandler: anonKey is required');
  const ctx = createContext(opts.database, opts.clock ?? { now: () => Date.now() }, {
    issuer: `${opts.issuerUrl.replace(/\/+$/, '')}${AUTH_PREFIX}`,
    accessTokenTtlSeconds: opts.accessTokenTtlSeconds ?? 3600,
    minPasswordLength: opts.minPasswordLength ?? 8,
    refreshTokenReuseIntervalSeconds: opts.refreshTokenReuseIntervalSeconds ?? 10,
    passwordHashLogN: opts.passwordHashLogN ?? DEFAULT_SCRYPT_LOG_N,
  });

  return async (req) => {
    if (req.method === 'OPTIONS') return preflight(req);
    const path = new URL(req.url).pathname;
    if (path !== AUTH_PREFIX && !path.startsWith(`${AUTH_PREFIX}/`)) return withCors(req, noRoute());
    const subpath = path.slice(AUTH_PREFIX.length).replace(/\/+$/, '') || '/';
    const refused = gatewayRefusal(req, subpath, opts.anonKey);
    if (refused) return withCors(req, refused);

    let res: Response;
    try {
      const methods = ROUTES[subpath];
      const endpoint = methods?.[req.method.toUpperCase()];
      if (!methods) throw new GoTrueError(404, 'not_found', 'Not Found');
      if (!endpoint) throw new GoTrueError(405, 'method_not_allowed', 'Method Not Allowed');
      // Loaded before any endpoint opens a transaction: loading it takes one of its own, and the
      // embedded database runs one transaction at a time.
      await ctx.signingKey();
      res = await endpoint(ctx, req);
    } catch (err) {
      res = errorResponse(err, req);
    }
    return withCors(req, res);
  };
}
