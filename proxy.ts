// Refreshes the Supabase session on every page request so server components see a valid,
// unexpired access token (they cannot write cookies themselves).
import { createServerClient } from '@supabase/ssr';
import { NextResponse, type NextRequest } from 'next/server';
import { config as appConfig } from '@/lib/env';

export async function proxy(request: NextRequest) {
  let response = NextResponse.next({ request });
  const cfg = appConfig();
  const supabase = createServerClient(cfg.supabaseUrl, cfg.supabaseAnonKey, {
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (toSet) => {
        for (const { name, value } of toSet) request.cookies.set(name, value);
        response = NextResponse.next({ request });
        for (const { name, value, options } of toSet) response.cookies.set(name, value, options);
      },
    },
  });
  // getClaims() verifies the token and refreshes it when expired; do not run code between
  // creating the client and this call.
  const { data } = await supabase.auth.getClaims();
  // Signed out on an app page: to sign-in, coming back here afterwards. (Pages check the session
  // themselves too; this only adds the way back.)
  const { pathname, search } = request.nextUrl;
  if (!data?.claims && !PUBLIC_PAGES.some((p) => pathname === p || pathname.startsWith(`${p}/`))) {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    const redirect = NextResponse.redirect(url);
    for (const c of response.cookies.getAll()) redirect.cookies.set(c);
    return redirect;
  }
  return response;
}

const PUBLIC_PAGES = ['/sign-in', '/sign-up'];

export const config = {
  // Not for the Auth stand-in itself (it would call itself), API routes with their own auth,
  // or static assets.
  matcher: ['/((?!auth/v1|api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|pdf)$).*)'],
};
