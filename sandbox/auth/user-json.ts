// The user object as GoTrue serializes it (models.User): what supabase-js hands the app as `user`.
// The stand-in has no auth.identities table, so the email identity is derived from the user row.
import { createHash } from 'node:crypto';
import type { UserRow } from './users-store';

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** A stable id for the user's one email identity, shaped like a UUID. */
function identityId(userId: string): string {
  const h = createHash('sha256').update(`email-identity:${userId}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function toUserJson(u: UserRow): Record<string, unknown> {
  const email = u.email ?? '';
  const confirmedAt = iso(u.email_confirmed_at);
  const userMetadata = u.raw_user_meta_data ?? {};
  const identity = {
    identity_id: identityId(u.id),
    id: u.id,
    user_id: u.id,
    identity_data: { ...userMetadata, email, email_verified: confirmedAt !== null, phone_verified: false, sub: u.id },
    provider: 'email',
    last_sign_in_at: iso(u.last_sign_in_at) ?? iso(u.created_at),
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    email,
  };
  return {
    id: u.id,
    aud: u.aud ?? '',
    role: u.role ?? '',
    email,
    ...(confirmedAt ? { email_confirmed_at: confirmedAt } : {}),
    phone: u.phone ?? '',
    ...(confirmedAt ? { confirmed_at: confirmedAt } : {}),
    ...(u.last_sign_in_at ? { last_sign_in_at: iso(u.last_sign_in_at) } : {}),
    app_metadata: u.raw_app_meta_data ?? {},
    user_metadata: userMetadata,
    identities: u.email ? [identity] : [],
    created_at: iso(u.created_at),
    updated_at: iso(u.updated_at),
    ...(u.banned_until ? { banned_until: iso(u.banned_until) } : {}),
    is_anonymous: u.is_anonymous,
  };
}
