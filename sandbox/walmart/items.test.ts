import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, stockFor } from '@/sandbox/core/catalog';
import { startWalmart, type Harness } from './test-support';

let h: Harness;
beforeAll(async () => {
  h = await startWalmart();
});
afterAll(() => h.close());

describe('GET /v3/items', () => {
  it('lists the catalog as Walmart listings, 20 per page by default', async () => {
    const r = await h.call('/v3/items');
    expect(r.status).toBe(200);
    expect(r.body.totalItems).toBe(CATALOG.length);
    expect(r.body.ItemResponse).toHaveLength(Math.min(20, CATALOG.length));
    const first = r.body.ItemResponse[0];
    expect(first).toMatchObject({
      mart: 'WALMART_US',
      sku: CATALOG[0].sku,
      productName: CATALOG[0].title,
      upc: CATALOG[0].upc,
      gtin: `00${CATALOG[0].upc}`,
      price: { currency: 'USD', amount: CATALOG[0].price },
      condition: 'New',
    });
    expect(first.wpid).toMatch(/^[0-9A-Z]{12}$/);
    for (const i of r.body.ItemResponse) {
      expect(['PUBLISHED', 'UNPUBLISHED']).toContain(i.publishedStatus);
      expect(['ACTIVE', 'RETIRED']).toContain(i.lifecycleStatus);
      // Unpublished listings say why; published ones do not.
      expect(Boolean(i.unpublishedReasons)).toBe(i.publishedStatus === 'UNPUBLISHED');
    }
  });

  it('pages with nextCursor and with offset/limit to the same sequence', async () => {
    const viaCursor: string[] = [];
    let cursor = '*';
    for (;;) {
      const r = await h.call(`/v3/items?limit=6&nextCursor=${encodeURIComponent(cursor)}`);
      expect(r.status).toBe(200);
      viaCursor.push(...r.body.ItemResponse.map((i: any) => i.sku));
      if (!r.body.nextCursor) break;
      cursor = r.body.nextCursor;
    }
    const viaOffset: string[] = [];
    for (let offset = 0; offset < CATALOG.length; offset += 6) {
      const r = await h.call(`/v3/items?limit=6&offset=${offset}`);
      viaOffset.push(...r.body.ItemResponse.map((i: any) => i.sku));
    }
    expect(viaCursor).toEqual(CATALOG.map((c) => c.sku));
    expect(viaOffset).toEqual(viaCursor);
    expect((await h.call(`/v3/items?offset=${CATALOG.length}`)).status).toBe(404);
  });

  it('filters by sku and statuses, with 404 when nothing matches', async () => {
    const one = await h.call(`/v3/items?sku=${CATALOG[3].sku}`);
    expect(one.body.ItemResponse.map((i: any) => i.sku)).toEqual([CATALOG[3].sku]);
    const all = (await h.call('/v3/items?limit=50')).body.ItemResponse;
    for (const status of ['PUBLISHED', 'UNPUBLISHED']) {
      const r = await h.call(`/v3/items?limit=50&publishedStatus=${status}`);
      const expected = all.filter((i: any) => i.publishedStatus === status).map((i: any) => i.sku);
      if (expected.length) expect(r.body.ItemResponse.map((i: any) => i.sku)).toEqual(expected);
      else expect(r.status).toBe(404);
    }
    const retired = await h.call('/v3/items?lifecycleStatus=RETIRED');
    expect(retired.body.ItemResponse.length).toBeGreaterThan(0);
    expect(retired.body.ItemResponse.every((i: any) => i.lifecycleStatus === 'RETIRED' && i.publishedStatus === 'UNPUBLISHED')).toBe(true);
    expect(all.some((i: any) => i.publishedStatus === 'UNPUBLISHED' && i.lifecycleStatus === 'ACTIVE')).toBe(true);
    const missing = await h.call('/v3/items?sku=NOT-A-SKU');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0]).toMatchObject({ code: 'CONTENT_NOT_FOUND.GMP_ITEM_QUERY_API', severity: 'INFO' });
  });

  it('rejects limit above 50, bad statuses and foreign cursors', async () => {
    for (const [q, field] of [['limit=51', 'limit'], ['lifecycleStatus=GONE', 'lifecycleStatus'], ['publishedStatus=LIVE', 'publishedStatus'], ['nextCursor=Zm9v', 'nextCursor']]) {
      const r = await h.call(`/v3/items?${q}`);
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toMatchObject({ code: 'INVALID_REQUEST_PARAM.GMP_ITEM_QUERY_API', field });
    }
  });
});

describe('GET /v3/inventory', () => {
  it("reports the account's stock per SKU", async () => {
    const seed = h.svc.accounts[0].profile.seed;
    for (const item of CATALOG.slice(0, 5)) {
      const r = await h.call(`/v3/inventory?sku=${item.sku}`);
      expect(r.body).toEqual({ sku: item.sku, quantity: { unit: 'EACH', amount: stockFor(seed, item.sku) } });
    }
    expect((await h.call('/v3/inventory?sku=NOPE')).status).toBe(404);
    expect((await h.call('/v3/inventory')).status).toBe(400);
  });
});
