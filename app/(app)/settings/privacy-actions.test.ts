// Bad input to the retention action gets a clear message and changes nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { rowsOf } from '@/lib/db/connect';
import type { Claims } from '@/lib/db/session';

import { actionCtx as ctx } from '@/tests/support/action-session';

vi.mock('@/lib/auth/session', async () => (await import('@/tests/support/action-session')).sessionModule());
vi.mock('@/lib/db', async (orig) => (await import('@/tests/support/action-session')).dbModule(await orig<object>()));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
class Redirected extends Error {}
vi.mock('next/navigation', () => ({ redirect: (to: string) => { throw new Redirected(to); } }));

const { deleteOrganizationAction, setRetentionAction } = await import('./privacy-actions');

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe.each(backends)('the retention action on $name', (backend) => {
  let t: TestDatabase;
  let owner: Claims, viewer: Claims, outsider: Claims;
  let orgId: string, otherOrg: string;
  const days = async (id: string) => rowsOf<{ d: number }>(await ctx.db!.execute(sql`select pii_retention_days as d from public.organizations where id = ${id}`))[0].d;
  const audits = async () => rowsOf(await ctx.db!.execute(sql`select 1 from public.audit_events where action = 'privacy.retention_changed'`)).length;

  beforeAll(async () => {
    t = await backend.open();
    ctx.db = t.database.db;
    [owner, viewer, outsider] = [await createUser(ctx.db), await createUser(ctx.db), await createUser(ctx.db)];
    orgId = await createOrg(ctx.db, 'Acme', [[owner, 'owner'], [viewer, 'viewer']]);
    otherOrg = await createOrg(ctx.db, 'Other', [[outsider, 'owner']]);
  });
  afterAll(() => t?.cleanup());

  it.each([
    [{ days: '0' }, { fields: { days: 'At least 1 day' } }],
    [{ days: '31' }, { fields: { days: 'At most 30 days' } }],
    [{ days: '7.5' }, { fields: { days: 'Enter whole days' } }],
    [{ days: 'seven' }, { fields: { days: expect.any(String) } }],
    [{ days: '' }, { fields: { days: 'Enter a number of days' } }],
    [{ days: '7', orgId: 'not-a-uuid' }, { error: 'Reload the page and try again.' }],
  ])('%j → a message, nothing written', async (fields, expected) => {
    ctx.user = owner;
    const before = await audits();
    expect(await setRetentionAction({}, form({ orgId, ...fields }))).toMatchObject(expected);
    expect(await days(orgId)).toBe(30);
    expect(await audits()).toBe(before);
  });

  it('refuses a viewer, another organization and a signed-out caller; an owner succeeds', async () => {
    ctx.user = viewer;
    expect(await setRetentionAction({}, form({ orgId, days: '5' }))).toMatchObject({ error: expect.stringMatching(/Only owners and admins/) });
    ctx.user = owner;
    expect(await setRetentionAction({}, form({ orgId: otherOrg, days: '5' }))).toMatchObject({ error: expect.stringMatching(/Only owners and admins/) });
    ctx.user = undefined;
    expect(await setRetentionAction({}, form({ orgId, days: '5' }))).toMatchObject({ error: expect.stringMatching(/session has expired/) });
    expect([await days(orgId), await days(otherOrg)]).toEqual([30, 30]);
    ctx.user = owner;
    expect(await setRetentionAction({}, form({ orgId, days: '12' }))).toEqual({ success: expect.stringMatching(/12 days/) });
    expect(await days(orgId)).toBe(12);
  });

  it('deleting: a wrong name, a viewer, a malformed id or no session deletes nothing; the owner typing the name does', async () => {
    const exists = async (id: string) => rowsOf(await ctx.db!.execute(sql`select 1 from public.organizations where id = ${id}`)).length === 1;
    ctx.user = owner;
    expect(await deleteOrganizationAction({}, form({ orgId, confirm: 'acme' }))).toMatchObject({ fields: { confirm: expect.stringMatching(/exactly/) } });
    expect(await deleteOrganizationAction({}, form({ orgId, confirm: '' }))).toMatchObject({ fields: { confirm: expect.any(String) } });
    expect(await deleteOrganizationAction({}, form({ orgId: 'x', confirm: 'Acme' }))).toEqual({ error: 'Reload the page and try again.' });
    expect(await deleteOrganizationAction({}, form({ orgId: otherOrg, confirm: 'Other' }))).toMatchObject({ error: expect.stringMatching(/Only an owner/) });
    ctx.user = viewer;
    expect(await deleteOrganizationAction({}, form({ orgId, confirm: 'Acme' }))).toMatchObject({ error: expect.stringMatching(/Only an owner/) });
    ctx.user = undefined;
    expect(await deleteOrganizationAction({}, form({ orgId, confirm: 'Acme' }))).toMatchObject({ error: expect.stringMatching(/session has expired/) });
    expect([await exists(orgId), await exists(otherOrg)]).toEqual([true, true]);
    ctx.user = owner;
    await expect(deleteOrganizationAction({}, form({ orgId, confirm: 'Acme' }))).rejects.toBeInstanceOf(Redirected);
    expect([await exists(orgId), await exists(otherOrg)]).toEqual([false, true]);
  });
});
