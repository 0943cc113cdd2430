import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { runAsUser, type Claims } from '@/lib/db/session';
import { auditEvents, memberships } from '@/lib/db/schema';
import type { Db } from '@/lib/db/connect';
import {
  changeMemberRole, listMembers, removeMember, renameOrganization,
} from './members';
import { inviteMember } from './invitations';
import { confirmedUser, expectMemberError, joinByInvitation } from '@/tests/support/users';

describe.each(backends)('organization members on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let owner: Claims, admin: Claims, viewer: Claims, outsider: Claims, otherOwner: Claims;
  let orgId: string, otherOrgId: string;
  const as = <T>(who: Claims, fn: Parameters<typeof runAsUser<T>>[2]) => runAsUser(db, who, fn);
  const actor = (c: Claims) => ({ userId: c.sub });

  const roleOf = async (org: string, user: Claims) =>
    (await db.select().from(memberships).where(and(eq(memberships.orgId, org), eq(memberships.userId, user.sub))))[0]?.role;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    owner = await createUser(db);
    admin = await createUser(db);
    viewer = await createUser(db);
    outsider = await createUser(db);
    otherOwner = await createUser(db);
    orgId = await createOrg(db, 'Acme', [[owner, 'owner'], [admin, 'admin'], [viewer, 'viewer']]);
    otherOrgId = await createOrg(db, 'Other', [[otherOwner, 'owner']]);
  });
  afterAll(() => t?.cleanup());

  it('an admin brings a user in as viewer by invitation, audited by ids only', async () => {
    const newbie = await confirmedUser(db, `Newbie-${crypto.randomUUID()}@example.test`);
    await joinByInvitation(db, admin, orgId, newbie, 'viewer'); // mixed-case address, compared case-insensitively
    expect(await roleOf(orgId, newbie)).toBe('viewer');
    const members = await as(viewer, (tx) => listMembers(tx, orgId));
    expect(members.map((x) => x.userId)).toContain(newbie.sub);
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.targetType, 'invitation')));
    const accepted = events.find((e) => e.action === 'invitation.accepted' && e.actorUserId === newbie.sub);
    expect(accepted).toMatchObject({ actorType: 'user', details: { role: 'viewer', user_id: newbie.sub } });
    for (const e of events) expect(JSON.stringify(e.details)).not.toContain('@');
  });

  it('a viewer cannot invite, and nobody can insert a membership directly (not even an admin)', async () => {
    const someone = await confirmedUser(db);
    await expectMemberError(as(viewer, (tx) => inviteMember(tx, actor(viewer), orgId, someone.email!, 'viewer')), 'forbidden');
    for (const who of [viewer, admin, owner]) {
      const direct = as(who, (tx) => tx.insert(memberships).values({ orgId, userId: someone.sub, role: 'viewer' }));
      await expect(direct).rejects.toThrow();
    }
    expect(await roleOf(orgId, someone)).toBeUndefined();
  });

  it('an admin cannot invite an owner; an owner can, and only owners change the owner role', async () => {
    const a = await confirmedUser(db);
    await expectMemberError(as(admin, (tx) => inviteMember(tx, actor(admin), orgId, a.email!, 'owner')), 'owner_only');
    await joinByInvitation(db, admin, orgId, a, 'operator');
    await expectMemberError(as(admin, (tx) => changeMemberRole(tx, actor(admin), orgId, a.sub, 'owner')), 'owner_only');
    await as(owner, (tx) => changeMemberRole(tx, actor(owner), orgId, a.sub, 'owner'));
    expect(await roleOf(orgId, a)).toBe('owner');
    // ...and back, so the rest of the suite has a single owner again.
    await as(owner, (tx) => removeMember(tx, actor(owner), orgId, a.sub));
    expect(await roleOf(orgId, a)).toBeUndefined();
  });

  it('the last owner can be neither removed nor demoted, and nothing is audited', async () => {
    const before = (await db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId))).length;
    await expectMemberError(as(owner, (tx) => removeMember(tx, actor(owner), orgId, owner.sub)), 'last_owner');
    await expectMemberError(as(owner, (tx) => changeMemberRole(tx, actor(owner), orgId, owner.sub, 'admin')), 'last_owner');
    expect(await roleOf(orgId, owner)).toBe('owner');
    expect((await db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId))).length).toBe(before);
  });

  it('an admin can neither remove nor demote an owner', async () => {
    await expectMemberError(as(admin, (tx) => removeMember(tx, actor(admin), orgId, owner.sub)), 'owner_only');
    await expectMemberError(as(admin, (tx) => changeMemberRole(tx, actor(admin), orgId, owner.sub, 'viewer')), 'owner_only');
    expect(await roleOf(orgId, owner)).toBe('owner');
  });

  it('inviting into another organization is refused (check and RLS alike)', async () => {
    const x = await confirmedUser(db);
    await expectMemberError(as(admin, (tx) => inviteMember(tx, actor(admin), otherOrgId, x.email!, 'viewer')), 'forbidden');
    await expect(as(admin, (tx) => tx.insert(memberships).values({ orgId: otherOrgId, userId: x.sub, role: 'viewer' }))).rejects.toThrow();
    expect(await roleOf(otherOrgId, x)).toBeUndefined();
    // Nor can an outsider list another organization's members.
    expect(await as(outsider, (tx) => listMembers(tx, orgId))).toEqual([]);
  });

  it('inviting an existing member gets a clear error', async () => {
    await expectMemberError(as(admin, (tx) => inviteMember(tx, actor(admin), orgId, viewer.email!.toUpperCase(), 'operator')), 'already_member');
  });

  it('an admin changes a role and removes a member, each audited', async () => {
    const m = await confirmedUser(db);
    await joinByInvitation(db, admin, orgId, m, 'viewer');
    await as(admin, (tx) => changeMemberRole(tx, actor(admin), orgId, m.sub, 'operator'));
    expect(await roleOf(orgId, m)).toBe('operator');
    await as(admin, (tx) => removeMember(tx, actor(admin), orgId, m.sub));
    expect(await roleOf(orgId, m)).toBeUndefined();
    const actions = (await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.targetId, m.sub))))
      .map((e) => e.action)
      .sort();
    expect(actions).toEqual(['member.removed', 'member.role_changed']);
  });

  it('only an owner renames the organization', async () => {
    await expectMemberError(as(admin, (tx) => renameOrganization(tx, actor(admin), orgId, 'Hacked')), 'rename_forbidden');
    await expectMemberError(as(otherOwner, (tx) => renameOrganization(tx, actor(otherOwner), orgId, 'Hacked')), 'rename_forbidden');
    await as(owner, (tx) => renameOrganization(tx, actor(owner), orgId, '  Acme Goods  '));
    const [event] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'organization.renamed')));
    expect(event.details).toEqual({ from: 'Acme', to: 'Acme Goods' });
  });
});
