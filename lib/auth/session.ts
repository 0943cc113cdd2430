import 'server-only';
// Who is asking. Claims come from supabase.auth.getClaims(), which verifies the JWT (signature
// against the project's JWKS, expiry) before anything reaches Postgres as request.jwt.claims.
import { redirect } from 'next/navigation';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import type { Claims } from '@/lib/db';

export interface Session {
  userId: string;
  email: string;
  claims: Claims;
}

export async function getSession(): Promise<Session | null> {
  const supabase = await createSupabaseServerClient();
  const { data, error } = await supabase.auth.getClaims();
  if (error || !data?.claims?.sub) return null;
  const claims = data.claims as unknown as Claims;
  return { userId: claims.sub, email: String(claims.email ?? ''), claims };
}

/** The session, or a redirect to sign-in that comes back to `next`. */
export async function requireSession(next?: string): Promise<Session> {
  const session = await getSession();
  if (!session) redirect(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
  return session;
}
