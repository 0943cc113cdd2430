import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import { listShipments } from '@/lib/shipping/list';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { COUNT_CAP, listingAccounts, listListings, LISTINGS_PAGE_SIZE, stockCounts } from './list';
import { parseListingParams } from './params';

const params = (q: Record<string, string | string[]> = {}) => parseListingParams(q);

describe.each(backends)('listings and shipments pages on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let viewerA: Claims;
  let orgA: string;
  let orgB: string;
  let walmartA: string;
  let ebayA: string;

  async function account(orgId: string, marketplace: string, status = 'active'): Promise<string> {
    const [{ id }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id, status)
      values (${orgId}, ${marketplace}, ${`${marketplace} ${orgId.slice(0, 4)}`}, ${`s-${marketplace}-${orgId}`}, ${status}) returning id`));
    return id;
  }

  async function seed(orgId: string, listingsCount: number, shipped: number): Promise<string> {
    const acct = await account(orgId, 'walmart');
    // Stock: SKU-0001 none, SKU-0002..0004 low (2, 3, 4), the rest 100 + n; SKU-0005 unknown.
    await db.execute(sql`insert into public.listings (org_id, marketplace_account_id, marketplace, sku, title, price, quantity, publish_status)
      select ${orgId}, ${acct}, 'walmart', 'SKU-' || lpad(g::text, 4, '0'), 'Mug no. ' || g, (g % 7) + 0.99,
        case when g = 1 then 0 when g <= 4 then g when g = 5 then null else 100 + g end,
        case when g % 10 = 0 then 'unpublished' else 'published' end
      from generate_series(1, ${listingsCount}) g`);
    for (let i = 0; i < shipped; i++) {
      const [{ id: order }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at)
        values (${orgId}, ${acct}, 'walmart', ${`PO-${i}`}, 'shipped', 'Shipped', now(), now()) returning id`));
      await db.execute(sql`insert into public.shipments (org_id, order_id, status, carrier) values (${orgId}, ${order}, 'purchased', 'usps')`);
    }
    return acct;
  }

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    viewerA = await createUser(db);
    orgA = await createOrg(db, 'A', [[viewerA, 'viewer']]);
    orgB = await createOrg(db, 'B', [[await createUser(db), 'owner']]);
    walmartA = await seed(orgA, LISTINGS_PAGE_SIZE + 7, 3);
    // A disconnected eBay account whose listings were kept: shown as such, never as published.
    ebayA = await account(orgA, 'ebay', 'disconnected');
    await db.execute(sql`insert into public.listings (org_id, marketplace_account_id, marketplace, sku, title, quantity, publish_status)
      values (${orgA}, ${ebayA}, 'ebay', 'EB-1', 'Tote 50% off_now', 0, 'published'), (${orgA}, ${ebayA}, 'ebay', 'EB-2', 'Tote', 8, 'published')`);
    await seed(orgB, 5, 2);
  });
  afterAll(() => t?.cleanup());

  const list = (q: Record<string, string | string[]> = {}) => runAsUser(db, viewerA, (tx) => listListings(tx, orgA, params(q)));

  it('pages listings by SKU and clamps a page past the end', async () => {
    const p1 = await list();
    expect(p1).toMatchObject({ total: LISTINGS_PAGE_SIZE + 9, page: 1, pageCount: 2 });
    expect(p1.rows[0].sku).toBe('EB-1');
    const last = await list({ page: '99' });
    expect(last.page).toBe(2);
    expect(last.rows).toHaveLength(9);
  });

  it('shows listings of a disconnected account as such, and filters by that', async () => {
    const eb = (await list({ marketplace: 'ebay' })).rows;
    expect(eb.map((r) => [r.sku, r.status])).toEqual([['EB-1', 'disconnected'], ['EB-2', 'disconnected']]);
    const published = await list({ status: 'published' });
    expect(published.rows.some((r) => r.marketplace === 'ebay')).toBe(false);
    expect(published.total).toBe(LISTINGS_PAGE_SIZE + 7 - 5); // every tenth is unpublished
    expect((await list({ status: ['disconnected', 'unpublished'] })).total).toBe(2 + 5);
    const accounts = await runAsUser(db, viewerA, (tx) => listingAccounts(tx, orgA));
    expect(accounts.map((a) => [a.marketplace, a.status])).toEqual([['ebay', 'disconnected'], ['walmart', 'active']]);
  });

  it('searches SKU and title (pattern characters are literal), and filters by marketplace and account', async () => {
    expect((await list({ q: 'sku-005' })).rows.map((r) => r.sku)).toEqual(['SKU-0050', 'SKU-0051', 'SKU-0052', 'SKU-0053', 'SKU-0054', 'SKU-0055', 'SKU-0056', 'SKU-0057']);
    expect((await list({ q: 'mug no. 12' })).rows.map((r) => r.sku)).toEqual(['SKU-0012']);
    expect((await list({ q: '50%' })).rows.map((r) => r.sku)).toEqual(['EB-1']);
    expect((await list({ q: 'off_now' })).rows.map((r) => r.sku)).toEqual(['EB-1']);
    expect((await list({ q: '%' })).rows.map((r) => r.sku)).toEqual(['EB-1']);
    expect((await list({ account: walmartA })).total).toBe(LISTINGS_PAGE_SIZE + 7);
    expect((await list({ account: ebayA, marketplace: 'walmart' })).total).toBe(0);
  });

  it('flags out-of-stock and low-stock listings and counts them', async () => {
    expect((await list({ stock: 'out' })).rows.map((r) => r.sku)).toEqual(['EB-1', 'SKU-0001']);
    expect((await list({ stock: 'low' })).rows.map((r) => r.sku)).toEqual(['EB-2', 'SKU-0002', 'SKU-0003', 'SKU-0004']);
    expect(await runAsUser(db, viewerA, (tx) => stockCounts(tx, orgA))).toEqual({ all: LISTINGS_PAGE_SIZE + 9, out: 2, low: 4 });
  });

  it('sorts by each column either way, unknown values last, SKU breaking ties', async () => {
    const qty = (await list({ sort: 'quantity', dir: 'desc' })).rows;
    expect(qty[0].sku).toBe(`SKU-00${LISTINGS_PAGE_SIZE + 7}`);
    const asc = (await list({ sort: 'quantity', dir: 'asc', page: '2' })).rows;
    expect(asc[asc.length - 1].sku).toBe('SKU-0005'); // no stock known: last
    expect((await list({ sort: 'quantity' })).rows.slice(0, 3).map((r) => r.quantity)).toEqual([0, 0, 2]);
    const prices = (await list({ sort: 'price', dir: 'desc' })).rows.filter((r) => r.price !== null).map((r) => Number(r.price));
    expect([...prices].sort((a, b) => b - a)).toEqual(prices);
    expect((await list({ sort: 'status' })).rows[0].status).toBe('disconnected');
    expect((await list({ sort: 'title' })).rows[0].title).toBe('Mug no. 1');
    expect((await list({ sort: 'updated', dir: 'desc' })).rows).toHaveLength(LISTINGS_PAGE_SIZE);
  });

  it('stops counting past 10,000 (the page says "10,000+") and still pages by SKU', async () => {
    const big = await createOrg(db, 'Big', [[viewerA, 'viewer']]);
    const acct = await account(big, 'amazon');
    await db.execute(sql`insert into public.listings (org_id, marketplace_account_id, marketplace, sku, quantity, publish_status)
      select ${big}, ${acct}, 'amazon', 'B-' || lpad(g::text, 6, '0'), 0, 'published' from generate_series(1, ${COUNT_CAP + 5}) g`);
    const p = await runAsUser(db, viewerA, (tx) => listListings(tx, big, params({ page: '3' })));
    expect(p).toMatchObject({ total: COUNT_CAP, more: true, page: 3, pageCount: COUNT_CAP / LISTINGS_PAGE_SIZE });
    expect(p.rows[0].sku).toBe('B-000101');
    expect(await runAsUser(db, viewerA, (tx) => stockCounts(tx, big))).toEqual({ all: COUNT_CAP + 1, out: COUNT_CAP + 1, low: 0 });
    expect((await list()).more).toBe(false);
    // A search matching more than the cap: each listing checked as it is read, still "10,000+".
    const broad = await runAsUser(db, viewerA, (tx) => listListings(tx, big, params({ q: 'b-0', page: '2' })));
    expect(broad).toMatchObject({ total: COUNT_CAP, more: true, page: 2 });
    expect(broad.rows[0].sku).toBe('B-000051');
    // One matching fewer than the cap: from the search path, counted exactly.
    const few = await runAsUser(db, viewerA, (tx) => listListings(tx, big, params({ q: 'b-0099' })));
    expect(few).toMatchObject({ total: 100, more: false });
    expect(few.rows[0].sku).toBe('B-009900');
  });

  it('the listings search path checks membership itself and answers null past its bound', async () => {
    const call = (claims: Claims, org: string, q: string, limit: number) =>
      runAsUser(db, claims, async (tx) =>
        rowsOf<{ n: number | null }>(await tx.execute(sql`select cardinality(private.search_listing_ids(${org}::uuid, ${q}::text, ${limit}::int)) as n`))[0].n,
      );
    expect(await call(viewerA, orgA, 'mug no. 1', 100)).toBe(11); // 1, 10..19
    expect(await call(viewerA, orgA, 'mug no. 1', 5)).toBeNull();
    expect(await call(viewerA, orgB, 'mug', 100)).toBe(0);
    expect(await call(await createUser(db), orgA, 'mug', 100)).toBe(0);
  });

  it("never shows another organization's rows, even when asked for its id", async () => {
    expect(await runAsUser(db, viewerA, (tx) => listListings(tx, orgB, params()))).toMatchObject({ total: 0, rows: [] });
    expect(await runAsUser(db, viewerA, (tx) => stockCounts(tx, orgB))).toEqual({ all: 0, out: 0, low: 0 });
    expect(await runAsUser(db, viewerA, (tx) => listShipments(tx, orgB, 1))).toMatchObject({ total: 0, rows: [] });
    const mine = await runAsUser(db, viewerA, (tx) => listShipments(tx, orgA, 1));
    expect(mine.total).toBe(3);
    expect(mine.rows.every((r) => r.carrier === 'usps')).toBe(true);
  });
});

describe('listing params from the URL', () => {
  it('keeps what it understands and drops the rest', () => {
    expect(params({ q: '  mug ', status: ['published', 'bogus', 'published'], marketplace: ['ebay', 'etsy'], account: 'not-a-uuid', stock: 'none', sort: 'secret', dir: 'up', page: '-3' })).toEqual({
      q: 'mug', status: ['published'], marketplace: ['ebay'], account: null, stock: null, sort: 'sku', dir: 'asc', page: 1,
    });
    expect(params({ q: 'x'.repeat(500) }).q).toHaveLength(100);
  });
});
