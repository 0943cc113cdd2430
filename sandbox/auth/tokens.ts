// Access tokens and session responses as GoTrue issues them: Supabase's claim set, signed with the
// stand-in's ES256 key, and the AccessTokenResponse body supabase-js turns into a Session.
import { randomBytes, randomUUID } from 'node:crypto';
import type { RawTx } from '@/lib/db/connect';
import type { AuthContext } from './context';
import { insertRefreshToken, insertSession, type SessionRow } from './sessions-store';
import { signJwt } from './signing-keys';
import { toUserJson } from './user-json';
import { recordSignIn, type UserRow } from './users-store';
import type { WeakPassword } from './validation';

export interface SessionResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
  expires_at: number;
  refresh_token: string;
  user: Record<string, unknown>;
  weak_password?: WeakPassword;
}

/** Opaque, unguessable, URL-safe; the database only ever looks it up by equality. */
export const newRefreshToken = (): string => randomBytes(24).toString('base64url');

const unix = (d: Date) => Math.floor(d.getTime() / 1000);

export async function issueAccessToken(
  ctx: AuthContext,
  user: UserRow,
  session: SessionRow,
): Promise<{ token: string; expiresAt: number }> {
  const iat = unix(ctx.now());
  const exp = iat + ctx.accessTokenTtlSeconds;
  const token = await signJwt(await ctx.signingKey(), {
    iss: ctx.issuer,
    sub: user.id,
    aud: user.aud ?? 'authenticated',
    exp,
    iat,
    email: user.email ?? '',
    phone: user.phone ?? '',
    app_metadata: user.raw_app_meta_data ?? {},
    user_metadata: user.raw_user_meta_data ?? {},
    role: user.role ?? 'authenticated',
    aal: 'aal1',
    // The session remembers how it began; refreshing does not add an entry.
    amr: [{ method: 'password', timestamp: unix(new Date(session.created_at)) }],
    session_id: session.id,
    is_anonymous: user.is_anonymous,
  });
  return { token, expiresAt: exp };
}

export async function sessionResponse(
  ctx: AuthContext,
  user: UserRow,
  session: SessionRow,
  refreshToken: string,
): Promise<SessionResponse> {
  const { token, expiresAt } = await issueAccessToken(ctx, user, session);
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: ctx.accessTokenTtlSeconds,
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: toUserJson(user),
  };
}

/** A password sign-in (or sign-up with autoconfirm): new session, first refresh token, last_sign_in_at. */
export async function startSession(ctx: AuthContext, tx: RawTx, user: UserRow): Promise<SessionResponse> {
  const at = ctx.now();
  const signedIn = await recordSignIn(tx, user.id, at);
  const session = await insertSession(tx, randomUUID(), user.id, at);
  const refresh = await insertRefreshToken(tx, { token: newRefreshToken(), userId: user.id, sessionId: session.id, parent: null, at });
  return sessionResponse(ctx, signedIn, session, refresh.token);
}
