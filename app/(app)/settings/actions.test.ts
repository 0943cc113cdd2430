// Bad input to the Settings actions gets a clear message and writes nothing; the inviter's
// answer does not depend on whether the address has an account.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg } from '@/tests/support/fixtures';
import type { Claims } from '@/lib/db/session';
import { auditEvents, invitations, memberships, organizations } from '@/lib/db/schema';
import { confirmedUser } from '@/tests/support/users';

import { actionCtx as ctx } from '@/tests/support/action-session';

vi.mock('@/lib/auth/session', async () => (await import('@/tests/support/action-session')).sessionModule());
vi.mock('@/lib/db', async (orig) => (await import('@/tests/support/action-session')).dbModule(await orig<object>()));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { inviteMemberAction, leaveOrganizationAction, revokeInvitationAction, setTimeZoneAction } = await import('./actions');

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe.each(backends)('settings actions on $name', (backend) => {
  let t: TestDatabase;
  let owner: Claims, admin: Claims, viewer: Claims, otherOwner: Claims;
  let orgId: string, otherOrgId: string;
  const counts = async () => ({
    invitations: (await ctx.db!.select().from(invitations)).length,
    audit: (await ctx.db!.select().from(auditEvents)).length,
    memberships: (await ctx.db!.select().from(memberships)).length,
  });
  const as = (who: Claims | undefined) => (ctx.user = who);

  beforeAll(async () => {
    t = await backend.open();
    ctx.db = t.database.db;
    owner = await confirmedUser(ctx.db);
    admin = await confirmedUser(ctx.db);
    viewer = await confirmedUser(ctx.db);
    otherOwner = await confirmedUser(ctx.db);
    orgId = await createOrg(ctx.db, 'Acme', [[owner, 'owner'], [admin, 'admin'], [viewer, 'viewer']]);
    otherOrgId = await createOrg(ctx.db, 'Other', [[otherOwner, 'owner']]);
  });
  afterAll(() => t?.cleanup());
  beforeEach(() => as(undefined));

  it.each([
    ['a viewer inviting', () => viewer, () => ({ orgId, email: 'x@example.test', role: 'viewer' }), "You don't have permission to manage members."],
    ['an admin inviting into a foreign org', () => admin, () => ({ orgId: otherOrgId, email: 'x@example.test', role: 'viewer' }), "You don't have permission to manage members."],
    ['an admin inviting an owner', () => admin, () => ({ orgId, email: 'x@example.test', role: 'owner' }), 'Only an owner can grant, change or remove the owner role.'],
    ['a malformed org id', () => admin, () => ({ orgId: 'not-a-uuid', email: 'x@example.test', role: 'viewer' }), 'Reload the page and try again.'],
    ['a missing org id', () => admin, () => ({ email: 'x@example.test', role: 'viewer' }), 'Reload the page and try again.'],
    ['nobody signed in', () => undefined, () => ({ orgId, email: 'x@example.test', role: 'viewer' }), 'Your session has expired. Sign in again.'],
  ])('invite: %s gets a clear message and writes nothing', async (_what, who, fields, message) => {
    as(who());
    const before = await counts();
    const state = await inviteMemberAction({}, form(fields()));
    expect(state.error).toBe(message);
    expect(state.link).toBeUndefined();
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a malformed e-mail', { email: 'not-an-email', role: 'viewer' }, 'email'],
    ['an unknown role', { email: 'x@example.test', role: 'superuser' }, 'role'],
  ])('invite: %s is a field error and writes nothing', async (_what, fields, field) => {
    as(admin);
    const before = await counts();
    const state = await inviteMemberAction({}, form({ orgId, ...fields }));
    expect(state.fields?.[field]).toBeTruthy();
    expect(await counts()).toEqual(before);
  });

  it("invite: the answer is the same whether or not the address has an account", async () => {
    as(admin);
    const registered = await confirmedUser(ctx.db!, `known-${crypto.randomUUID()}@example.test`);
    const unknown = `unknown-${crypto.randomUUID()}@example.test`;
    const a = await inviteMemberAction({}, form({ orgId, email: registered.email!, role: 'viewer' }));
    const b = await inviteMemberAction({}, form({ orgId, email: unknown, role: 'viewer' }));
    const neutral = (s: typeof a) => ({ ...s, success: s.success?.replace(/\S+@\S+/, '<email>'), link: s.link?.replace(/[^/]+$/, '<token>') });
    expect(neutral(a)).toEqual(neutral(b));
    expect(a.link).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(a.error).toBeUndefined();
  });

  it('revoke: a malformed id, a foreign invitation, or a viewer gets a clear message and writes nothing', async () => {
    as(otherOwner);
    const foreign = await inviteMemberAction({}, form({ orgId: otherOrgId, email: 'y@example.test', role: 'viewer' }));
    expect(foreign.link).toBeDefined();
    const [foreignRow] = await ctx.db!.select().from(invitations).where(eq(invitations.orgId, otherOrgId));
    as(admin);
    const before = await counts();
    expect((await revokeInvitationAction({}, form({ orgId, invitationId: 'nope' }))).error).toBe('Reload the page and try again.');
    expect((await revokeInvitationAction({}, form({ orgId, invitationId: foreignRow.id }))).error).toBe(
      'This invitation is no longer pending. Reload the page.',
    );
    expect((await revokeInvitationAction({}, form({ orgId: otherOrgId, invitationId: foreignRow.id }))).error).toBe(
      "You don't have permission to manage members.",
    );
    as(viewer);
    const [mine] = await ctx.db!.select().from(invitations).where(eq(invitations.orgId, orgId));
    expect((await revokeInvitationAction({}, form({ orgId, invitationId: mine.id }))).error).toBe("You don't have permission to manage members.");
    expect(await counts()).toEqual(before);
  });

  it('time zone: an unknown zone, a viewer, a foreign or malformed org id get a clear message and write nothing', async () => {
    const zones = async () => (await ctx.db!.select({ tz: organizations.timeZone }).from(organizations)).map((r) => r.tz).sort();
    const before = { ...(await counts()), zones: await zones() };
    as(admin);
    expect((await setTimeZoneAction({}, form({ orgId, timeZone: 'Mars/Olympus' }))).error).toBe('Choose a time zone from the list.');
    expect((await setTimeZoneAction({}, form({ orgId }))).fields?.timeZone).toBeTruthy();
    expect((await setTimeZoneAction({}, form({ orgId: 'nope', timeZone: 'Europe/Paris' }))).error).toBe('Reload the page and try again.');
    expect((await setTimeZoneAction({}, form({ orgId: otherOrgId, timeZone: 'Europe/Paris' }))).error).toBe('Only an owner or an admin can change the time zone.');
    as(viewer);
    expect((await setTimeZoneAction({}, form({ orgId, timeZone: 'Europe/Paris' }))).error).toBe('Only an owner or an admin can change the time zone.');
    expect({ ...(await counts()), zones: await zones() }).toEqual(before);
    as(admin);
    expect(await setTimeZoneAction({}, form({ orgId, timeZone: 'Europe/Paris' }))).toEqual({ success: 'Time zone saved.' });
    const [row] = await ctx.db!.select().from(organizations).where(eq(organizations.id, orgId));
    expect(row.timeZone).toBe('Europe/Paris');
  });

  it('leave: a foreign or malformed org id, or the last owner, gets a clear message and writes nothing', async () => {
    const before = await counts();
    as(viewer);
    expect((await leaveOrganizationAction({}, form({ orgId: otherOrgId }))).error).toBe(
      'You are not a member of this organization (any more). Reload the page.',
    );
    expect((await leaveOrganizationAction({}, form({ orgId: '../x' }))).error).toBe('Reload the page and try again.');
    expect((await leaveOrganizationAction({}, new FormData())).error).toBe('Reload the page and try again.');
    as(owner);
    expect((await leaveOrganizationAction({}, form({ orgId }))).error).toBe(
      'An organization must keep at least one owner. Make someone else an owner first.',
    );
    expect(await counts()).toEqual(before);
    as(viewer);
    expect(await leaveOrganizationAction({}, form({ orgId }))).toEqual({ success: 'You left the organization.' });
  });
});
