import 'server-only';
// Who is asking. Claims come from supabase.auth.getClaims(), which verifies the JWT (signature
// against the project's JWKS, expiry) before anything reaches Postgres as request.jwt.claims.
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { clearSessionCookies, createSupabaseServerClient } from '@/lib/supabase/server';
import { readClaims, sessionCookieNames } from './session-read';
import type { Claims } from '@/lib/db';

export interface Session {
  userId: string;
  email: string;
  claims: Claims;
}

export async function getSession(): Promise<Session | null> {
  const cookieNames = sessionCookieNames((await headers()).get('cookie'));
  const supabase = await createSupabaseServerClient();
  // A cookie that is not a usable session (forged, corrupted, another algorithm) is "signed out".
  const read = await readClaims(supabase, cookieNames);
  if (read.clear) await clearSessionCookies(cookieNames);
  if (!read.claims) return null;
  const claims = read.claims as unknown as Claims;
  return { userId: claims.sub, email: String(claims.email ?? ''), claims };
}

/** The session, or a redirect to sign-in that comes back to `next`. */
export async function requireSession(next?: string): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  return session;
}
