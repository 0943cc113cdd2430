// Walmart listings get their stock: a listings sync reads the items, then every SKU's inventory
// (GET /v3/inventories, 50 SKUs a call), and stores available-to-sell quantities; an items page
// never blanks a quantity it does not carry, while other marketplaces' records still set theirs.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsService } from '@/lib/db/session';
import type { NormalizedListing } from '@/lib/marketplaces/types';
import { CATALOG, stockFor } from '@/sandbox/core/catalog';
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { startService, type RunningService } from '@/sandbox/core/server';
import { WalmartSandbox } from '@/sandbox/walmart';
import { backends, type TestDatabase } from '@/tests/support/db';
import { walmartDemoOrg } from '@/tests/support/walmart-org';
import { upsertListings } from './upsert-listings';

const T0 = Date.UTC(2026, 11, 2, 12);

describe.each(backends)('Walmart stock through the listings sync on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let sim: RunningService;
  let svc: WalmartSandbox;
  let clock: SimClock;
  let orgId: string;
  let accountId: string;
  let tick: () => Promise<unknown>;
  const stock = async () =>
    new Map(rowsOf<{ sku: string; quantity: number | null }>(await db.execute(sql`select sku, quantity from public.listings where org_id = ${orgId}`)).map((r) => [r.sku, r.quantity]));

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    clock = fixedClock(T0);
    svc = new WalmartSandbox({ clock });
    sim = await startService(svc, { port: 0 });
    const org = await walmartDemoOrg(db, clock, sim.url, 'wm-stock');
    ({ orgId, accountId } = org);
    tick = () => org.tick(['sync_listings']);
  });
  afterAll(async () => {
    await sim?.close();
    await t?.cleanup();
  });

  it("stores every listing's available-to-sell quantity, one inventory call per 50 SKUs", async () => {
    await tick();
    const seed = svc.accounts[0].profile.seed;
    expect(await stock()).toEqual(new Map(CATALOG.map((c) => [c.sku, stockFor(seed, c.sku)])));
    expect(svc.sent(/^\/v3\/inventories$/)).toHaveLength(Math.ceil(CATALOG.length / 50));
    expect(svc.sent(/^\/v3\/inventory$/)).toHaveLength(0);
    const run = rowsOf<{ status: string }>(await db.execute(sql`select status from public.sync_runs where org_id = ${orgId} and kind = 'listings'`));
    expect(run).toEqual([{ status: 'succeeded' }]);
  });

  it('keeps a Walmart quantity when an items page comes without stock; other records still set theirs', async () => {
    const before = await stock();
    const sku = CATALOG[0].sku;
    const item: NormalizedListing = {
      sku, externalListingId: 'X', title: 'T', imageUrls: [], attributes: {}, price: '1.00', currency: 'USD', quantity: null,
      quantityReadApart: true, publishStatus: 'published', marketplaceStatus: 'PUBLISHED', updatedAt: null,
    };
    const scope = { orgId, accountId, marketplace: 'walmart' as const };
    await runAsService(db, 'tests', (tx) => upsertListings(tx, scope, [item]));
    expect((await stock()).get(sku)).toBe(before.get(sku));
    await runAsService(db, 'tests', (tx) => upsertListings(tx, scope, [{ ...item, quantityReadApart: undefined }]));
    expect((await stock()).get(sku)).toBeNull();
  });
});
