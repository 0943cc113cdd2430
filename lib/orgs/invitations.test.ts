import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg } from '@/tests/support/fixtures';
import { runAsUser, type Claims } from '@/lib/db/session';
import { auditEvents, invitations, memberships } from '@/lib/db/schema';
import type { Db } from '@/lib/db/connect';
import {
  answerInvitation, hashInvitationToken, inviteMember, listPendingInvitations, newInvitationToken, previewInvitation,
  revokeInvitation, TOKEN_PATTERN,
} from './invitations';
import { leaveOrganization } from './members';
import { confirmedUser, expectMemberError } from '@/tests/support/users';

describe.each(backends)('invitations on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let owner: Claims, admin: Claims, viewer: Claims;
  let orgId: string;
  const as = <T>(who: Claims, fn: Parameters<typeof runAsUser<T>>[2]) => runAsUser(db, who, fn);
  const actor = (c: Claims) => ({ userId: c.sub });
  const roleOf = async (user: Claims, org = orgId) =>
    (await db.select().from(memberships).where(and(eq(memberships.orgId, org), eq(memberships.userId, user.sub))))[0]?.role;
  const invite = (who: Claims, email: string, role: 'viewer' | 'operator' | 'admin' | 'owner' = 'viewer') =>
    as(who, (tx) => inviteMember(tx, actor(who), orgId, email, role));
  const answer = (who: Claims, token: string, accept = true) => as(who, (tx) => answerInvitation(tx, token, accept));
  const auditFor = async (invitationId: string) =>
    db.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'invitation'), eq(auditEvents.targetId, invitationId)));

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    owner = await confirmedUser(db);
    admin = await confirmedUser(db);
    viewer = await confirmedUser(db);
    orgId = await createOrg(db, 'Acme', [[owner, 'owner'], [admin, 'admin'], [viewer, 'viewer']]);
  });
  afterAll(() => t?.cleanup());

  it('tokens are 256 random bits; only their SHA-256 is stored', async () => {
    const b = await confirmedUser(db);
    const { id, token } = await invite(admin, b.email!);
    expect(token).toMatch(TOKEN_PATTERN);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(newInvitationToken()).not.toBe(token);
    const [row] = await db.select().from(invitations).where(eq(invitations.id, id));
    expect(row.tokenHash).toBe(hashInvitationToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);
  });

  it('nothing is granted until the invitee accepts; the invitee sees org, role and inviter first', async () => {
    const b = await confirmedUser(db);
    const { id, token } = await invite(admin, b.email!.toUpperCase(), 'operator');
    expect(await roleOf(b)).toBeUndefined();
    const preview = await as(b, (tx) => previewInvitation(tx, token));
    expect(preview).toMatchObject({ id, status: 'pending', forMe: true, alreadyMember: false, orgName: 'Acme', role: 'operator', inviterEmail: admin.email });
    expect(await answer(b, token)).toEqual({ outcome: 'accepted', orgId });
    expect(await roleOf(b)).toBe('operator');
    const events = await auditFor(id);
    expect(events.map((e) => e.action).sort()).toEqual(['invitation.accepted', 'invitation.created']);
    for (const e of events) expect(JSON.stringify(e.details)).not.toContain('@');
    // Reuse: the same link cannot be answered again, by anyone.
    expect((await answer(b, token)).outcome).toBe('used');
    expect((await answer(b, token, false)).outcome).toBe('used');
  });

  it('someone signed in with another e-mail can neither accept nor see the details', async () => {
    const b = await confirmedUser(db);
    const mallory = await confirmedUser(db);
    const { token } = await invite(admin, b.email!);
    expect(await as(mallory, (tx) => previewInvitation(tx, token))).toMatchObject({ forMe: false, orgName: null, role: null, inviterEmail: null });
    expect((await answer(mallory, token)).outcome).toBe('wrong_email');
    expect((await answer(mallory, token, false)).outcome).toBe('wrong_email');
    expect(await roleOf(mallory)).toBeUndefined();
    // A JWT claiming the invited e-mail for another account does not pass either.
    expect((await answer({ ...mallory, email: b.email }, token)).outcome).toBe('wrong_email');
    expect(await roleOf(mallory)).toBeUndefined();
    // The real invitee still can.
    expect((await answer(b, token)).outcome).toBe('accepted');
  });

  it('an account whose e-mail is not confirmed cannot accept', async () => {
    const { createUser } = await import('@/tests/support/fixtures');
    const unconfirmed = await createUser(db);
    const { token } = await invite(admin, unconfirmed.email!);
    expect((await answer(unconfirmed, token)).outcome).toBe('wrong_email');
    expect(await roleOf(unconfirmed)).toBeUndefined();
  });

  it('declining grants nothing, is audited, and closes the link', async () => {
    const b = await confirmedUser(db);
    const { id, token } = await invite(admin, b.email!);
    expect((await answer(b, token, false)).outcome).toBe('declined');
    expect(await roleOf(b)).toBeUndefined();
    expect((await answer(b, token)).outcome).toBe('used');
    const [declined] = (await auditFor(id)).filter((e) => e.action === 'invitation.declined');
    expect(declined).toMatchObject({ actorUserId: b.sub, details: { role: 'viewer', user_id: b.sub } });
  });

  it('a revoked invitation cannot be accepted; revoking is audited and admin-only', async () => {
    const b = await confirmedUser(db);
    const { id, token } = await invite(admin, b.email!);
    await expectMemberError(as(viewer, (tx) => revokeInvitation(tx, actor(viewer), orgId, id)), 'forbidden');
    // Straight to the database, a viewer's revoke changes nothing.
    await as(viewer, (tx) => tx.execute(sql`select private.revoke_invitation(${orgId}::uuid, ${id}::uuid)`));
    expect((await as(b, (tx) => previewInvitation(tx, token)))?.status).toBe('pending');
    await as(admin, (tx) => revokeInvitation(tx, actor(admin), orgId, id));
    expect((await answer(b, token)).outcome).toBe('revoked');
    expect(await roleOf(b)).toBeUndefined();
    expect((await auditFor(id)).map((e) => e.action)).toContain('invitation.revoked');
    await expectMemberError(as(admin, (tx) => revokeInvitation(tx, actor(admin), orgId, id)), 'invitation_gone');
  });

  it('an admin cannot revoke an owner invitation; an owner can', async () => {
    const b = await confirmedUser(db);
    const { id } = await invite(owner, b.email!, 'owner');
    await expectMemberError(as(admin, (tx) => revokeInvitation(tx, actor(admin), orgId, id)), 'owner_only');
    await as(owner, (tx) => revokeInvitation(tx, actor(owner), orgId, id));
  });

  it('an expired invitation cannot be accepted, and expiry is audited once by the system', async () => {
    const b = await confirmedUser(db);
    const { id, token } = await invite(admin, b.email!);
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, id));
    expect((await answer(b, token)).outcome).toBe('expired');
    expect(await roleOf(b)).toBeUndefined();
    expect((await answer(b, token)).outcome).toBe('expired');
    const expired = (await auditFor(id)).filter((e) => e.action === 'invitation.expired');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ actorType: 'system', actorUserId: null });
  });

  it('pending invitations are listed for admins only, overdue ones settled as expired', async () => {
    const c = await confirmedUser(db);
    const d = await confirmedUser(db);
    const live = await invite(admin, c.email!);
    const overdue = await invite(admin, d.email!);
    await db.update(invitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invitations.id, overdue.id));
    const listed = (await as(admin, (tx) => listPendingInvitations(tx, orgId))).map((i) => i.id);
    expect(listed).toContain(live.id);
    expect(listed).not.toContain(overdue.id);
    expect((await auditFor(overdue.id)).map((e) => e.action)).toContain('invitation.expired');
    expect(await as(viewer, (tx) => listPendingInvitations(tx, orgId))).toEqual([]);
  });

  it('re-inviting an address replaces its pending invitation (the old link stops working)', async () => {
    const b = await confirmedUser(db);
    const first = await invite(admin, b.email!);
    const second = await invite(admin, b.email!, 'operator');
    expect((await answer(b, first.token)).outcome).toBe('revoked');
    expect((await answer(b, second.token)).outcome).toBe('accepted');
    expect(await roleOf(b)).toBe('operator');
  });

  it("the inviter's answer is the same whether or not the e-mail has an account", async () => {
    const registered = await confirmedUser(db);
    const unknown = `nobody-${crypto.randomUUID()}@example.test`;
    const a = await invite(admin, registered.email!);
    const b = await invite(admin, unknown);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a.token).toMatch(TOKEN_PATTERN);
    expect(b.token).toMatch(TOKEN_PATTERN);
    const rows = await db.select().from(invitations).where(eq(invitations.orgId, orgId));
    const shape = (id: string) => {
      const { id: _i, email: _e, tokenHash: _t, createdAt: _c, expiresAt: _x, ...rest } = rows.find((r) => r.id === id)!;
      return rest;
    };
    expect(shape(a.id)).toEqual(shape(b.id));
    // ...and whoever signs up with that address later accepts it.
    const later = await confirmedUser(db, unknown);
    expect((await answer(later, b.token)).outcome).toBe('accepted');
  });

  it('the e-mail lookup is gone: authenticated users cannot map e-mails to user ids', async () => {
    const err = await as(admin, (tx) => tx.execute(sql`select private.user_id_by_email(${viewer.email!})`)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
  });

  it('malformed tokens answer not_found and write nothing', async () => {
    const b = await confirmedUser(db);
    const before = (await db.select().from(auditEvents)).length;
    for (const bad of ['', 'short', 'x'.repeat(43) + '!', '../../etc', "'; drop table x; --".padEnd(43, 'a'), newInvitationToken()]) {
      expect(await as(b, (tx) => previewInvitation(tx, bad))).toBeNull();
      expect((await answer(b, bad)).outcome).toBe('not_found');
    }
    expect((await db.select().from(auditEvents)).length).toBe(before);
  });

  it('any member may leave (audited); the last owner may not, and then nothing is written', async () => {
    const b = await confirmedUser(db);
    const { token } = await invite(admin, b.email!);
    await answer(b, token);
    await as(b, (tx) => leaveOrganization(tx, actor(b), orgId));
    expect(await roleOf(b)).toBeUndefined();
    const [left] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, 'member.left'), eq(auditEvents.targetId, b.sub)));
    expect(left).toMatchObject({ orgId, actorUserId: b.sub, details: { role: 'viewer' } });
    await expectMemberError(as(b, (tx) => leaveOrganization(tx, actor(b), orgId)), 'not_your_org');

    const before = (await db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId))).length;
    await expectMemberError(as(owner, (tx) => leaveOrganization(tx, actor(owner), orgId)), 'last_owner');
    expect(await roleOf(owner)).toBe('owner');
    expect((await db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId))).length).toBe(before);
  });
});
