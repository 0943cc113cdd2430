import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simOrder } from '@/sandbox/core/catalog';
import { defaultAmazonAccounts } from './index';
import { orderIdFor, parseOrderId } from './ids';
import { errorCode, MP, NOW, startAmazon, type Harness, type V0ItemsPayload, type V0Order, type V0OrdersPayload } from './testkit';

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await startAmazon({ orderItemsPageSize: 1 });
  token = await h.accessToken();
});
afterEach(() => h.close());

const profile = () => defaultAmazonAccounts(NOW)[0].profile;
const orders = (q: string, t = token) => h.sp(`/orders/v0/orders?MarketplaceIds=${MP}&${q}`, t);
const list = (r: { body: unknown }) => (r.body as V0OrdersPayload).payload;

/** An Unshipped order with at least `lines` lines among those created in the last days. */
async function findUnshipped(lines: number): Promise<{ id: string; items: V0ItemsPayload['payload']['OrderItems'] }> {
  const r = await orders('CreatedAfter=2026-03-13T00:00:00Z&OrderStatuses=Unshipped');
  for (const o of list(r).Orders) {
    const idx = parseOrderId(profile().seed, o.AmazonOrderId) as number;
    if (simOrder(profile(), idx).lines.length >= lines) {
      const items: V0ItemsPayload['payload']['OrderItems'] = [];
      let next: string | undefined;
      do {
        const page = await h.sp(`/orders/v0/orders/${o.AmazonOrderId}/orderItems${next ? `?NextToken=${encodeURIComponent(next)}` : ''}`, token);
        const p = (page.body as V0ItemsPayload).payload;
        items.push(...p.OrderItems);
        next = p.NextToken;
      } while (next);
      return { id: o.AmazonOrderId, items };
    }
  }
  throw new Error('no such order');
}

describe('getOrders', () => {
  it('enforces the documented parameter rules with 400 InvalidInput', async () => {
    const bad = [
      'CreatedAfter=2026-03-14T00:00:00Z&MarketplaceIds=A1F83G8C2ARO7P',
      '',
      'CreatedAfter=2026-03-14T00:00:00Z&LastUpdatedAfter=2026-03-14T00:00:00Z',
      'CreatedAfter=2026-03-14T00:00:00Z&LastUpdatedBefore=2026-03-15T00:00:00Z',
      'LastUpdatedAfter=2026-03-14T00:00:00Z&CreatedBefore=2026-03-15T00:00:00Z',
      'CreatedAfter=2026-03-14T00:00:00Z&CreatedBefore=2026-03-15T11:59:00Z',
      'CreatedAfter=2026-03-14T00:00:00Z&CreatedBefore=2026-03-13T00:00:00Z',
      'CreatedAfter=yesterday',
      'CreatedAfter=2026-03-16T00:00:00Z',
      'CreatedAfter=2026-03-14T00:00:00Z&MaxResultsPerPage=0',
      'CreatedAfter=2026-03-14T00:00:00Z&MaxResultsPerPage=101',
      'CreatedAfter=2026-03-14T00:00:00Z&OrderStatuses=Delivered',
      'CreatedAfter=2026-03-14T00:00:00Z&SellerOrderId=x&OrderStatuses=Shipped',
      'CreatedAfter=2026-03-14T00:00:00Z&NextToken=garbage',
    ];
    for (const q of bad) {
      const r = await orders(q);
      expect(r.status, q).toBe(400);
      expect(errorCode(r.body), q).toBe('InvalidInput');
    }
    const none = await h.sp('/orders/v0/orders?CreatedAfter=2026-03-14T00:00:00Z', token);
    expect(none.status).toBe(400);
  });

  it('pages through every order with NextToken, oldest first, bounded two minutes before now', async () => {
    const ids: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const r = await orders(next ? `NextToken=${encodeURIComponent(next)}` : 'CreatedAfter=2026-01-01T00:00:00Z');
      expect(r.status).toBe(200);
      expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('0.0167');
      const p = list(r);
      expect(p.CreatedBefore).toBe('2026-03-15T11:58:00Z');
      ids.push(...p.Orders.map((o) => o.AmazonOrderId));
      next = p.NextToken;
      pages++;
    } while (next);
    // Orders every 90 minutes from 2026-02-13T00:00Z to 11:58 on 2026-03-15: indexes 0..487.
    expect(ids).toHaveLength(488);
    expect(new Set(ids).size).toBe(488);
    expect(pages).toBe(5);
    expect(ids[0]).toBe(orderIdFor(profile().seed, 0));
    expect(ids[487]).toBe(orderIdFor(profile().seed, 487));
  });

  it('filters by status, and Pending orders carry no shipping address', async () => {
    const canceled = list(await orders('CreatedAfter=2026-02-13T00:00:00Z&OrderStatuses=Canceled')).Orders;
    expect(canceled.length).toBeGreaterThan(0);
    for (const o of canceled) expect(o.OrderStatus).toBe('Canceled');
    const expected = Array.from({ length: 488 }, (_, i) => simOrder(profile(), i)).filter((o) => o.cancelledAt !== null && o.cancelledAt <= NOW);
    expect(canceled.map((o) => o.AmazonOrderId)).toEqual(expected.map((o) => orderIdFor(profile().seed, o.index)));

    h.clock.advance(3 * 60_000); // the order created at 12:00 enters the window, payment not yet authorised
    const pending = list(await orders('CreatedAfter=2026-03-15T11:00:00Z&OrderStatuses=Pending')).Orders;
    expect(pending.map((o) => o.PurchaseDate)).toEqual(['2026-03-15T12:00:00Z']);
    expect(pending[0].ShippingAddress).toBeUndefined();
  });

  it('reveals shipping address and buyer info only with an RDT carrying those dataElements', async () => {
    const plain = list(await orders('CreatedAfter=2026-03-14T00:00:00Z&MaxResultsPerPage=5')).Orders;
    for (const o of plain) {
      expect(o.ShippingAddress?.AddressLine1).toBeUndefined();
      expect(o.ShippingAddress?.PostalCode).toBeTruthy();
      expect(o.BuyerInfo).toBeUndefined();
    }
    const full = await h.rdt(token, [{ method: 'GET', path: '/orders/v0/orders', dataElements: ['shippingAddress', 'buyerInfo'] }]);
    const pii = list(await orders('CreatedAfter=2026-03-14T00:00:00Z&MaxResultsPerPage=5', full)).Orders;
    expect(pii.map((o) => o.AmazonOrderId)).toEqual(plain.map((o) => o.AmazonOrderId));
    for (const o of pii) {
      expect(o.ShippingAddress?.Name).toBeTruthy();
      expect(o.ShippingAddress?.AddressLine1).toBeTruthy();
      expect(o.BuyerInfo?.BuyerEmail).toMatch(/@marketplace\.amazon\.com$/);
    }
    const buyerOnly = await h.rdt(token, [{ method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo'] }]);
    const b = list(await orders('CreatedAfter=2026-03-14T00:00:00Z&MaxResultsPerPage=1', buyerOnly)).Orders[0];
    expect(b.BuyerInfo?.BuyerName).toBeTruthy();
    expect(b.ShippingAddress?.AddressLine1).toBeUndefined();
  });

  it('throttles per operation: burst 20, then 429 QuotaExceeded until the bucket refills', async () => {
    for (let i = 0; i < 20; i++) expect((await orders('CreatedAfter=2026-03-15T00:00:00Z')).status).toBe(200);
    const r = await orders('CreatedAfter=2026-03-15T00:00:00Z');
    expect(r.status).toBe(429);
    expect(errorCode(r.body)).toBe('QuotaExceeded');
    expect(r.headers.get('x-amzn-ratelimit-limit')).toBe('0.0167');
    // Other operations have their own buckets.
    expect((await h.sp(`/orders/v0/orders/${orderIdFor(profile().seed, 3)}`, token)).status).toBe(200);
    h.clock.advance(60_000);
    expect((await orders('CreatedAfter=2026-03-15T00:00:00Z')).status).toBe(200);
    expect((await orders('CreatedAfter=2026-03-15T00:00:00Z')).status).toBe(429);
  });
});

describe('getOrder, getOrderItems and restricted operations', () => {
  it('finds orders by id and answers 404/400 for unknown or malformed ids', async () => {
    const id = orderIdFor(profile().seed, 42);
    const r = await h.sp(`/orders/v0/orders/${id}`, token);
    expect(r.status).toBe(200);
    expect((r.body as { payload: V0Order }).payload.AmazonOrderId).toBe(id);
    const future = await h.sp(`/orders/v0/orders/${orderIdFor(profile().seed, 5000)}`, token);
    expect(future.status).toBe(404);
    expect(errorCode(future.body)).toBe('NotFound');
    expect((await h.sp('/orders/v0/orders/123-1234567-1234567', token)).status).toBe(404);
    expect((await h.sp('/orders/v0/orders/not-an-order', token)).status).toBe(400);
  });

  it('pages order items with NextToken', async () => {
    const { id, items } = await findUnshipped(2);
    const idx = parseOrderId(profile().seed, id) as number;
    expect(items.map((i) => i.SellerSKU)).toEqual(simOrder(profile(), idx).lines.map((l) => l.item.sku));
    expect(new Set(items.map((i) => i.OrderItemId)).size).toBe(items.length);
    const bad = await h.sp(`/orders/v0/orders/${id}/orderItems?NextToken=bogus`, token);
    expect(bad.status).toBe(400);
  });

  it('requires an RDT covering the exact resource for getOrderAddress and getOrderBuyerInfo', async () => {
    const id = orderIdFor(profile().seed, 100);
    const other = orderIdFor(profile().seed, 101);
    const plain = await h.sp(`/orders/v0/orders/${id}/address`, token);
    expect(plain.status).toBe(403);
    expect(errorCode(plain.body)).toBe('Unauthorized');

    const any = await h.rdt(token, [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }]);
    const addr = await h.sp(`/orders/v0/orders/${id}/address`, any);
    expect(addr.status).toBe(200);
    const shipping = (addr.body as { payload: { ShippingAddress: Record<string, string> } }).payload.ShippingAddress;
    expect(shipping.Name).toBe(simOrder(profile(), 100).buyer.name);
    expect(shipping.Phone).toMatch(/^\+1 \d{3}-\d{3}-\d{4}$/);
    expect((await h.sp(`/orders/v0/orders/${id}/buyerInfo`, any)).status).toBe(403);
    expect((await h.sp(`/orders/v0/orders?MarketplaceIds=${MP}&CreatedAfter=2026-03-14T00:00:00Z`, any)).status).toBe(403);

    const one = await h.rdt(token, [{ method: 'GET', path: `/orders/v0/orders/${id}/buyerInfo` }]);
    const buyer = await h.sp(`/orders/v0/orders/${id}/buyerInfo`, one);
    expect(buyer.status).toBe(200);
    expect((buyer.body as { payload: Record<string, string> }).payload.BuyerEmail).toMatch(/@marketplace\.amazon\.com$/);
    expect((await h.sp(`/orders/v0/orders/${other}/buyerInfo`, one)).status).toBe(403);

    h.clock.advance(3600_000);
    const expired = await h.sp(`/orders/v0/orders/${id}/buyerInfo`, one);
    expect(expired.status).toBe(403);
  });

  it('validates createRestrictedDataToken requests', async () => {
    const post = (body: unknown) => h.sp('/tokens/2021-03-01/restrictedDataToken', token, { method: 'POST', body: JSON.stringify(body) });
    const ok = await post({ restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }] });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ expiresIn: 3600 });
    expect((ok.body as { restrictedDataToken: string }).restrictedDataToken).toMatch(/^Atz\.sprdt\|/);
    expect(ok.headers.get('x-amzn-ratelimit-limit')).toBe('1.0');
    const bad: unknown[] = [
      {},
      { restrictedResources: [] },
      { restrictedResources: [{ method: 'GET', path: '/orders/v1/orders/902-1845936-5435065/address' }] },
      { restrictedResources: [{ method: 'POST', path: '/orders/v0/orders/{orderId}/address' }] },
      { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders' }] },
      { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders', dataElements: ['creditCard'] }] },
      { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems', dataElements: ['shippingAddress'] }] },
      { restrictedResources: Array.from({ length: 51 }, () => ({ method: 'GET', path: '/orders/v0/orders/{orderId}/address' })) },
      { targetApplication: 'amzn1.sellerapps.app.other', restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }] },
    ];
    for (const b of bad) expect((await post(b)).status, JSON.stringify(b).slice(0, 120)).toBe(400);
  });
});

describe('confirmShipment', () => {
  const body = (orderItems: Array<{ orderItemId: string; quantity: number }>, pkg: Record<string, unknown> = {}) => JSON.stringify({
    marketplaceId: MP,
    packageDetail: {
      packageReferenceId: '7', carrierCode: 'USPS', carrierName: 'USPS', shippingMethod: 'Ground Advantage',
      trackingNumber: '9400111899223344556677', shipDate: '2026-03-15T11:30:00Z', orderItems, ...pkg,
    },
  });
  const confirm = (id: string, b: string) => h.sp(`/orders/v0/orders/${id}/shipmentConfirmation`, token, { method: 'POST', body: b });
  const getOne = async (id: string) => (await h.sp(`/orders/v0/orders/${id}`, token)).body as { payload: V0Order };

  it('ships part then the rest: PartiallyShipped, then Shipped, LastUpdateDate moving each time', async () => {
    const { id, items } = await findUnshipped(2);
    const [first, ...rest] = items;
    h.clock.advance(10 * 60_000);
    const r1 = await confirm(id, body([{ orderItemId: first.OrderItemId, quantity: first.QuantityOrdered }]));
    expect(r1.status).toBe(204);
    expect(r1.headers.get('x-amzn-ratelimit-limit')).toBe('2.0');
    const after1 = (await getOne(id)).payload;
    expect(after1.OrderStatus).toBe('PartiallyShipped');
    expect(after1.LastUpdateDate).toBe('2026-03-15T12:10:00Z');
    expect(after1.NumberOfItemsShipped).toBe(first.QuantityOrdered);

    h.clock.advance(10 * 60_000);
    const r2 = await confirm(id, body(rest.map((i) => ({ orderItemId: i.OrderItemId, quantity: i.QuantityOrdered })), { packageReferenceId: '8' }));
    expect(r2.status).toBe(204);
    const after2 = (await getOne(id)).payload;
    expect(after2.OrderStatus).toBe('Shipped');
    expect(after2.LastUpdateDate).toBe('2026-03-15T12:20:00Z');
    expect(after2.NumberOfItemsUnshipped).toBe(0);
    const again = await confirm(id, body([{ orderItemId: first.OrderItemId, quantity: 1 }], { packageReferenceId: '9' }));
    expect(again.status).toBe(400);
  });

  it('rejects invalid confirmations with 400 InvalidInput', async () => {
    const { id, items } = await findUnshipped(1);
    const item = { orderItemId: items[0].OrderItemId, quantity: 1 };
    const cases: string[] = [
      body([item], { carrierCode: 'fedex' }),
      body([item], { carrierCode: 'Other', carrierName: undefined }),
      body([item], { shipDate: '02/21/2022' }),
      body([item], { shipDate: '2026-01-01T00:00:00Z' }),
      body([item], { packageReferenceId: 'abc' }),
      body([item], { trackingNumber: '' }),
      body([{ orderItemId: item.orderItemId, quantity: items[0].QuantityOrdered + 1 }]),
      body([{ orderItemId: '99999999999999', quantity: 1 }]),
      body([]),
      JSON.stringify({ marketplaceId: 'A2EUQ1WTGCTBG2', packageDetail: JSON.parse(body([item])).packageDetail }),
      JSON.stringify({ marketplaceId: MP }),
      '{not json',
    ];
    for (const c of cases) {
      h.clock.advance(1_000); // confirmShipment refills 2 tokens a second (burst 10)
      const r = await confirm(id, c);
      expect(r.status, c).toBe(400);
      expect(errorCode(r.body)).toBe('InvalidInput');
    }
    expect((await getOne(id)).payload.OrderStatus).toBe('Unshipped');
    expect((await confirm(id, body([item], { carrierCode: 'Other', carrierName: 'Local Courier' }))).status).toBe(204);
    expect((await confirm(id, body([item]))).status).toBe(400); // packageReferenceId 7 already used
    expect((await confirm(orderIdFor(profile().seed, 9999), body([item]))).status).toBe(404);
  });

  it('refuses to ship cancelled orders', async () => {
    const c = list(await orders('CreatedAfter=2026-02-13T00:00:00Z&OrderStatuses=Canceled')).Orders[0];
    const items = (await h.sp(`/orders/v0/orders/${c.AmazonOrderId}/orderItems`, token)).body as V0ItemsPayload;
    const r = await confirm(c.AmazonOrderId, body([{ orderItemId: items.payload.OrderItems[0].OrderItemId, quantity: 1 }]));
    expect(r.status).toBe(400);
  });
});
