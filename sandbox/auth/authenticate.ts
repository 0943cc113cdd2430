// GoTrue's requireAuthentication: a Bearer access token, verified, whose user and session still
// exist. A signed-out session answers `session_not_found`, which supabase-js turns into
// AuthSessionMissingError and treats as "already signed out".
import type { JWTPayload } from 'jose';
import type { RawTx } from '@/lib/db/connect';
import type { AuthContext } from './context';
import { badRequest, forbidden, unauthorized } from './errors';
import { findSession, type SessionRow } from './sessions-store';
import { verifyJwt } from './signing-keys';
import { findUserById, type UserRow } from './users-store';
import { isUuid } from './validation';

const BEARER = /^[Bb]earer (\S+)$/;

export interface Authenticated {
  claims: JWTPayload & { session_id?: string };
  user: UserRow;
  session: SessionRow | null;
}

/** The verified claims, before touching the database. */
export async function verifiedClaims(ctx: AuthContext, req: Request): Promise<Authenticated['claims']> {
  const m = BEARER.exec(req.headers.get('authorization') ?? '');
  if (!m) throw unauthorized('no_authorization', 'This endpoint requires a Bearer token');
  return verifyJwt(await ctx.signingKey(), m[1], ctx.clock.now());
}

/** Loads the token's user and session inside `tx` (locked when the caller will modify them). */
export async function loadPrincipal(tx: RawTx, claims: Authenticated['claims'], forUpdate = false): Promise<Authenticated> {
  if (!claims.sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim');
  if (!isUuid(claims.sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID');
  const user = await findUserById(tx, claims.sub, forUpdate);
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist');
  let session: SessionRow | null = null;
  const sid = claims.session_id;
  if (sid && sid !== '00000000-0000-0000-0000-000000000000') {
    if (!isUuid(sid)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID');
    session = await findSession(tx, sid, forUpdate);
    if (!session) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist');
  }
  return { claims, user, session };
}
