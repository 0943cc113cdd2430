// Reading the session from the `sb-*` cookies must never fail a request. getClaims() throws (not
// returns) for tokens it cannot verify in some ways — the real key id with another algorithm
// (RS256, ES512, PS256, unknown), an access_token that is not a string — and a cookie is
// attacker-controlled input. Any such failure means "signed out", and the cookies are cleared so
// the next request does not fail again.
import { isAuthRetryableFetchError } from '@supabase/supabase-js';

/** Cookies @supabase/ssr keeps the session in: `sb-<project>-auth-token` and its `.0`, `.1` chunks. */
export const isSessionCookie = (name: string): boolean => name.startsWith('sb-');

/**
 * The `sb-*` cookie names in a raw Cookie header, including those whose value the framework's
 * parser drops (a bad %-escape): they must be cleared too, or they stay in the browser for good.
 */
export function sessionCookieNames(cookieHeader: string | null | undefined): string[] {
  const names = (cookieHeader ?? '').split(';').map((part) => part.split('=', 1)[0].trim());
  return [...new Set(names.filter(isSessionCookie))];
}

export interface ClaimsRead {
  claims: Record<string, unknown> | null;
  /** The cookies hold something that is not a usable session: clear them. */
  clear: boolean;
}

interface ClaimsSource {
  auth: { getClaims(): Promise<{ data: { claims: unknown } | null; error: unknown }> };
}

/** `cookieNames`: the request's cookies; any `sb-*` among them left without a session is cleared. */
export async function readClaims(supabase: ClaimsSource, cookieNames: string[]): Promise<ClaimsRead> {
  const hadSession = cookieNames.some(isSessionCookie);
  try {
    const { data, error } = await supabase.auth.getClaims();
    const claims = data?.claims as Record<string, unknown> | undefined;
    if (!error && claims && typeof claims.sub === 'string' && claims.sub) return { claims, clear: false };
    // The Auth server could not be reached (JWKS, refresh): signed out for this request, but the
    // session may be fine, so keep it for the next one.
    return { claims: null, clear: hadSession && !isAuthRetryableFetchError(error) };
  } catch {
    return { claims: null, clear: hadSession };
  }
}
