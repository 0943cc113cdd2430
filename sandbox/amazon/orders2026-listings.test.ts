import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG, stockFor } from '@/sandbox/core/catalog';
import { AMAZON_DEMO_SELLER_ID, defaultAmazonAccounts } from './index';
import { orderIdFor } from './ids';
import { errorCode, MP, NOW, startAmazon, type Harness } from './testkit';

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await startAmazon();
  token = await h.accessToken();
});
afterEach(() => h.close());

const seed = defaultAmazonAccounts(NOW)[0].profile.seed;

interface Order2026 {
  orderId: string;
  lastUpdatedTime: string;
  buyer?: { buyerName: string; buyerEmail: string };
  recipient?: { deliveryAddress: { name: string; addressLine1: string } };
  fulfillment?: { fulfillmentStatus: string };
  orderItems: Array<{ orderItemId: string; quantityOrdered: number; fulfillment?: { quantityFulfilled: number } }>;
  packages?: Array<{ carrier: string; trackingNumber: string; packageReferenceId: string }>;
}

describe('Orders API v2026-01-01', () => {
  const search = (q: string) => h.sp(`/orders/2026-01-01/orders?${q}`, token);

  it('returns buyer and recipient PII through includedData, without an RDT', async () => {
    const r = await search('createdAfter=2026-03-14T00:00:00Z&includedData=BUYER,RECIPIENT,FULFILLMENT&maxResultsPerPage=5');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('0.0056');
    const body = r.body as { orders: Order2026[]; pagination?: { nextToken: string }; createdBefore: string };
    expect(body.orders).toHaveLength(5);
    expect(body.createdBefore).toBe('2026-03-15T11:58:00Z');
    for (const o of body.orders) {
      expect(o.buyer?.buyerEmail).toMatch(/@marketplace\.amazon\.com$/);
      expect(o.recipient?.deliveryAddress.addressLine1).toBeTruthy();
      expect(o.fulfillment?.fulfillmentStatus).toMatch(/^(UNSHIPPED|SHIPPED|PARTIALLY_SHIPPED|CANCELLED)$/);
    }
    const next = await search(`paginationToken=${encodeURIComponent(body.pagination!.nextToken)}`);
    const page2 = (next.body as { orders: Order2026[] }).orders;
    expect(page2[0].orderId).not.toBe(body.orders[0].orderId);
    expect(page2[0].buyer).toBeUndefined(); // includedData is per request

    const bare = (await search('createdAfter=2026-03-14T00:00:00Z&maxResultsPerPage=1')).body as { orders: Order2026[] };
    expect(bare.orders[0].buyer).toBeUndefined();
    expect(bare.orders[0].recipient).toBeUndefined();
  });

  it('enforces its parameter rules and its very low usage plan', async () => {
    for (const q of [
      '',
      'createdAfter=2026-03-14T00:00:00Z&lastUpdatedAfter=2026-03-14T00:00:00Z',
      'createdAfter=2026-03-14T00:00:00Z&lastUpdatedBefore=2026-03-15T00:00:00Z',
      'createdAfter=2026-03-14T00:00:00Z&createdBefore=2026-03-15T11:59:30Z',
      'createdAfter=2026-03-14T00:00:00Z&includedData=EVERYTHING',
      'createdAfter=2026-03-14T00:00:00Z&fulfillmentStatuses=Unshipped',
      'createdAfter=2026-03-14T00:00:00Z&maxResultsPerPage=500',
      'createdAfter=2026-03-14T00:00:00Z&marketplaceIds=A1F83G8C2ARO7P',
    ]) {
      const r = await search(q);
      expect(r.status, q).toBe(400);
      expect(errorCode(r.body)).toBe('InvalidInput');
    }
    for (let i = 8; i < 20; i++) expect((await search('lastUpdatedAfter=2026-03-15T00:00:00Z')).status).toBe(200);
    const throttled = await search('lastUpdatedAfter=2026-03-15T00:00:00Z');
    expect(throttled.status).toBe(429);
    h.clock.advance(170_000); // 0.0056 rps: one request every ~178.6 s
    expect((await search('lastUpdatedAfter=2026-03-15T00:00:00Z')).status).toBe(429);
    h.clock.advance(10_000);
    expect((await search('lastUpdatedAfter=2026-03-15T00:00:00Z')).status).toBe(200);
  });

  it('getOrder shows packages confirmed through confirmShipment and refuses an RDT', async () => {
    const canceledFilter = (await search('createdAfter=2026-03-13T00:00:00Z&fulfillmentStatuses=UNSHIPPED&maxResultsPerPage=1')).body as { orders: Order2026[] };
    const o = canceledFilter.orders[0];
    const c = await h.sp(`/orders/v0/orders/${o.orderId}/shipmentConfirmation`, token, {
      method: 'POST',
      body: JSON.stringify({ marketplaceId: MP, packageDetail: { packageReferenceId: '3', carrierCode: 'FedEx', trackingNumber: '794612345678', shipDate: '2026-03-15T11:00:00Z', orderItems: [{ orderItemId: o.orderItems[0].orderItemId, quantity: o.orderItems[0].quantityOrdered }] } }),
    });
    expect(c.status).toBe(204);
    const g = await h.sp(`/orders/2026-01-01/orders/${o.orderId}?includedData=PACKAGES,FULFILLMENT`, token);
    expect(g.status).toBe(200);
    const order = (g.body as { order: Order2026 }).order;
    expect(order.packages).toEqual([expect.objectContaining({ packageReferenceId: '3', carrier: 'FedEx', trackingNumber: '794612345678' })]);
    expect(order.orderItems[0].fulfillment?.quantityFulfilled).toBe(o.orderItems[0].quantityOrdered);
    expect(order.lastUpdatedTime).toBe('2026-03-15T12:00:00Z');
    expect((await h.sp(`/orders/2026-01-01/orders/${orderIdFor(seed, 9999)}`, token)).status).toBe(404);
    const rdt = await h.rdt(token, [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }]);
    expect((await h.sp(`/orders/2026-01-01/orders/${o.orderId}`, rdt)).status).toBe(403);
  });
});

describe('Listings Items API 2021-08-01', () => {
  const base = `/listings/2021-08-01/items/${AMAZON_DEMO_SELLER_ID}`;
  // searchListingsItems allows 5 rps with a burst of 5: space the calls on the simulated clock.
  const sp = (path: string, t: string) => {
    h.clock.advance(1_000);
    return h.sp(path, t);
  };

  it('searches the catalog with paging, sorting and identifier filters', async () => {
    const first = await sp(`${base}?marketplaceIds=${MP}&pageSize=20&sortBy=sku&sortOrder=ASC&includedData=summaries,offers,fulfillmentAvailability`, token);
    expect(first.status).toBe(200);
    const body = first.body as { numberOfResults: number; items: Array<{ sku: string; offers: Array<{ price: { amount: string } }>; fulfillmentAvailability: Array<{ quantity: number }> }>; pagination?: unknown };
    expect(body.numberOfResults).toBe(CATALOG.length);
    expect(body.items.map((i) => i.sku)).toEqual(CATALOG.map((c) => c.sku).sort());
    expect(body.pagination).toBeUndefined();
    const mug = body.items.find((i) => i.sku === 'MUG-CER-11OZ-WHT')!;
    expect(mug.offers[0].price.amount).toBe('12.99');
    expect(mug.fulfillmentAvailability[0].quantity).toBe(stockFor(seed, 'MUG-CER-11OZ-WHT'));

    const p1 = (await sp(`${base}?marketplaceIds=${MP}&pageSize=8`, token)).body as { items: Array<{ sku: string }>; pagination: { nextToken: string } };
    const p2 = (await sp(`${base}?marketplaceIds=${MP}&pageSize=8&pageToken=${p1.pagination.nextToken}`, token)).body as { items: Array<{ sku: string }>; pagination: { nextToken?: string; previousToken: string } };
    const p3 = (await sp(`${base}?marketplaceIds=${MP}&pageSize=8&pageToken=${p2.pagination.nextToken}`, token)).body as { items: Array<{ sku: string }>; pagination: { nextToken?: string } };
    expect(new Set([...p1.items, ...p2.items, ...p3.items].map((i) => i.sku)).size).toBe(CATALOG.length);
    expect(p3.pagination.nextToken).toBeUndefined();

    const bySku = (await sp(`${base}?marketplaceIds=${MP}&identifiers=CTB-BMB-LG,NTB-DOT-A5-BLK&identifiersType=SKU`, token)).body as { items: Array<{ sku: string }> };
    expect(bySku.items.map((i) => i.sku).sort()).toEqual(['CTB-BMB-LG', 'NTB-DOT-A5-BLK']);
    const zero = CATALOG.filter((c) => stockFor(seed, c.sku) === 0).map((c) => c.sku).sort();
    const notBuyable = (await sp(`${base}?marketplaceIds=${MP}&withoutStatus=BUYABLE&pageSize=20`, token)).body as { items: Array<{ sku: string }> };
    expect(notBuyable.items.map((i) => i.sku).sort()).toEqual(zero);
  });

  it('answers 400/403/404 like SP-API', async () => {
    for (const q of ['', `marketplaceIds=${MP}&pageSize=21`, `marketplaceIds=${MP}&includedData=prices`, `marketplaceIds=${MP}&identifiers=X`, `marketplaceIds=${MP}&pageToken=bogus`]) {
      const r = await sp(`${base}?${q}`, token);
      expect(r.status, q).toBe(400);
    }
    expect((await sp(`/listings/2021-08-01/items/A3OTHERSELLER?marketplaceIds=${MP}`, token)).status).toBe(403);
    const item = await sp(`${base}/${encodeURIComponent('YGA-MAT-6MM-PRP')}?marketplaceIds=${MP}&includedData=summaries,attributes`, token);
    expect(item.status).toBe(200);
    expect(item.body).toMatchObject({ sku: 'YGA-MAT-6MM-PRP', summaries: [{ itemName: 'Yoga Mat 6 mm, Purple', marketplaceId: MP }] });
    const missing = await sp(`${base}/NOPE?marketplaceIds=${MP}`, token);
    expect(missing.status).toBe(404);
    expect(errorCode(missing.body)).toBe('NOT_FOUND');
  });
});
