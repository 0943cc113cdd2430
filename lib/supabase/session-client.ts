// The one way the app builds a Supabase client: on the server, from the request's cookies. The app
// has no browser Supabase client, so the session cookies are HttpOnly (no script can read a token),
// Secure in production, SameSite=Lax (sent on top-level navigations only).
import { createServerClient, type CookieMethodsServer, type CookieOptionsWithName } from '@supabase/ssr';
import { config } from '@/lib/env';

export function sessionCookieOptions(production: boolean): CookieOptionsWithName {
  return { httpOnly: true, secure: production, sameSite: 'lax', path: '/' };
}

export function createSessionClient(cookies: CookieMethodsServer) {
  const cfg = config();
  return createServerClient(cfg.supabaseUrl, cfg.supabaseAnonKey, {
    cookies,
    cookieOptions: sessionCookieOptions(cfg.production),
  });
}
