// The invitee's answer: bad input gets a clear message and writes nothing; only the invitee,
// signed in as the invited address, joins; accepting makes the organization the current one.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg } from '@/tests/support/fixtures';
import { runAsUser, type Claims } from '@/lib/db/session';
import { auditEvents, invitations, memberships, userPreferences } from '@/lib/db/schema';
import { inviteMember, newInvitationToken } from '@/lib/orgs/invitations';
import { confirmedUser } from '@/tests/support/users';

import { actionCtx as ctx } from '@/tests/support/action-session';

vi.mock('@/lib/auth/session', async () => (await import('@/tests/support/action-session')).sessionModule());
vi.mock('@/lib/db', async (orig) => (await import('@/tests/support/action-session')).dbModule(await orig<object>()));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`REDIRECT ${to}`);
  },
}));

const { answerInvitationAction } = await import('./actions');

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe.each(backends)('invitation answer action on $name', (backend) => {
  let t: TestDatabase;
  let owner: Claims, invitee: Claims, stranger: Claims;
  let orgId: string, token: string;
  const snapshot = async () => ({
    invitations: await ctx.db!.select().from(invitations),
    audit: (await ctx.db!.select().from(auditEvents)).length,
    memberships: (await ctx.db!.select().from(memberships)).length,
  });

  beforeAll(async () => {
    t = await backend.open();
    ctx.db = t.database.db;
    owner = await confirmedUser(ctx.db);
    invitee = await confirmedUser(ctx.db);
    stranger = await confirmedUser(ctx.db);
    orgId = await createOrg(ctx.db, 'Acme', [[owner, 'owner']]);
    token = (await runAsUser(ctx.db, owner, (tx) => inviteMember(tx, { userId: owner.sub }, orgId, invitee.email!, 'operator'))).token;
  });
  afterAll(() => t?.cleanup());
  beforeEach(() => (ctx.user = invitee));

  it.each([
    ['no token', {}, 'This invitation link is not valid. Check that you copied all of it.'],
    ['a malformed token', { token: "x' or 1=1 --", answer: 'accept' }, 'This invitation link is not valid. Check that you copied all of it.'],
    ['an unknown token', { token: newInvitationToken(), answer: 'accept' }, 'This invitation link is not valid. Check that you copied all of it.'],
    ['no answer', { token: '' }, 'Choose Accept or Decline.'],
    ['an unknown answer', { token: '', answer: 'maybe' }, 'Choose Accept or Decline.'],
  ])('%s gets a clear message and writes nothing', async (_what, fields, message) => {
    const before = await snapshot();
    const f = form(fields as Record<string, string>);
    if (f.get('token') === '') f.set('token', token);
    expect(await answerInvitationAction({}, f)).toEqual({ error: message });
    expect(await snapshot()).toEqual(before);
  });

  it('someone signed in with another e-mail is told so, and nothing is written', async () => {
    ctx.user = stranger;
    const before = await snapshot();
    for (const answer of ['accept', 'decline']) {
      expect((await answerInvitationAction({}, form({ token, answer }))).error).toBe(
        'This invitation was sent to another email address. Sign in with that address to answer it.',
      );
    }
    expect(await snapshot()).toEqual(before);
  });

  it('signed out, the answer goes to sign-in and comes back to the invitation', async () => {
    ctx.user = undefined;
    await expect(answerInvitationAction({}, form({ token, answer: 'accept' }))).rejects.toThrow(
      `REDIRECT /sign-in?next=${encodeURIComponent(`/invite/${token}`)}`,
    );
  });

  it('the invitee accepts: a member, the org is now current, and they land on the orders page', async () => {
    await expect(answerInvitationAction({}, form({ token, answer: 'accept' }))).rejects.toThrow('REDIRECT /orders');
    const [m] = await ctx.db!.select().from(memberships).where(and(eq(memberships.orgId, orgId), eq(memberships.userId, invitee.sub)));
    expect(m.role).toBe('operator');
    const [pref] = await ctx.db!.select().from(userPreferences).where(eq(userPreferences.userId, invitee.sub));
    expect(pref.currentOrgId).toBe(orgId);
    expect(await answerInvitationAction({}, form({ token, answer: 'accept' }))).toEqual({ error: 'This invitation has already been answered.' });
  });
});
