// The orders workspace on both backends: tab counts, "due today" in a non-UTC zone, every search
// kind (through the membership-checking search path), keyset pages, bulk selection across pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/connect';
import { runAsService, runAsUser } from '@/lib/db/session';
import { marketplaceAccounts, orderBuyers, orders, shipments } from '@/lib/db/schema';
import { backends, type TestDatabase } from '@/tests/support/db';
import { NOW, seedWorld, type World } from '@/tests/support/orders-world';
import { bulkSetHold, resolveSelection } from './bulk';
import { tabCounts } from './counts';
import { cappedCount, listOrderAccounts, listOrders } from './list';
import { parseOrderListParams } from './params';
import { loadOrdersPage } from './page-data';
import { conditions } from './query';
import { listViews, saveView } from './views';

const params = (p: Record<string, string> = {}) => parseOrderListParams(p);

describe.each(backends)('orders workspace on $name', (backend) => {
  let t: TestDatabase;
  let w: World;
  const open = (i: number) => i % 6 < 3;
  beforeAll(async () => {
    t = await backend.open();
    w = await seedWorld(t.database.db);
    await runAsService(t.database.db, 'tests', async (tx) => {
      // Order 10: a label with a tracking number whose push failed; order 20: pushed.
      await tx.insert(shipments).values([
        { orgId: w.orgA, orderId: w.a[10].id, status: 'purchased', trackingNumber: '9400TRACK123', trackingPushStatus: 'failed' },
        { orgId: w.orgA, orderId: w.a[20].id, status: 'purchased', trackingNumber: '9400OTHER77', trackingPushStatus: 'pushed' },
      ]);
      // Order 11's buyer was anonymized (name kept here to prove the search skips it anyway).
      await tx.update(orderBuyers).set({ anonymizedAt: NOW }).where(eq(orderBuyers.orderId, w.a[11].id));
    });
  }, 60_000);
  afterAll(() => t?.cleanup());

  const listA = (p: Record<string, string>, timeZone?: string) =>
    runAsUser(t.database.db, w.ownerA, (tx) => listOrders(tx, w.orgA, params(p), { now: NOW, timeZone }));
  const ids = (...i: number[]) => i.map((k) => w.a[k].id).sort();
  const search = async (q: string) => (await listA({ q, size: '100' })).rows.map((r) => r.id).sort();

  it('counts every tab, late and due today (capped counts stop at the cap)', async () => {
    const c = await runAsUser(t.database.db, w.ownerA, (tx) => tabCounts(tx, w.orgA, { now: NOW, timeZone: 'UTC' }));
    const idx = [...Array(60).keys()];
    const n = (f: (i: number) => boolean) => ({ n: idx.filter(f).length, capped: false });
    expect(c).toEqual({
      awaiting: n((i) => open(i) && i % 15 !== 0),
      hold: n((i) => i % 15 === 0),
      attention: n((i) => i === 10),
      shipped: n((i) => i % 6 === 3),
      delivered: n((i) => i % 6 === 4),
      cancelled: n((i) => i % 6 === 5),
      all: n(() => true),
      late: n((i) => open(i) && i % 10 !== 9 && i + 48 < 100),
      due_today: n((i) => open(i) && i % 10 !== 9 && i + 48 >= 100),
    });
    expect(c.awaiting.n).toBe(28);
    // Each tab lists what it counts, also when the page reuses the count as the list's total.
    for (const tab of ['awaiting', 'hold', 'attention', 'shipped', 'all'] as const) {
      expect((await listA({ tab })).total).toBe(c[tab].n);
      const page = await runAsUser(t.database.db, w.ownerA, (tx) => loadOrdersPage(tx, w.orgA, params({ tab, size: '25' }), { now: NOW, timeZone: 'UTC' }));
      expect(page.result.total).toBe(c[tab].n);
      expect(page.result.rows).toHaveLength(Math.min(25, c[tab].n));
    }
    // The page's ids go out with the counts; a page past the end (an old link) is read again once
    // the count says where the end is: the last page, as listOrders gives it.
    const load = (q: Record<string, string>) => runAsUser(t.database.db, w.ownerA, (tx) => loadOrdersPage(tx, w.orgA, params({ tab: 'all', size: '25', ...q }), { now: NOW, timeZone: 'UTC' }));
    const lastPage = Math.ceil(c.all.n / 25);
    const [past, last] = [await load({ page: '99' }), await load({ page: String(lastPage) })];
    expect(past.result).toMatchObject({ page: lastPage, pageCount: lastPage, total: c.all.n });
    expect(past.result.rows.map((r) => r.id)).toEqual(last.result.rows.map((r) => r.id));
    expect(last.result.rows).toHaveLength(c.all.n - (lastPage - 1) * 25);
    const capped = await runAsUser(t.database.db, w.ownerA, (tx) => cappedCount(tx, conditions({ orgId: w.orgA, now: NOW }, params()), 5));
    expect(capped).toEqual({ n: 5, capped: true });
    // Another organization's member counts nothing of A's.
    const theirs = await runAsUser(t.database.db, w.ownerB, (tx) => tabCounts(tx, w.orgA, { now: NOW }));
    expect(theirs.all).toEqual({ n: 0, capped: false });
  });

  it("the page's side data, read in one statement: counts, the organization's accounts, the person's own views", async () => {
    const synced = new Date('2026-03-04T12:34:56.789Z');
    await runAsService(t.database.db, 'tests', (tx) =>
      tx.update(marketplaceAccounts).set({ lastSyncSucceededAt: synced }).where(eq(marketplaceAccounts.id, w.accountsA.walmart)),
    );
    await runAsUser(t.database.db, w.ownerA, (tx) => saveView(tx, { orgId: w.orgA, userId: w.ownerA.sub, name: 'Zeta', query: 'late=1' }));
    await runAsUser(t.database.db, w.ownerA, (tx) => saveView(tx, { orgId: w.orgA, userId: w.ownerA.sub, name: 'Alpha', query: 'tab=hold' }));
    await runAsUser(t.database.db, w.viewerA, (tx) => saveView(tx, { orgId: w.orgA, userId: w.viewerA.sub, name: 'Theirs', query: '' }));
    const load = (claims: typeof w.ownerA, orgId: string, userId?: string, q: Record<string, string> = {}) =>
      runAsUser(t.database.db, claims, (tx) => loadOrdersPage(tx, orgId, params(q), { now: NOW, timeZone: 'UTC', userId }));

    const page = await load(w.ownerA, w.orgA, w.ownerA.sub);
    expect(page.counts).toEqual(await runAsUser(t.database.db, w.ownerA, (tx) => tabCounts(tx, w.orgA, { now: NOW, timeZone: 'UTC' })));
    // By name, as the account filter lists them; the last sync as a Date, to the millisecond.
    expect(page.accounts).toEqual([
      { id: w.accountsA.amazon, name: 'Amazon A', marketplace: 'amazon', lastSyncedAt: null },
      { id: w.accountsA.walmart, name: 'Walmart A', marketplace: 'walmart', lastSyncedAt: synced },
    ]);
    expect(page.views.map((v) => [v.name, v.query])).toEqual([['Alpha', 'tab=hold'], ['Zeta', 'late=1']]);
    // The same as the functions the rest of the app reads them with.
    expect(page.accounts).toEqual(await runAsUser(t.database.db, w.ownerA, (tx) => listOrderAccounts(tx, w.orgA)));
    expect(page.views).toEqual(await runAsUser(t.database.db, w.ownerA, (tx) => listViews(tx, w.orgA, w.ownerA.sub)));
    expect(page.result.rows.every((r) => r.accountName === (r.accountId === w.accountsA.walmart ? 'Walmart A' : 'Amazon A'))).toBe(true);
    // The same with a search, whose statement goes first.
    const searched = await load(w.ownerA, w.orgA, w.ownerA.sub, { q: 'A-1003' });
    expect(searched.result.rows.map((r) => r.externalOrderId)).toEqual(['A-1003']);
    expect(searched.accounts).toEqual(page.accounts);
    expect(searched.views).toEqual(page.views);
    // No person: no views. Another organization's member: nothing of A's at all.
    expect((await load(w.ownerA, w.orgA)).views).toEqual([]);
    const theirs = await load(w.ownerB, w.orgA, w.ownerB.sub);
    expect(theirs).toMatchObject({ accounts: [], views: [], anyOrder: false, result: { rows: [], total: 0 } });
    expect(theirs.counts.all).toEqual({ n: 0, capped: false });
  });

  it('Awaiting sorts by ship-by ascending by default', async () => {
    const r = await listA({ tab: 'awaiting', size: '100' });
    const shipBy = r.rows.map((x) => x.shipBy?.getTime() ?? Infinity);
    expect(shipBy).toEqual([...shipBy].sort((x, y) => x - y));
    expect(r.rows.every((x) => open(w.a.findIndex((o) => o.id === x.id)) && !x.onHold)).toBe(true);
  });

  it('"due today" ends at midnight in the organization\'s zone, not UTC', async () => {
    // NOW is 2026-03-05 04:00 UTC: still March 4 (23:00) in New York, whose day ends one hour later.
    const due = (zone: string) => listA({ due: 'today', size: '100' }, zone).then((r) => r.rows.map((x) => x.id).sort());
    expect(await due('UTC')).toEqual(ids(54, 55, 56));
    expect(await due('America/New_York')).toEqual([]);
    const rowsNy = await listA({ size: '100' }, 'America/New_York');
    expect(rowsNy.rows.filter((r) => r.dueToday)).toEqual([]);
    const rowsUtc = await listA({ size: '100' }, 'UTC');
    expect(rowsUtc.rows.filter((r) => r.dueToday).map((r) => r.id).sort()).toEqual(ids(54, 55, 56));
    const ny = await runAsUser(t.database.db, w.ownerA, (tx) => tabCounts(tx, w.orgA, { now: NOW, timeZone: 'America/New_York' }));
    expect(ny.due_today.n).toBe(0);
  });

  it('searches each kind: order number, SKU, item title, buyer name (not anonymized), tracking number', async () => {
    expect(await search('a-1059')).toEqual(ids(59));
    expect(await search('CABLE-1')).toEqual(ids(4));
    expect(await search('item sku-3-58')).toEqual(ids(58));
    expect(await search("O'HARA")).toEqual(ids(5));
    expect(await search('Buyer 12')).toEqual(ids(12));
    expect(await search('Buyer 11')).toEqual([]); // anonymized
    expect(await search('9400track')).toEqual(ids(10));
    expect(await search('9400')).toEqual(ids(10, 20));
    expect(await search('94')).toEqual([]); // below the minimum length
  });

  it('the search path checks membership itself: org B sees none of A through it', async () => {
    const direct = (claims: typeof w.ownerA) =>
      runAsUser(t.database.db, claims, async (tx) =>
        rowsOf(await tx.execute(sql`select unnest(private.search_order_ids(${w.orgA}::uuid, 'A-100', true, null))`)).length,
      );
    expect(await direct(w.ownerA)).toBe(10);
    expect(await direct(w.ownerB)).toBe(0);
    expect(await direct(w.outsider)).toBe(0);
    const crossed = await runAsUser(t.database.db, w.ownerB, (tx) => listOrders(tx, w.orgA, params({ q: 'Buyer 1' }), NOW));
    expect(crossed.total).toBe(0);
    const own = await runAsUser(t.database.db, w.ownerB, (tx) => listOrders(tx, w.orgB, params({ q: 'WIDGET-BLUE' }), NOW));
    expect(own.rows.map((r) => r.id)).toEqual([w.b[0].id]);
  });

  it('keyset pages walk every sort exactly like offset pages', async () => {
    for (const sort of ['ordered_at', 'ship_by', 'total', 'status', 'marketplace', 'external_order_id']) {
      for (const dir of ['asc', 'desc']) {
        const offset = (await listA({ sort, dir, size: '100' })).rows.map((r) => r.id);
        const walked: string[] = [];
        let after: string | undefined;
        for (let page = 1; page <= 4; page++) {
          const r = await listA({ sort, dir, size: '25', ...(after ? { after, page: String(page) } : {}) });
          walked.push(...r.rows.map((x) => x.id));
          after = r.next;
          if (!after) break;
        }
        expect(walked, `${sort} ${dir}`).toEqual(offset);
      }
    }
    // A cursor of another sort is ignored (page 1), never an error.
    const p1 = await listA({ sort: 'total', size: '25' });
    expect((await listA({ sort: 'ship_by', after: p1.next!, size: '25' })).rows[0].id).toBe((await listA({ sort: 'ship_by', size: '25' })).rows[0].id);
  });

  it('selects every order matching the filter across pages, bounded, only of the organization', async () => {
    const all = await runAsUser(t.database.db, w.ownerA, (tx) => resolveSelection(tx, w.orgA, { filter: params({ tab: 'awaiting', size: '25' }) }, 500, NOW));
    expect(all.ok && all.ids.length).toBe(28);
    expect(all.ok && [...all.ids].sort()).toEqual(ids(...[...Array(60).keys()].filter((i) => open(i) && i % 15 !== 0)));
    const over = await runAsUser(t.database.db, w.ownerA, (tx) => resolveSelection(tx, w.orgA, { filter: params({ tab: 'awaiting' }) }, 10, NOW));
    expect(over).toEqual({ ok: false, reason: 'too_many' });
    const foreign = await runAsUser(t.database.db, w.ownerA, (tx) => resolveSelection(tx, w.orgA, { ids: w.b.map((o) => o.id) }));
    expect(foreign).toEqual({ ok: false, reason: 'empty' });
  });

  it('bulk hold puts open orders on hold (audited), skips others, and refuses viewers', async () => {
    const pick = [w.a[1].id, w.a[2].id, w.a[7].id, w.a[3].id]; // 3 open, 1 shipped
    const viewer = await runAsUser(t.database.db, w.viewerA, (tx) => bulkSetHold(tx, { orgId: w.orgA, userId: w.viewerA.sub, ids: pick, hold: true }));
    expect(viewer.forbidden).toBe(true);
    const r = await runAsUser(t.database.db, w.operatorA, (tx) => bulkSetHold(tx, { orgId: w.orgA, userId: w.operatorA.sub, ids: pick, hold: true, reason: 'check' }));
    expect(r).toEqual({ changed: 3, skipped: 1, forbidden: false });
    const held = await runAsService(t.database.db, 'tests', (tx) => tx.select({ id: orders.id }).from(orders).where(and(eq(orders.orgId, w.orgA), eq(orders.onHold, true))));
    expect(held.map((h) => h.id)).toEqual(expect.arrayContaining(pick.slice(0, 3)));
    expect(held.map((h) => h.id)).not.toContain(w.a[3].id);
    const audits = await runAsService(t.database.db, 'tests', async (tx) =>
      rowsOf(await tx.execute(sql`select count(*)::int as n from public.audit_events where org_id = ${w.orgA} and action = 'order.held'`)),
    );
    expect(audits[0]).toEqual({ n: 3 });
    const back = await runAsUser(t.database.db, w.operatorA, (tx) => bulkSetHold(tx, { orgId: w.orgA, userId: w.operatorA.sub, ids: pick, hold: false }));
    expect(back).toEqual({ changed: 3, skipped: 1, forbidden: false });
  });
});
