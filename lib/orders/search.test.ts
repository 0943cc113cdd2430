// The search's routing and its two paths, on both backends: a term that looks like a number is
// looked up by prefix first (substring only when no prefix matches); up to SEARCH_CAP matches are
// collected, in a large organization up to SEARCH_COLLECT (past SEARCH_CAP the page checks each
// order against them as it walks); more are walked order by order ("1,000+"). Either way the rows
// are exactly the matches, never an anonymized buyer, in the list's order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/connect';
import { runAsService, runAsUser } from '@/lib/db/session';
import { orderBuyers, orderItems, orders } from '@/lib/db/schema';
import { backends, type TestDatabase } from '@/tests/support/db';
import { BASE, NOW, seedWorld, type World } from '@/tests/support/orders-world';
import { listOrders } from './list';
import { parseOrderListParams } from './params';
import { conditions } from './query';
import { SEARCH_CAP, SEARCH_COLLECT } from './search';

const params = (p: Record<string, string> = {}) => parseOrderListParams(p);
const BROAD = 4_500; // orders K-00001..K-04500, buyer "Kim Broad n", every 10th anonymized: 4,050 names
const TRI = 1_500; // orders T-1..T-1500, one line each titled "Tri lamp", odd ones open
const MINUTE = 60_000;

describe.each(backends)('orders search paths on $name', (backend) => {
  let t: TestDatabase;
  let w: World;
  let spare: string; // an order whose item title holds another order's number
  let adapter: string; // an order whose item title holds "K-0"

  beforeAll(async () => {
    t = await backend.open();
    w = await seedWorld(t.database.db);
    await runAsService(t.database.db, 'tests', async (tx) => {
      const one = async (ext: string, title: string, minutes: number) => {
        const [row] = await tx
          .insert(orders)
          .values({
            orgId: w.orgA, marketplaceAccountId: w.accountsA.amazon, marketplace: 'amazon', externalOrderId: ext, status: 'delivered',
            marketplaceStatus: 'X', orderedAt: new Date(BASE + minutes * MINUTE), marketplaceUpdatedAt: NOW, subtotal: '1.00', total: '1.00', itemCount: 1,
          })
          .returning({ id: orders.id });
        await tx.insert(orderItems).values({ orgId: w.orgA, orderId: row.id, lineId: '1', sku: `S-${ext}`, title, quantity: 1, unitPrice: '1.00' });
        return row.id;
      };
      spare = await one('Z-1', 'Spare part for A-1003', 30);
      adapter = await one('Y-1', 'Adapter K-0 series', 100_000);
      // 300 orders of four lines each, every line titled "Quad lantern": 1,200 matching lines.
      await tx.execute(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status,
          ordered_at, marketplace_updated_at, subtotal, total, item_count)
        select ${w.orgA}::uuid, ${w.accountsA.walmart}::uuid, 'walmart', 'Q-' || g, 'delivered', 'X', ${new Date(BASE).toISOString()}::timestamptz - g * interval '1 minute',
          ${NOW.toISOString()}::timestamptz, 4, 4, 4
        from generate_series(1, 300) g`);
      await tx.execute(sql`insert into public.order_items (org_id, order_id, line_id, sku, title, quantity, unit_price)
        select o.org_id, o.id, l::text, 'QL-' || l, 'Quad lantern', 1, 1 from public.orders o cross join generate_series(1, 4) l
        where o.org_id = ${w.orgA}::uuid and o.external_order_id like 'Q-%'`);
      // Between SEARCH_CAP and SEARCH_COLLECT: older than every other order here.
      await tx.execute(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status,
          ordered_at, marketplace_updated_at, subtotal, total, item_count)
        select ${w.orgA}::uuid, ${w.accountsA.walmart}::uuid, 'walmart', 'T-' || g, case when g % 2 = 1 then 'unshipped' else 'delivered' end, 'X',
          ${new Date(BASE).toISOString()}::timestamptz - (400 + g) * interval '1 minute', ${NOW.toISOString()}::timestamptz, 3, 3, 1
        from generate_series(1, ${TRI}) g`);
      await tx.execute(sql`insert into public.order_items (org_id, order_id, line_id, sku, title, quantity, unit_price)
        select o.org_id, o.id, '1', 'TL-1', 'Tri lamp', 1, 3 from public.orders o where o.org_id = ${w.orgA}::uuid and o.external_order_id like 'T-%'`);
      // The broad set, newer than the world's orders; odd ones open, the rest delivered.
      await tx.execute(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status,
          ordered_at, marketplace_updated_at, ship_by, subtotal, total, item_count)
        select ${w.orgA}::uuid, ${w.accountsA.amazon}::uuid, 'amazon', 'K-' || lpad(g::text, 5, '0'), case when g % 2 = 1 then 'unshipped' else 'delivered' end, 'X',
          ${new Date(BASE + 200 * 60 * MINUTE).toISOString()}::timestamptz + g * interval '1 minute', ${NOW.toISOString()}::timestamptz, null, 2, 2, 1
        from generate_series(1, ${BROAD}) g`);
      await tx.execute(sql`insert into public.order_buyers (order_id, org_id, name, address_line1, city, country, anonymized_at)
        select o.id, o.org_id, 'Kim Broad ' || substr(o.external_order_id, 3), '1 Main Street', 'Springfield', 'US',
          case when substr(o.external_order_id, 3)::int % 10 = 0 then ${NOW.toISOString()}::timestamptz end
        from public.orders o where o.org_id = ${w.orgA}::uuid and o.external_order_id like 'K-%'`);
    });
  }, 120_000);
  afterAll(() => t?.cleanup());

  const listA = (p: Record<string, string>) => runAsUser(t.database.db, w.ownerA, (tx) => listOrders(tx, w.orgA, params(p), { now: NOW }));
  const found = async (q: string) => (await listA({ q, size: '100' })).rows.map((r) => r.id).sort();
  /**
   * Runs `fn` while organization A reads as a million-order one to the search (its status totals
   * raised), where a kind collects up to SEARCH_COLLECT orders; as it is (about 6,400 orders) a
   * kind collects up to SEARCH_CAP.
   */
  const asLarge = async <T>(fn: () => Promise<T>): Promise<T> => {
    const shift = (by: number) =>
      runAsService(t.database.db, 'tests', (tx) =>
        tx.execute(sql`insert into private.report_status_totals (org_id, status, orders) values (${w.orgA}::uuid, 'delivered', ${by})
          on conflict (org_id, status) do update set orders = private.report_status_totals.orders + excluded.orders`),
      );
    await shift(1_000_000);
    try {
      return await fn();
    } finally {
      await shift(-1_000_000);
    }
  };

  it('looks a number-like term up by prefix first, by substring only when no prefix matches', async () => {
    // "A-1003" is order 3's number and also in Z-1's item title: the order number wins.
    expect(await found('A-1003')).toEqual([w.a[3].id]);
    // No order, SKU or tracking number starts with "-1003": then the title is searched.
    expect(await found('-1003')).toEqual([spare]);
    // Words are searched every way: the title, and still a SKU by prefix.
    expect(await found('spare part')).toEqual([spare]);
    expect(await found('s-z-1')).toEqual([spare]);
    expect(await found('Buyer 12')).toEqual([w.a[12].id]);
  });

  it('walks a term with more than SEARCH_COLLECT matches: the first pages are exactly the matches in order, counted "1,000+"', async () => {
    if (BROAD - BROAD / 10 <= SEARCH_COLLECT) throw new Error('the test needs more matching names than SEARCH_COLLECT');
    const expected = await runAsService(t.database.db, 'tests', (tx) =>
      tx.select({ id: orders.id }).from(orders).innerJoin(orderBuyers, eq(orderBuyers.orderId, orders.id))
        .where(and(eq(orders.orgId, w.orgA), sql`${orderBuyers.name} ilike '%kim broad%'`, sql`${orderBuyers.anonymizedAt} is null`))
        .orderBy(desc(orders.orderedAt), desc(orders.id)),
    );
    expect(expected.length).toBe(BROAD - BROAD / 10);
    const first = await listA({ q: 'kim broad' });
    expect(first).toMatchObject({ total: SEARCH_CAP, capped: true });
    expect(first.rows.every((r) => r.buyerName?.startsWith('Kim Broad') && !r.buyerAnonymized)).toBe(true);
    const second = await listA({ q: 'kim broad', after: first.next!, page: '2' });
    expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(expected.slice(0, 100).map((r) => r.id));
    // Another filter on top: counted as the walk goes, up to the cap.
    const open = await listA({ q: 'kim broad', tab: 'awaiting', size: '100' });
    // Every odd K- order is open (the anonymized ones are even): more than the cap.
    expect(BROAD / 2).toBeGreaterThan(SEARCH_CAP);
    expect(open).toMatchObject({ total: SEARCH_CAP, capped: true });
    expect(open.rows.every((r) => r.status === 'unshipped')).toBe(true);
  });

  it('a term broad in one kind and narrow in another: the narrow kind\'s matches as ids, the broad kind walked', async () => {
    // "kim broad" is in 4,050 buyers' names (walked) and, for this test, in one item title: of a
    // new order, the newest of all.
    const lamp = await runAsService(t.database.db, 'tests', async (tx) => {
      const [row] = await tx
        .insert(orders)
        .values({
          orgId: w.orgA, marketplaceAccountId: w.accountsA.amazon, marketplace: 'amazon', externalOrderId: 'Y-2', status: 'delivered',
          marketplaceStatus: 'X', orderedAt: new Date(BASE + 100_001 * MINUTE), marketplaceUpdatedAt: NOW, subtotal: '1.00', total: '1.00', itemCount: 1,
        })
        .returning({ id: orders.id });
      await tx.insert(orderItems).values({ orgId: w.orgA, orderId: row.id, lineId: '1', sku: 'LAMP', title: 'Desk lamp by Kim Broadway', quantity: 1, unitPrice: '1.00' });
      return row.id;
    });
    try {
      const first = await listA({ q: 'kim broad' });
      expect(first).toMatchObject({ total: SEARCH_CAP, capped: true });
      expect(first.rows[0].id).toBe(lamp);
      expect(first.rows.slice(1).every((r) => r.buyerName?.startsWith('Kim Broad'))).toBe(true);
      expect(await found('kim broadway')).toEqual([lamp]);
    } finally {
      await t.database.db.execute(sql`delete from public.orders where id = ${lamp}::uuid`);
    }
  });

  it('in a large organization, collects a term with more than SEARCH_CAP and at most SEARCH_COLLECT matches: counted exactly, pages in order, filters on top', async () => {
    if (TRI <= SEARCH_CAP || TRI > SEARCH_COLLECT) throw new Error('the test needs a term between SEARCH_CAP and SEARCH_COLLECT');
    const expected = await runAsService(t.database.db, 'tests', (tx) =>
      tx.select({ id: orders.id, status: orders.status }).from(orders)
        .where(and(eq(orders.orgId, w.orgA), sql`${orders.externalOrderId} like 'T-%'`)).orderBy(desc(orders.orderedAt), desc(orders.id)),
    );
    expect(expected).toHaveLength(TRI);
    await asLarge(async () => {
      const first = await listA({ q: 'tri lamp' });
      expect(first).toMatchObject({ total: TRI, capped: false, pageCount: TRI / 50 });
      const second = await listA({ q: 'tri lamp', after: first.next!, page: '2' });
      expect([...first.rows, ...second.rows].map((r) => r.id)).toEqual(expected.slice(0, 100).map((r) => r.id));
      // The last page by offset, and another sort.
      const last = await listA({ q: 'tri lamp', page: String(TRI / 50) });
      expect(last.rows.map((r) => r.id)).toEqual(expected.slice(TRI - 50).map((r) => r.id));
      const oldest = await listA({ q: 'tri lamp', sort: 'ordered_at', dir: 'asc', size: '25' });
      expect(oldest.rows.map((r) => r.id)).toEqual([...expected].reverse().slice(0, 25).map((r) => r.id));
      // A tab on top: counted (up to the cap), only its orders.
      const open = await listA({ q: 'tri lamp', tab: 'awaiting', size: '100', sort: 'ordered_at', dir: 'desc' });
      expect(open).toMatchObject({ total: TRI / 2, capped: false });
      expect(open.rows.map((r) => r.id)).toEqual(expected.filter((r) => r.status === 'unshipped').slice(0, 100).map((r) => r.id));
    });
    // In a small organization the same term is walked: the same rows, counted "1,000+".
    const small = await listA({ q: 'tri lamp', size: '100' });
    expect(small).toMatchObject({ total: SEARCH_CAP, capped: true });
    expect(small.rows.map((r) => r.id)).toEqual(expected.slice(0, 100).map((r) => r.id));
  });

  it('collects every order of a term whose matching lines repeat an order (1,200 lines, 300 orders)', async () => {
    if (SEARCH_CAP >= 1_200) throw new Error('the test needs more matching lines than SEARCH_CAP');
    const r = await listA({ q: 'quad lantern', size: '100' });
    expect(r).toMatchObject({ total: 300, capped: false });
    const kind = (limit: number | null) =>
      runAsUser(t.database.db, w.ownerA, async (tx) =>
        rowsOf<{ n: number | null }>(await tx.execute(sql`select cardinality(private.search_kind_ids(${w.orgA}::uuid, 'quad lantern', 'title', ${limit}::int)) as n`))[0].n,
      );
    expect(await kind(SEARCH_CAP)).toBe(300);
    expect(await kind(null)).toBe(300);
    expect(await kind(299)).toBeNull();
  });

  it('a number-like term with more than SEARCH_COLLECT prefix matches is walked by prefix only', async () => {
    const r = await listA({ q: 'K-0' });
    expect(r).toMatchObject({ total: SEARCH_CAP, capped: true });
    expect(r.rows.map((x) => x.externalOrderId)).toEqual(Array.from({ length: 50 }, (_, i) => `K-${String(BROAD - i).padStart(5, '0')}`));
    expect(r.rows.map((x) => x.id)).not.toContain(adapter);
  });

  it('conditions() without a resolved search means the same matches (bulk selection and export fall back to it)', async () => {
    const ids = (q: string) =>
      runAsUser(t.database.db, w.ownerA, async (tx) =>
        (await tx.select({ id: orders.id }).from(orders).where(conditions({ orgId: w.orgA, now: NOW }, params({ q }))).orderBy(asc(orders.id))).map((x) => x.id),
      );
    expect(await ids('A-1003')).toEqual([w.a[3].id]);
    expect(await ids('-1003')).toEqual([spare]);
    const k = await ids('K-0');
    expect(k).toHaveLength(BROAD);
    expect(k).not.toContain(adapter);
    expect(await ids('kim broad')).toHaveLength(BROAD - BROAD / 10);
  });

  it("the page's one search call: prefix kinds, then the substring kinds unless a number-like term starts a number", async () => {
    type Kinds = { few: number | null; titles: number | null; names: number | null };
    const kinds = (claims: typeof w.ownerA, q: string, number: boolean, collect = SEARCH_COLLECT) =>
      runAsUser(t.database.db, claims, async (tx) =>
        rowsOf<Kinds>(
          await tx.execute(sql`select cardinality(few) as few, cardinality(titles) as titles, cardinality(names) as names
            from private.search_page_kinds(${w.orgA}::uuid, ${q}::text, ${number}::boolean, ${SEARCH_CAP}::int, ${collect}::int)`),
        )[0],
      );
    const names = BROAD - BROAD / 10;
    // A number that starts an order number: that order, and titles and names are not read.
    expect(await kinds(w.ownerA, 'A-1003', true)).toEqual({ few: 1, titles: 0, names: 0 });
    // No number starts with it: the substring kinds are read (an item title holds it).
    expect(await kinds(w.ownerA, '-1003', true)).toEqual({ few: 0, titles: 1, names: 0 });
    // Not number-like: every kind, each on its own bound; in this organization, SEARCH_CAP.
    expect(await kinds(w.ownerA, 'quad lantern', false)).toEqual({ few: 0, titles: 300, names: 0 });
    expect(await kinds(w.ownerA, 'tri lamp', false)).toEqual({ few: 0, titles: null, names: 0 });
    expect(await kinds(w.ownerA, 'kim broad', false, 5_000)).toEqual({ few: 0, titles: 0, names: null });
    expect(await kinds(w.ownerA, 'K-0', true, 5_000)).toEqual({ few: null, titles: 0, names: 0 });
    // In a million-order one: up to p_collect.
    await asLarge(async () => {
      expect(await kinds(w.ownerA, 'tri lamp', false)).toEqual({ few: 0, titles: TRI, names: 0 });
      expect(await kinds(w.ownerA, 'kim broad', false)).toEqual({ few: 0, titles: 0, names: null });
      expect(await kinds(w.ownerA, 'kim broad', false, 5_000)).toEqual({ few: 0, titles: 0, names });
      // A buyer per order: exactly as many names as the bound allows is an answer, one more is not.
      expect(await kinds(w.ownerA, 'kim broad', false, names)).toEqual({ few: 0, titles: 0, names });
      expect(await kinds(w.ownerA, 'kim broad', false, names - 1)).toEqual({ few: 0, titles: 0, names: null });
      // Past the bound by prefix: null, and a number-like term stops there.
      expect(await kinds(w.ownerA, 'K-0', true)).toEqual({ few: null, titles: 0, names: 0 });
      expect(await kinds(w.ownerA, 'K-0', true, 5_000)).toEqual({ few: BROAD, titles: 0, names: 0 });
    });
    // Not a member, or too short a term: nothing, whatever the organization holds.
    expect(await kinds(w.ownerB, 'kim broad', false)).toEqual({ few: 0, titles: 0, names: 0 });
    expect(await kinds(w.outsider, 'quad lantern', false)).toEqual({ few: 0, titles: 0, names: 0 });
    expect(await kinds(w.ownerA, 'ki', false)).toEqual({ few: 0, titles: 0, names: 0 });
    // The collecting helper is the search functions' alone.
    await expect(
      runAsUser(t.database.db, w.ownerA, (tx) => tx.execute(sql`select private.search_kind_collect(${w.orgA}::uuid, 'quad lantern', 'title', 10, 10)`)),
    ).rejects.toMatchObject({ cause: { code: '42501', message: expect.stringMatching(/permission denied for function search_kind_collect/) } });
  });

  it('the search path answers null past its bound, and nothing to a non-member', async () => {
    const call = (claims: typeof w.ownerA, q: string, limit: number | null) =>
      runAsUser(t.database.db, claims, async (tx) =>
        rowsOf<{ n: number | null }>(await tx.execute(sql`select cardinality(private.search_order_ids(${w.orgA}::uuid, ${q}::text, true, ${limit}::int)) as n`))[0].n,
      );
    expect(await call(w.ownerA, 'kim broad', 5)).toBeNull();
    expect(await call(w.ownerA, 'kim broad', 5_000)).toBe(BROAD - BROAD / 10);
    expect(await call(w.ownerA, 'kim broad', null)).toBe(BROAD - BROAD / 10);
    expect(await call(w.ownerB, 'kim broad', 5)).toBe(0);
    expect(await call(w.outsider, 'kim broad', null)).toBe(0);
    // Never an anonymized buyer, whichever path.
    const anonymized = await runAsService(t.database.db, 'tests', (tx) =>
      tx.select({ id: orderBuyers.orderId }).from(orderBuyers).where(and(eq(orderBuyers.orgId, w.orgA), sql`${orderBuyers.anonymizedAt} is not null`)),
    );
    const walked = await listA({ q: 'kim broad', size: '100', sort: 'ordered_at', dir: 'desc' });
    expect(walked.rows.map((r) => r.id).filter((id) => anonymized.some((a) => a.id === id))).toEqual([]);
    expect(await found('Broad 00010')).toEqual([]);
    const few = await runAsUser(t.database.db, w.ownerA, (tx) =>
      tx.select({ id: orders.id }).from(orders).where(inArray(orders.externalOrderId, ['K-00011'])),
    );
    expect(await found('Broad 00011')).toEqual(few.map((x) => x.id));
  });
});
