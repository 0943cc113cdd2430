// POST /token: the password grant (sign-in) and the refresh_token grant with GoTrue's rotation
// rules. Rotation: each refresh revokes the presented token and issues its child. Presenting the
// parent of the current token again is allowed (the client lost the last answer) and returns the
// current token; any other revoked token outside the reuse interval is treated as theft: the whole
// session's tokens are revoked and the answer is `refresh_token_already_used`.
import type { AuthContext } from './context';
import { badRequest, GoTrueError, OAuthError, unprocessable } from './errors';
import { readJsonBody, sendJson, stringField } from './http';
import { verifyAgainstDecoy, verifyPassword } from './passwords';
import {
  activeRefreshToken,
  findRefreshTokenForUpdate,
  findSession,
  insertRefreshToken,
  markSessionRefreshed,
  revokeRefreshToken,
  revokeSessionTokens,
} from './sessions-store';
import { newRefreshToken, sessionResponse, startSession, type SessionResponse } from './tokens';
import { findUserByEmail, findUserById, isBanned } from './users-store';
import { isUuid, passwordWeakness, type WeakPassword } from './validation';

export async function tokenEndpoint(ctx: AuthContext, req: Request): Promise<Response> {
  const grant = new URL(req.url).searchParams.get('grant_type');
  if (grant === 'password') return passwordGrant(ctx, req);
  if (grant === 'refresh_token') return refreshTokenGrant(ctx, req);
  throw new OAuthError('unsupported_grant_type', '');
}

const invalidCredentials = () => badRequest('invalid_credentials', 'Invalid login credentials');

async function passwordGrant(ctx: AuthContext, req: Request): Promise<Response> {
  const body = await readJsonBody(req);
  const email = stringField(body, 'email');
  const phone = stringField(body, 'phone');
  const password = stringField(body, 'password');
  if (email && phone) throw badRequest('validation_failed', 'Only an email address or phone number should be provided on login.');
  if (!email && !phone) throw badRequest('validation_failed', 'missing email or phone');
  if (!email) throw unprocessable('phone_provider_disabled', 'Phone logins are disabled');

  const user = await ctx.database.rawTransaction((tx) => findUserByEmail(tx, email));
  if (!user || !user.encrypted_password) {
    await verifyAgainstDecoy(password, ctx.passwordHashLogN);
    throw invalidCredentials();
  }
  if (isBanned(user, ctx.now())) throw badRequest('user_banned', 'User is banned');
  if (!(await verifyPassword(password, user.encrypted_password))) throw invalidCredentials();
  if (!user.email_confirmed_at) throw badRequest('email_not_confirmed', 'Email not confirmed');

  const session: SessionResponse = await ctx.database.rawTransaction((tx) => startSession(ctx, tx, user));
  // GoTrue still signs in with a password that no longer meets the policy, and says so.
  const weak = weaknessOf(password, ctx.minPasswordLength);
  return sendJson(weak ? { ...session, weak_password: weak } : session);
}

function weaknessOf(password: string, minLength: number): WeakPassword | null {
  try {
    return passwordWeakness(password, minLength);
  } catch {
    return null;
  }
}

// Errors that must not roll back what the transaction did (the family revocation) are returned.
type RefreshOutcome = { ok: SessionResponse } | { error: GoTrueError };

async function refreshTokenGrant(ctx: AuthContext, req: Request): Promise<Response> {
  const body = await readJsonBody(req);
  const presented = stringField(body, 'refresh_token');
  if (!presented) throw new OAuthError('invalid_request', 'refresh_token required');
  const now = ctx.now();

  const outcome = await ctx.database.rawTransaction(async (tx): Promise<RefreshOutcome> => {
    const token = await findRefreshTokenForUpdate(tx, presented);
    const user = token && isUuid(token.user_id) ? await findUserById(tx, token.user_id) : null;
    if (!token || !user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    if (isBanned(user, now)) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned');
    const session = token.session_id ? await findSession(tx, token.session_id, true) : null;
    if (!session) throw badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found');
    if (session.not_after && new Date(session.not_after).getTime() < now.getTime()) {
      throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired');
    }

    let issued: string | null = null;
    if (token.revoked) {
      const active = await activeRefreshToken(tx, session.id);
      if (active && active.parent === token.token) {
        issued = active.token;
      } else if (now.getTime() > new Date(token.updated_at).getTime() + ctx.refreshTokenReuseIntervalSeconds * 1000) {
        await revokeSessionTokens(tx, session.id, now);
        return { error: badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used') };
      }
    }
    if (!issued) {
      if (!token.revoked) await revokeRefreshToken(tx, token.id, now);
      const child = await insertRefreshToken(tx, { token: newRefreshToken(), userId: user.id, sessionId: session.id, parent: token.token, at: now });
      issued = child.token;
    }
    await markSessionRefreshed(tx, session.id, now);
    return { ok: await sessionResponse(ctx, user, session, issued) };
  });
  if ('error' in outcome) throw outcome.error;
  return sendJson(outcome.ok);
}
