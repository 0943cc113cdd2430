import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, stockFor } from '@/sandbox/core/catalog';
import { EBAY_SANDBOX_SELLER_USERNAME, EBAY_SCOPES, defaultEbayAccounts } from './index';
import { call, startEbay, T0, type Harness } from './test-support';

interface Item {
  sku: string;
  product: { title: string; aspects: Record<string, string[]>; upc: string[] };
  availability: { shipToLocationAvailability: { quantity: number } };
}
interface Items {
  href: string;
  limit: number;
  next?: string;
  prev?: string;
  size: number;
  total: number;
  inventoryItems: Item[];
}
interface Offer {
  sku: string;
  status: string;
  availableQuantity: number;
  pricingSummary: { price: { value: string } };
  listing?: { listingId: string; listingStatus: string };
}

let h: Harness;
let token: string;
const seed = defaultEbayAccounts(T0)[0].profile.seed;
const errorId = (b: unknown) => (b as { errors: Array<{ errorId: number }> }).errors[0].errorId;

beforeAll(async () => {
  h = await startEbay();
  token = h.svc.issueUserTokens().accessToken;
});
afterAll(() => h.close());

describe('getInventoryItems', () => {
  it('returns the catalog with the account stock, one default page', async () => {
    const r = await call<Items>(h.base, token, '/sell/inventory/v1/inventory_item');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ limit: 25, total: CATALOG.length, size: 1 });
    expect(r.body.next).toBeUndefined();
    expect(r.body.inventoryItems.map((i) => i.sku)).toEqual(CATALOG.map((c) => c.sku));
    for (const i of r.body.inventoryItems) {
      expect(i.availability.shipToLocationAvailability.quantity).toBe(stockFor(seed, i.sku));
      expect(i.product.aspects.Brand).toEqual(['Harbor & Pine']);
    }
  });

  it('pages by page number (offset) and links next/prev', async () => {
    const first = await call<Items>(h.base, token, '/sell/inventory/v1/inventory_item?limit=7');
    expect(first.body.inventoryItems).toHaveLength(7);
    expect(first.body.size).toBe(3);
    expect(first.body.next).toBe(`${h.base}/sell/inventory/v1/inventory_item?offset=1&limit=7`);
    const skus: string[] = [];
    let url: string | undefined = `${h.base}/sell/inventory/v1/inventory_item?limit=7`;
    let last: Items | undefined;
    while (url) {
      const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      last = (await res.json()) as Items;
      skus.push(...last.inventoryItems.map((i) => i.sku));
      url = last.next;
    }
    expect(skus).toEqual(CATALOG.map((c) => c.sku));
    expect(last?.inventoryItems).toHaveLength(6);
    expect(last?.prev).toBe(`${h.base}/sell/inventory/v1/inventory_item?offset=1&limit=7`);
    const beyond = await call<Items>(h.base, token, '/sell/inventory/v1/inventory_item?limit=7&offset=3');
    expect(beyond.body.inventoryItems).toEqual([]);

    for (const q of ['limit=0', 'limit=201', 'limit=x', 'offset=-1']) {
      const bad = await call(h.base, token, `/sell/inventory/v1/inventory_item?${q}`);
      expect(bad.status, q).toBe(400);
      expect(errorId(bad.body)).toBe(25706);
    }
  });

  it('gets one item by SKU and 404s unknown ones', async () => {
    const sku = CATALOG[3].sku;
    const r = await call<Item>(h.base, token, `/sell/inventory/v1/inventory_item/${sku}`);
    expect(r.status).toBe(200);
    expect(r.body.product.upc).toEqual([CATALOG[3].upc]);
    const missing = await call(h.base, token, '/sell/inventory/v1/inventory_item/NOPE-123');
    expect(missing.status).toBe(404);
    expect(errorId(missing.body)).toBe(25710);
  });
});

describe('getOffers', () => {
  it('returns published offers with the listing id orders carry, and unpublished ones without', async () => {
    const offers: Offer[] = [];
    for (const c of CATALOG) {
      const r = await call<{ total: number; size: number; offers: Offer[] }>(h.base, token, `/sell/inventory/v1/offer?sku=${encodeURIComponent(c.sku)}`);
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ total: 1, size: 1 });
      offers.push(r.body.offers[0]);
    }
    const published = offers.filter((o) => o.status === 'PUBLISHED');
    const unpublished = offers.filter((o) => o.status === 'UNPUBLISHED');
    expect(published.length).toBeGreaterThan(10);
    expect(unpublished.length).toBeGreaterThan(0);
    expect(unpublished.every((o) => o.listing === undefined)).toBe(true);
    for (const o of published) {
      expect(o.listing?.listingId).toMatch(/^\d{12}$/);
      expect(o.listing?.listingStatus).toBe(o.availableQuantity > 0 ? 'ACTIVE' : 'OUT_OF_STOCK');
    }

    // The listing id on an offer is the legacyItemId on order lines for that SKU.
    const orders = await call<{ orders: Array<{ lineItems: Array<{ sku: string; legacyItemId: string }> }> }>(h.base, token, '/sell/fulfillment/v1/order?limit=200');
    const line = orders.body.orders.flatMap((o) => o.lineItems).find((l) => published.some((p) => p.sku === l.sku)) as { sku: string; legacyItemId: string };
    expect(published.find((p) => p.sku === line.sku)?.listing?.listingId).toBe(line.legacyItemId);
  });

  it('validates sku and format and 404s SKUs without offers', async () => {
    const none = await call(h.base, token, '/sell/inventory/v1/offer');
    expect(none.status).toBe(400);
    expect(errorId(none.body)).toBe(25707);
    const unknown = await call(h.base, token, '/sell/inventory/v1/offer?sku=NOPE-1');
    expect(unknown.status).toBe(404);
    expect(errorId(unknown.body)).toBe(25713);
    const auction = await call(h.base, token, `/sell/inventory/v1/offer?sku=${CATALOG[0].sku}&format=AUCTION`);
    expect(auction.status).toBe(404);
    const bad = await call(h.base, token, `/sell/inventory/v1/offer?sku=${CATALOG[0].sku}&format=LOTTERY`);
    expect(bad.status).toBe(400);
    expect(errorId(bad.body)).toBe(25709);
  });

  it('needs an inventory scope', async () => {
    const t = h.svc.issueUserTokens(EBAY_SANDBOX_SELLER_USERNAME, [EBAY_SCOPES.fulfillment]).accessToken;
    const r = await call(h.base, t, '/sell/inventory/v1/inventory_item');
    expect(r.status).toBe(403);
    expect(errorId(r.body)).toBe(1100);
  });
});
