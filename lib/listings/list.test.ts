import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import { listShipments } from '@/lib/shipping/list';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { listListings, LISTINGS_PAGE_SIZE } from './list';

describe.each(backends)('listings and shipments pages on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let viewerA: Claims;
  let orgA: string;
  let orgB: string;

  async function seed(orgId: string, listingsCount: number, shipped: number): Promise<void> {
    const [{ id: acct }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${orgId}, 'walmart', 'W', ${`s-${orgId}`}) returning id`));
    await db.execute(sql`insert into public.listings (org_id, marketplace_account_id, marketplace, sku, publish_status)
      select ${orgId}, ${acct}, 'walmart', 'SKU-' || lpad(g::text, 4, '0'), 'published' from generate_series(1, ${listingsCount}) g`);
    for (let i = 0; i < shipped; i++) {
      const [{ id: order }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at)
        values (${orgId}, ${acct}, 'walmart', ${`PO-${i}`}, 'shipped', 'Shipped', now(), now()) returning id`));
      await db.execute(sql`insert into public.shipments (org_id, order_id, status, carrier) values (${orgId}, ${order}, 'purchased', 'usps')`);
    }
  }

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    viewerA = await createUser(db);
    orgA = await createOrg(db, 'A', [[viewerA, 'viewer']]);
    orgB = await createOrg(db, 'B', [[await createUser(db), 'owner']]);
    await seed(orgA, LISTINGS_PAGE_SIZE + 7, 3);
    await seed(orgB, 5, 2);
  });
  afterAll(() => t?.cleanup());

  it('pages listings by SKU and clamps a page past the end', async () => {
    const p1 = await runAsUser(db, viewerA, (tx) => listListings(tx, orgA, 1));
    expect(p1).toMatchObject({ total: LISTINGS_PAGE_SIZE + 7, page: 1, pageCount: 2 });
    expect(p1.rows[0].sku).toBe('SKU-0001');
    const last = await runAsUser(db, viewerA, (tx) => listListings(tx, orgA, 99));
    expect(last.page).toBe(2);
    expect(last.rows).toHaveLength(7);
  });

  it("never shows another organization's rows, even when asked for its id", async () => {
    expect(await runAsUser(db, viewerA, (tx) => listListings(tx, orgB, 1))).toMatchObject({ total: 0, rows: [] });
    expect(await runAsUser(db, viewerA, (tx) => listShipments(tx, orgB, 1))).toMatchObject({ total: 0, rows: [] });
    const mine = await runAsUser(db, viewerA, (tx) => listShipments(tx, orgA, 1));
    expect(mine.total).toBe(3);
    expect(mine.rows.every((r) => r.carrier === 'usps')).toBe(true);
  });
});
