// Test helpers for invitations (used by the lib/orgs tests only).
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import type { Role } from '@/lib/model';
import { createUser } from '@/tests/support/fixtures';
import { answerInvitation, inviteMember } from '@/lib/orgs/invitations';
import { MemberError, type MemberErrorCode } from '@/lib/orgs/members';

/** A user who can sign in: their e-mail is confirmed, as Auth does at sign-up. */
export async function confirmedUser(db: Db, email?: string): Promise<Claims> {
  const user = await createUser(db, email);
  await db.execute(sql`update auth.users set email_confirmed_at = now() where id = ${user.sub}::uuid`);
  return user;
}

/** `inviter` invites `invitee` with `role` and the invitee accepts: the only way in. */
export async function joinByInvitation(db: Db, inviter: Claims, orgId: string, invitee: Claims, role: Role): Promise<void> {
  const { token } = await runAsUser(db, inviter, (tx) => inviteMember(tx, { userId: inviter.sub }, orgId, invitee.email!, role));
  const { outcome } = await runAsUser(db, invitee, (tx) => answerInvitation(tx, token, true));
  if (outcome !== 'accepted') throw new Error(`invitation not accepted: ${outcome}`);
}

export async function expectMemberError(p: Promise<unknown>, code: MemberErrorCode) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(MemberError);
  expect((err as MemberError).code).toBe(code);
}
