// GET /user, PUT /user and POST /logout: the endpoints that act for the bearer of an access token.
import type { AuthContext } from './context';
import { badRequest, unprocessable } from './errors';
import { loadPrincipal, verifiedClaims } from './authenticate';
import { readJsonBody, sendJson } from './http';
import { hashPassword, verifyPassword } from './passwords';
import { deleteSession, deleteUserSessions } from './sessions-store';
import { toUserJson } from './user-json';
import { findUserById, setPassword, setUserMetadata, type Json } from './users-store';
import { assertStrongPassword } from './validation';

export async function getUserEndpoint(ctx: AuthContext, req: Request): Promise<Response> {
  const claims = await verifiedClaims(ctx, req);
  const { user } = await ctx.database.rawTransaction((tx) => loadPrincipal(tx, claims));
  return sendJson(toUserJson(user));
}

/**
 * Password change and user_metadata updates. Email and phone changes need a mailer and an SMS
 * provider the sandbox does not have, so they are refused rather than silently ignored.
 */
export async function updateUserEndpoint(ctx: AuthContext, req: Request): Promise<Response> {
  const claims = await verifiedClaims(ctx, req);
  const body = await readJsonBody(req);
  const { password, data } = body;
  if (password !== undefined && password !== null && typeof password !== 'string') {
    throw badRequest('bad_json', 'Could not parse request body as JSON: password must be a string');
  }
  if (data !== undefined && data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw badRequest('bad_json', 'Could not parse request body as JSON: data must be an object');
  }
  if (typeof password === 'string') assertStrongPassword(password, ctx.minPasswordLength);
  const newHash = typeof password === 'string' ? await hashPassword(password, ctx.passwordHashLogN) : null;

  const updated = await ctx.database.rawTransaction(async (tx) => {
    const { user, session } = await loadPrincipal(tx, claims, true);
    for (const field of ['email', 'phone'] as const) {
      const wanted = body[field];
      if (typeof wanted === 'string' && wanted !== '' && wanted.toLowerCase() !== (user[field] ?? '').toLowerCase()) {
        throw unprocessable('validation_failed', `Changing the ${field} is not supported by the sandbox Auth stand-in`);
      }
    }
    const at = ctx.now();
    if (typeof password === 'string' && newHash) {
      if (await verifyPassword(password, user.encrypted_password)) {
        throw unprocessable('same_password', 'New password should be different from the old password.');
      }
      await setPassword(tx, user.id, newHash, at);
      // A new password means the old one may be known to someone: every other session ends.
      await deleteUserSessions(tx, user.id, session?.id);
    }
    if (data && typeof data === 'object') {
      const merged: Json = { ...(user.raw_user_meta_data ?? {}) };
      for (const [k, v] of Object.entries(data as Json)) {
        if (v === null) delete merged[k];
        else merged[k] = v;
      }
      await setUserMetadata(tx, user.id, merged, at);
    }
    return findUserById(tx, user.id);
  });
  return sendJson(toUserJson(updated!));
}

export async function logoutEndpoint(ctx: AuthContext, req: Request): Promise<Response> {
  const claims = await verifiedClaims(ctx, req);
  const scope = new URL(req.url).searchParams.get('scope') ?? '';
  if (!['', 'global', 'local', 'others'].includes(scope)) {
    throw badRequest('validation_failed', `Unsupported logout scope "${scope}"`);
  }
  await ctx.database.rawTransaction(async (tx) => {
    const { user, session } = await loadPrincipal(tx, claims);
    if (!session) return deleteUserSessions(tx, user.id);
    if (scope === 'local') return deleteSession(tx, session.id);
    if (scope === 'others') return deleteUserSessions(tx, user.id, session.id);
    return deleteUserSessions(tx, user.id);
  });
  return new Response(null, { status: 204 });
}
