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
  await supabase.auth.getClaims();
  return response;
}

export const config = {
  // Not for the Auth stand-in itself (it would call itself), API routes with their own auth,
  // or static assets.
  matcher: ['/((?!auth/v1|api/|_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|pdf)$).*)'],
};
