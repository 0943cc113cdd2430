// Runs before every page request: refuses page POSTs that cannot be a legitimate Server Action,
// refreshes the Supabase session so server components see a valid, unexpired access token (they
// cannot write cookies themselves), and sets the security headers with a fresh CSP nonce.
import { NextResponse, type NextRequest } from 'next/server';
import { config as appConfig } from '@/lib/env';
import { readClaims, sessionCookieNames } from '@/lib/auth/session-read';
import { createSessionClient, sessionCookieOptions } from '@/lib/supabase/session-client';
import { refuseBadActionRequest } from '@/lib/security/action-requests';
import { commonSecurityHeaders, newNonce, NON_PAGE_CSP, pageCsp } from '@/lib/security/headers';

export async function proxy(request: NextRequest) {
  const cfg = appConfig();
  const secure = (res: Response, csp: string) => {
    for (const [k, v] of Object.entries(commonSecurityHeaders(cfg.production))) res.headers.set(k, v);
    res.headers.set('Content-Security-Policy', csp);
    return res;
  };
  const refused = refuseBadActionRequest(request);
  if (refused) return secure(refused, NON_PAGE_CSP);

  const csp = pageCsp({ nonce: newNonce(), production: cfg.production, dev: process.env.NODE_ENV === 'development' });
  // Next.js takes the nonce for its own scripts from the request's CSP header.
  const forward = () => {
    const headers = new Headers(request.headers);
    headers.set('Content-Security-Policy', csp);
    return NextResponse.next({ request: { headers } });
  };
  // From the raw header: a value the cookie parser drops must be cleared as well.
  const stale = sessionCookieNames(request.headers.get('cookie'));
  let response = forward();
  const supabase = createSessionClient({
    getAll: () => request.cookies.getAll(),
    setAll: (toSet) => {
      for (const { name, value } of toSet) request.cookies.set(name, value);
      response = forward();
      for (const { name, value, options } of toSet) response.cookies.set(name, value, options);
    },
  });
  // getClaims() verifies the token and refreshes it when expired; do not run code between
  // creating the client and this call. It never throws here: a cookie it cannot read is "signed
  // out", and then the cookies are dropped for this request and in the browser.
  const { claims, clear } = await readClaims(supabase, stale);
  if (clear) {
    const written = response.cookies.getAll();
    for (const name of stale) request.cookies.delete(name);
    response = forward();
    for (const c of written) response.cookies.set(c);
    for (const name of stale) response.cookies.set(name, '', { ...sessionCookieOptions(cfg.production), maxAge: 0 });
  }
  // Signed out on an app page: to sign-in, coming back here afterwards. (Pages check the session
  // themselves too; this only adds the way back.)
  const { pathname, search } = request.nextUrl;
  if (!claims && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    const redirect = NextResponse.redirect(url);
    for (const c of response.cookies.getAll()) redirect.cookies.set(c);
    return secure(redirect, csp);
  }
  return secure(response, csp);
}

const PUBLIC_PAGES = ['/sign-in', '/sign-up'];

export const config = {
  // Not for the Auth stand-in itself (it would call itself), API routes with their own auth,
  // or static assets: next.config.ts gives those their headers.
  matcher: ['/((?!auth/v1|api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|pdf)$).*)'],
};
