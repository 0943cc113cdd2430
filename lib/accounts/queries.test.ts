// What the Accounts page reads and "Sync now", as each role, under RLS on each backend.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import type { Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import { auditEvents, jobs, marketplaceAccounts, syncQuarantine, syncRuns } from '@/lib/db/schema';
import { ensureSyncJobs } from '@/lib/sync/jobs';
import { countNeedsReconnect, getAccountSync, listAccounts, QUARANTINE_SHOWN } from './queries';
import { requestSyncNow } from './sync-now';

const HOUR = 3_600_000;
const LATER = Date.now() + 5 * HOUR;

describe.each(backends)('account queries and Sync now on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let owner: Claims, operator: Claims, viewer: Claims, outsider: Claims;
  let orgId: string, otherOrg: string;
  let walmartId: string, ebayId: string, goneId: string, foreignId: string;
  const as = <T>(who: Claims, fn: Parameters<typeof runAsUser<T>>[2]) => runAsUser(db, who, fn);

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    [owner, operator, viewer, outsider] = await Promise.all([createUser(db), createUser(db), createUser(db), createUser(db)]);
    orgId = await createOrg(db, 'Query Co', [[owner, 'owner'], [operator, 'operator'], [viewer, 'viewer']]);
    otherOrg = await createOrg(db, 'Other Co', [[outsider, 'owner']]);
    const add = async (org: string, marketplace: 'walmart' | 'ebay', name: string, status: 'active' | 'needs_reconnect' | 'disconnected') => {
      const [a] = await db.insert(marketplaceAccounts).values({ orgId: org, marketplace, displayName: name, externalAccountId: name, status }).returning();
      if (status !== 'disconnected') await db.transaction((tx) => ensureSyncJobs(tx, org, a.id, LATER));
      return a.id;
    };
    walmartId = await add(orgId, 'walmart', 'W1', 'active');
    ebayId = await add(orgId, 'ebay', 'E1', 'needs_reconnect');
    goneId = await add(orgId, 'walmart', 'A-gone', 'disconnected');
    foreignId = await add(otherOrg, 'walmart', 'F1', 'active');
    const t0 = new Date(Date.now() - 2 * HOUR);
    await db.insert(syncRuns).values([
      { orgId, marketplaceAccountId: walmartId, kind: 'orders', trigger: 'schedule', status: 'succeeded', startedAt: t0, finishedAt: new Date(t0.getTime() + 60_000), pages: 2, recordsUpserted: 300 },
      { orgId, marketplaceAccountId: walmartId, kind: 'orders', trigger: 'manual', status: 'running', startedAt: new Date(t0.getTime() + HOUR), pages: 1, recordsUpserted: 200 },
      { orgId, marketplaceAccountId: walmartId, kind: 'listings', trigger: 'schedule', status: 'failed', startedAt: t0, finishedAt: t0, error: 'The marketplace had a temporary error (walmart.getAllItems: HTTP 503)' },
    ]);
  });
  afterAll(() => t?.cleanup());

  it('lists the organization\'s accounts with their latest orders and listings runs', async () => {
    const list = await as(viewer, (tx) => listAccounts(tx, orgId));
    expect(list.map((a) => a.displayName)).toEqual(['E1', 'W1', 'A-gone']);
    const w = list.find((a) => a.id === walmartId)!;
    expect(w.orders).toMatchObject({ status: 'running', trigger: 'manual', pages: 1, records: 200, finishedAt: null });
    expect(w.listings).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 503') });
    expect(new Date(w.nextRunAt!).getTime()).toBe(LATER);
    expect(list.find((a) => a.id === goneId)).toMatchObject({ orders: null, listings: null, nextRunAt: null });
    // Another organization's id in the filter shows nothing to a non-member.
    expect(await as(viewer, (tx) => listAccounts(tx, otherOrg))).toEqual([]);
  });

  it('progress polling sees only accounts of the person\'s organizations', async () => {
    const s = await as(viewer, (tx) => getAccountSync(tx, walmartId));
    expect(s).toMatchObject({ id: walmartId, status: 'active', orders: { status: 'running', records: 200 } });
    expect(await as(viewer, (tx) => getAccountSync(tx, foreignId))).toBeNull();
    expect(await as(outsider, (tx) => getAccountSync(tx, walmartId))).toBeNull();
  });

  it("shows the account's quarantined records: the count, and the most recently seen few, to members only", async () => {
    const base = Date.now() - HOUR;
    await db.insert(syncQuarantine).values([
      ...Array.from({ length: QUARANTINE_SHOWN + 2 }, (_, i) => ({
        orgId, accountId: walmartId, kind: 'order' as const, externalId: `PO-${i}`, reason: 'unreadable field orderLines.orderLine.0.orderLineStatuses.orderLineStatus (too_small)',
        attempts: i + 1, firstSeenAt: new Date(base), lastSeenAt: new Date(base + i * 60_000),
      })),
      { orgId: otherOrg, accountId: foreignId, kind: 'listing' as const, externalId: 'SKU-F', reason: 'price beyond the range ESM stores (numeric(12,2))' },
    ]);
    const [w] = (await as(viewer, (tx) => listAccounts(tx, orgId))).filter((a) => a.id === walmartId);
    expect(w.quarantine.count).toBe(QUARANTINE_SHOWN + 2);
    expect(w.quarantine.recent.map((q) => q.externalId)).toEqual(Array.from({ length: QUARANTINE_SHOWN }, (_, i) => `PO-${QUARANTINE_SHOWN + 1 - i}`));
    expect(w.quarantine.recent[0]).toMatchObject({ kind: 'order', attempts: QUARANTINE_SHOWN + 2, lastSeenAt: new Date(base + (QUARANTINE_SHOWN + 1) * 60_000).toISOString() });
    expect((await as(viewer, (tx) => getAccountSync(tx, walmartId)))?.quarantine.count).toBe(QUARANTINE_SHOWN + 2);
    expect((await as(viewer, (tx) => listAccounts(tx, orgId))).find((a) => a.id === ebayId)?.quarantine).toEqual({ count: 0, recent: [] });
    // The other organization's quarantine is its own.
    expect((await as(outsider, (tx) => listAccounts(tx, otherOrg)))[0].quarantine.count).toBe(1);
  });

  it('counts the accounts that need reconnecting', async () => {
    expect(await as(viewer, (tx) => countNeedsReconnect(tx, orgId))).toBe(1);
    expect(await as(outsider, (tx) => countNeedsReconnect(tx, otherOrg))).toBe(0);
    expect(await as(outsider, (tx) => countNeedsReconnect(tx, orgId))).toBe(0);
  });

  it('an operator pulls the account\'s sync jobs forward to now, audited; its other jobs keep their time', async () => {
    const [push] = await db.insert(jobs).values({ orgId, marketplaceAccountId: walmartId, kind: 'tracking_push', recurring: false, runAt: new Date(LATER) }).returning();
    expect(await as(operator, (tx) => requestSyncNow(tx, { orgId, userId: operator.sub, accountId: walmartId }))).toEqual({ ok: true });
    const all = await db.select().from(jobs).where(eq(jobs.marketplaceAccountId, walmartId));
    const due = all.filter((j) => j.id !== push.id);
    expect(due.map((j) => j.kind).sort()).toEqual(['sync_listings', 'sync_orders']);
    for (const j of due) expect(j.runAt.getTime()).toBeLessThan(Date.now() + 1000);
    expect(all.find((j) => j.id === push.id)?.runAt.getTime()).toBe(LATER);
    await db.delete(jobs).where(eq(jobs.id, push.id));
    const [ev] = await db.select().from(auditEvents).where(and(eq(auditEvents.targetId, walmartId), eq(auditEvents.action, 'account.sync_requested')));
    expect(ev).toMatchObject({ actorUserId: operator.sub, details: { marketplace: 'walmart' } });
  });

  it('a viewer may not; other organizations\' and inactive accounts are refused', async () => {
    expect(await as(viewer, (tx) => requestSyncNow(tx, { orgId, userId: viewer.sub, accountId: ebayId }))).toEqual({ ok: false, reason: 'forbidden' });
    expect(await as(owner, (tx) => requestSyncNow(tx, { orgId, userId: owner.sub, accountId: foreignId }))).toEqual({ ok: false, reason: 'not_found' });
    expect(await as(owner, (tx) => requestSyncNow(tx, { orgId: otherOrg, userId: owner.sub, accountId: foreignId }))).toEqual({ ok: false, reason: 'not_found' });
    expect(await as(owner, (tx) => requestSyncNow(tx, { orgId, userId: owner.sub, accountId: ebayId }))).toEqual({ ok: false, reason: 'inactive' });
    expect(await as(owner, (tx) => requestSyncNow(tx, { orgId, userId: owner.sub, accountId: goneId }))).toEqual({ ok: false, reason: 'inactive' });
    const ebayJobs = await db.select().from(jobs).where(eq(jobs.marketplaceAccountId, ebayId));
    for (const j of ebayJobs) expect(j.runAt.getTime()).toBe(LATER);
    // RLS itself refuses a viewer's update, whatever the check above says.
    const moved = await as(viewer, (tx) => tx.update(jobs).set({ runAt: new Date() }).where(eq(jobs.marketplaceAccountId, ebayId)).returning({ id: jobs.id }));
    expect(moved).toEqual([]);
  });
});
