import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsService, runAsUser } from '@/lib/db/session';
import { backends, type TestDatabase } from '@/tests/support/db';
import { hasAnyOrder, isLate, listOrders, listOrderAccounts } from './list';
import { parseOrderListParams } from './params';
import type { OrderListParams } from './url';
import { NOW, seedWorld, type SeededOrder, type World } from '@/tests/support/orders-world';

const params = (p: Record<string, string | string[]> = {}): OrderListParams => parseOrderListParams(p);

describe.each(backends)('listOrders on $name', (backend) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await backend.open();
    w = await seedWorld(t.database.db);
  });
  afterAll(() => t?.cleanup());

  const listA = (p: Record<string, string | string[]> = {}) =>
    runAsUser(t.database.db, w.ownerA, (tx) => listOrders(tx, w.orgA, params(p), NOW));
  /** Every matching id across all pages, in list order. */
  const allIds = async (p: Record<string, string | string[]> = {}) => {
    const first = await listA({ ...p, size: '100' });
    expect(first.total).toBeLessThanOrEqual(100);
    return first.rows.map((r) => r.id);
  };
  const idsOf = (orders: SeededOrder[]) => orders.map((o) => o.id);
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

  it("takes each row's account name from the accounts read with it, and looks up one the list lacks", async () => {
    const own = await listA({ size: '100' });
    const names = new Map(own.rows.map((r) => [r.id, r.accountName]));
    expect([...names.values()].every((n) => n.length > 0)).toBe(true);
    const withList = (accounts: (tx: Parameters<typeof listOrderAccounts>[0]) => Promise<Awaited<ReturnType<typeof listOrderAccounts>>>) =>
      runAsUser(t.database.db, w.ownerA, (tx) => listOrders(tx, w.orgA, params({ size: '100' }), { now: NOW, accounts: accounts(tx) }));
    const read = await withList((tx) => listOrderAccounts(tx, w.orgA));
    expect(new Map(read.rows.map((r) => [r.id, r.accountName]))).toEqual(names);
    // An account connected after the list was read (here: a list missing every account).
    const lacking = await withList(async () => []);
    expect(new Map(lacking.rows.map((r) => [r.id, r.accountName]))).toEqual(names);
  });

  it('paginates with a total, a page count and a short last page', async () => {
    const p1 = await listA({ size: '25' });
    expect(p1).toMatchObject({ total: 60, page: 1, pageCount: 3, pageSize: 25 });
    expect(p1.rows).toHaveLength(25);
    const p3 = await listA({ size: '25', page: '3' });
    expect(p3).toMatchObject({ total: 60, page: 3, pageCount: 3 });
    expect(p3.rows).toHaveLength(10);
    // A page past the end shows the last page rather than nothing.
    const past = await listA({ size: '25', page: '99' });
    expect(past.page).toBe(3);
    expect(past.rows.map((r) => r.id)).toEqual(p3.rows.map((r) => r.id));
    // Pages neither overlap nor skip.
    const p2 = await listA({ size: '25', page: '2' });
    const seen = new Set([...p1.rows, ...p2.rows, ...p3.rows].map((r) => r.id));
    expect(seen.size).toBe(60);
    // Default page size is 50.
    expect(await listA()).toMatchObject({ pageSize: 50, pageCount: 2 });
    expect((await listA()).rows).toHaveLength(50);
  });

  it('sorts by ordered date (newest first by default) with an id tiebreak', async () => {
    const expected = [...w.a].sort((x, y) => y.orderedAt.getTime() - x.orderedAt.getTime());
    expect(await allIds()).toEqual(idsOf(expected));
    expect(await allIds({ sort: 'ordered_at', dir: 'asc' })).toEqual(idsOf([...expected].reverse()));
  });

  it('sorts by total, external id, marketplace, status and ship-by', async () => {
    expect(await allIds({ sort: 'total', dir: 'asc' })).toEqual(idsOf([...w.a].sort((x, y) => x.total - y.total)));
    expect(await allIds({ sort: 'total', dir: 'desc' })).toEqual(idsOf([...w.a].sort((x, y) => y.total - x.total)));
    expect(await allIds({ sort: 'external_order_id', dir: 'asc' })).toEqual(
      idsOf([...w.a].sort((x, y) => cmp(x.externalOrderId, y.externalOrderId))),
    );
    expect(await allIds({ sort: 'marketplace', dir: 'desc' })).toEqual(
      idsOf([...w.a].sort((x, y) => cmp(y.marketplace, x.marketplace) || y.orderedAt.getTime() - x.orderedAt.getTime() || cmp(y.id, x.id))),
    );
    const rank = ['pending', 'unshipped', 'partially_shipped', 'shipped', 'delivered', 'cancelled'];
    expect(await allIds({ sort: 'status', dir: 'asc' })).toEqual(
      idsOf([...w.a].sort((x, y) => rank.indexOf(x.status) - rank.indexOf(y.status) || x.orderedAt.getTime() - y.orderedAt.getTime() || cmp(x.id, y.id))),
    );
    // No ship-by date sorts last in both directions, those rows ordered by id.
    const shipBy = (dir: 1 | -1) => (x: SeededOrder, y: SeededOrder) => {
      if (!x.shipBy || !y.shipBy) return (x.shipBy ? -1 : 0) + (y.shipBy ? 1 : 0) || dir * cmp(x.id, y.id);
      return dir * (x.shipBy.getTime() - y.shipBy.getTime());
    };
    expect(await allIds({ sort: 'ship_by', dir: 'asc' })).toEqual(idsOf([...w.a].sort(shipBy(1))));
    expect(await allIds({ sort: 'ship_by', dir: 'desc' })).toEqual(idsOf([...w.a].sort(shipBy(-1))));
  });

  it('filters by status, marketplace, account, hold, late and date range', async () => {
    const sorted = (xs: string[]) => [...xs].sort();
    const expectFilter = async (p: Record<string, string | string[]>, keep: (o: SeededOrder) => boolean) => {
      const expected = w.a.filter(keep);
      expect(expected.length).toBeGreaterThan(0);
      expect(expected.length).toBeLessThan(w.a.length);
      expect(sorted(await allIds(p))).toEqual(sorted(idsOf(expected)));
    };
    await expectFilter({ status: ['shipped', 'cancelled'] }, (o) => o.status === 'shipped' || o.status === 'cancelled');
    await expectFilter({ status: 'pending,bogus' }, (o) => o.status === 'pending');
    await expectFilter({ marketplace: 'amazon' }, (o) => o.marketplace === 'amazon');
    await expectFilter({ account: w.accountsA.walmart }, (o) => o.accountId === w.accountsA.walmart);
    await expectFilter({ hold: 'yes' }, (o) => o.onHold);
    await expectFilter({ hold: 'no' }, (o) => !o.onHold);
    await expectFilter({ late: '1' }, (o) => isLate(o, NOW));
    await expectFilter({ from: '2026-03-02', to: '2026-03-02' }, (o) => o.orderedAt.toISOString().startsWith('2026-03-02'));
    await expectFilter({ from: '2026-03-03' }, (o) => o.orderedAt >= new Date('2026-03-03T00:00:00Z'));
    await expectFilter({ marketplace: 'walmart', status: 'pending', late: 'true' }, (o) => o.marketplace === 'walmart' && o.status === 'pending' && isLate(o, NOW));
    // Another organization's account id narrows to nothing rather than leaking.
    expect((await listA({ account: w.accountB })).total).toBe(0);
  });

  it('returns the row fields the table shows, with late and numeric totals converted', async () => {
    const { rows } = await listA({ q: 'A-1003' });
    expect(rows).toHaveLength(1);
    const seeded = w.a[3];
    expect(rows[0]).toMatchObject({
      id: seeded.id,
      externalOrderId: 'A-1003',
      marketplace: 'amazon',
      accountName: 'Amazon A',
      status: seeded.status,
      marketplaceStatus: `MP_${seeded.status.toUpperCase()}`,
      total: seeded.total,
      currency: 'USD',
      itemCount: 1,
      buyerName: 'Buyer 3',
      buyerAnonymized: false,
      onHold: false,
      late: isLate(seeded, NOW),
    });
    expect(typeof rows[0].total).toBe('number');
    expect(rows[0].orderedAt).toBeInstanceOf(Date);
  });

  it('searches external id prefix, SKU (exact or prefix), item title and buyer name, escaping wildcards', async () => {
    const search = async (q: string) => (await allIds({ q })).sort();
    const ids = (...i: number[]) => i.map((k) => w.a[k].id).sort();
    expect(await search('A-100')).toEqual(ids(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
    expect(await search('a-1059')).toEqual(ids(59));
    expect(await search('1059')).toEqual([]); // a prefix, not a substring
    expect(await search('WIDGET-BLUE')).toEqual(ids(3, 4));
    expect(await search('widget-blue-x')).toEqual(ids(4));
    expect(await search('CABLE-1')).toEqual(ids(4)); // second line of an order
    expect(await search("o'hara")).toEqual(ids(5));
    expect(await search('Buyer 1')).toEqual(ids(1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19));
    // Wildcards are literal: '%' and '_' only match names that contain them.
    expect(await search('00% c')).toEqual(ids(7));
    expect(await search('r_s')).toEqual(ids(8));
    expect(await search('Under_')).toEqual(ids(8));
    expect(await search('ab\\')).toEqual([]);
    // Item titles by substring ("Item SKU-4-59"), case-insensitively.
    expect(await search('item sku-4-59')).toEqual(ids(59));
    // Terms shorter than 3 characters find nothing (and cost nothing).
    expect(await search('A-')).toEqual([]);
  });

  it('filters by org explicitly and RLS hides other tenants even when asked for them', async () => {
    const asService = await runAsService(t.database.db, 'tests', (tx) => listOrders(tx, w.orgB, params(), NOW));
    expect(asService.total).toBe(5);
    // A member of A asking for B's organization id: RLS leaves nothing.
    const crossed = await runAsUser(t.database.db, w.ownerA, (tx) => listOrders(tx, w.orgB, params(), NOW));
    expect(crossed).toMatchObject({ total: 0, rows: [], pageCount: 0, page: 1 });
    expect(await runAsUser(t.database.db, w.ownerA, (tx) => hasAnyOrder(tx, w.orgB))).toBe(false);
    expect(await runAsUser(t.database.db, w.ownerA, (tx) => listOrderAccounts(tx, w.orgB))).toEqual([]);
    // The explicit org filter: a member of both sees only the organization asked for.
    const bothInB = await runAsUser(t.database.db, w.both, (tx) => listOrders(tx, w.orgB, params({ q: 'WIDGET-BLUE' }), NOW));
    expect(bothInB.rows.map((r) => r.id)).toEqual([w.b[0].id]);
    const bothInA = await runAsUser(t.database.db, w.both, (tx) => listOrders(tx, w.orgA, params({ q: 'Buyer 1' }), NOW));
    expect(bothInA.rows.every((r) => r.id !== w.b[0].id)).toBe(true);
    expect(bothInA.total).toBe(11);
    // Someone in neither organization sees nothing.
    expect((await runAsUser(t.database.db, w.outsider, (tx) => listOrders(tx, w.orgA, params(), NOW))).total).toBe(0);
  });

  it('lists accounts and tells an empty organization apart', async () => {
    const accounts = await runAsUser(t.database.db, w.viewerA, (tx) => listOrderAccounts(tx, w.orgA));
    expect(accounts.map((a) => a.name)).toEqual(['Amazon A', 'Walmart A']);
    expect(await runAsUser(t.database.db, w.viewerA, (tx) => hasAnyOrder(tx, w.orgA))).toBe(true);
  });
});
