import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCount, simOrder } from '@/sandbox/core/catalog';
import { startWalmart, T0, type Harness } from './test-support';

const DAY = 86_400_000;
let h: Harness;
beforeAll(async () => {
  h = await startWalmart();
});
afterAll(() => h.close());

const profile = () => h.svc.accounts[0].profile;
const po = (index: number) => h.svc.book(h.svc.accounts[0].clientId).purchaseOrderId(index);

async function allPages(first: string): Promise<{ orders: any[]; pages: any[] }> {
  const pages: any[] = [];
  let path: string | null = first;
  while (path) {
    const r = await h.call(path);
    expect(r.status).toBe(200);
    pages.push(r.body.list);
    const cursor: string | undefined = r.body.list.meta.nextCursor;
    path = cursor ? `/v3/orders${cursor}` : null;
  }
  return { orders: pages.flatMap((p) => p.elements.order), pages };
}

describe('GET /v3/orders', () => {
  it('defaults to orders created in the last 7 days, newest first, 100 per page', async () => {
    const r = await h.call('/v3/orders');
    expect(r.status).toBe(200);
    const p = profile();
    const expected = orderCount(p, T0) - Math.ceil((T0 - 7 * DAY - p.epochMs) / p.intervalMs);
    expect(r.body.list.meta.totalCount).toBe(expected);
    expect(r.body.list.meta.limit).toBe(100);
    const orders = r.body.list.elements.order;
    expect(orders).toHaveLength(100);
    expect(orders[0].orderDate).toBe(simOrder(p, orderCount(p, T0) - 1).createdAt);
    for (let i = 1; i < orders.length; i++) expect(orders[i].orderDate).toBeLessThan(orders[i - 1].orderDate);
  });

  it('maps the shared order into Walmart fields: epoch ms, string quantities, USA address, charges with tax', async () => {
    const p = profile();
    const index = orderCount(p, T0) - 5;
    const o = simOrder(p, index);
    const r = await h.call(`/v3/orders?purchaseOrderId=${po(index)}`);
    const order = r.body.list.elements.order[0];
    expect(order.orderDate).toBe(o.createdAt);
    expect(order.customerEmailId).toMatch(/^[0-9A-F]{32}@relay\.walmart\.com$/);
    expect(order.shippingInfo).toMatchObject({
      phone: o.buyer.phone,
      estimatedShipDate: o.shipBy,
      estimatedDeliveryDate: o.deliverBy,
      postalAddress: { name: o.buyer.name, address1: o.buyer.address1, city: o.buyer.city, state: o.buyer.state, postalCode: o.buyer.postalCode, country: 'USA' },
    });
    expect(order.orderLines.orderLine).toHaveLength(o.lines.length);
    o.lines.forEach((l, i) => {
      const line = order.orderLines.orderLine[i];
      expect(line.lineNumber).toBe(String(l.lineNumber));
      expect(line.item.sku).toBe(l.item.sku);
      expect(line.orderLineQuantity).toEqual({ unitOfMeasurement: 'EACH', amount: String(l.quantity) });
      const product = line.charges.charge.find((c: any) => c.chargeType === 'PRODUCT');
      expect(product.chargeAmount).toEqual({ currency: 'USD', amount: Math.round(l.item.price * l.quantity * 100) / 100 });
      expect(product.tax.taxAmount.amount).toBeGreaterThan(0);
    });
    const subtotal = o.lines.reduce((s, l) => s + l.item.price * l.quantity, 0);
    const shipping = order.orderLines.orderLine[0].charges.charge.find((c: any) => c.chargeType === 'SHIPPING');
    expect(Boolean(shipping)).toBe(subtotal < 35);
    const sum = order.orderLines.orderLine
      .flatMap((l: any) => l.charges.charge)
      .reduce((s: number, c: any) => s + c.chargeAmount.amount + c.tax.taxAmount.amount, 0);
    expect(order.orderSummary.totalAmount.currencyAmount).toBeCloseTo(sum, 2);
  });

  it('pages with nextCursor: a query string carrying soIndex=totalCount and poIndex=offset, followed verbatim', async () => {
    const first = await h.call('/v3/orders?createdStartDate=2026-03-01&limit=25');
    const meta = first.body.list.meta;
    expect(meta.nextCursor).toBe(
      `?limit=25&hasMoreElements=true&soIndex=${meta.totalCount}&poIndex=25&partnerId=10001234567&sellerId=101234567&createdStartDate=2026-03-01&createdEndDate=${new Date(T0).toISOString()}&shipNodeType=SellerFulfilled`,
    );
    const { orders, pages } = await allPages('/v3/orders?createdStartDate=2026-03-01&limit=25');
    expect(orders).toHaveLength(meta.totalCount);
    expect(new Set(orders.map((o) => o.purchaseOrderId)).size).toBe(orders.length);
    expect(pages.every((p) => p.meta.totalCount === meta.totalCount)).toBe(true);
    expect(pages[pages.length - 1].meta.nextCursor).toBeUndefined();
    for (let i = 1; i < orders.length; i++) expect(orders[i].orderDate).toBe(orders[i - 1].orderDate - profile().intervalMs);
  });

  it('keeps later pages stable while new orders arrive (createdEndDate is frozen in the cursor)', async () => {
    const first = await h.call('/v3/orders?limit=10');
    const before = await allPages(`/v3/orders${first.body.list.meta.nextCursor}`);
    h.clock.advance(6 * 3_600_000);
    const after = await allPages(`/v3/orders${first.body.list.meta.nextCursor}`);
    expect(after.orders.map((o) => o.purchaseOrderId)).toEqual(before.orders.map((o) => o.purchaseOrderId));
  });

  it('filters by status, sku and expected ship date', async () => {
    const cancelled = await allPages('/v3/orders?createdStartDate=2026-02-20&status=Cancelled&limit=200');
    expect(cancelled.orders.length).toBeGreaterThan(0);
    for (const o of cancelled.orders) {
      expect(o.orderLines.orderLine.some((l: any) => l.orderLineStatuses.orderLineStatus.some((s: any) => s.status === 'Cancelled'))).toBe(true);
    }
    const sku = 'MUG-CER-11OZ-WHT';
    const bySku = await allPages(`/v3/orders?createdStartDate=2026-02-20&sku=${sku}&limit=200`);
    expect(bySku.orders.length).toBeGreaterThan(0);
    expect(bySku.orders.every((o) => o.orderLines.orderLine.some((l: any) => l.item.sku === sku))).toBe(true);
    const from = T0 - 2 * DAY;
    const byShip = await allPages(`/v3/orders?fromExpectedShipDate=${new Date(from).toISOString().slice(0, 19)}Z&limit=200`);
    expect(byShip.orders.every((o) => o.shippingInfo.estimatedShipDate >= from)).toBe(true);
  });

  it('answers 404 CONTENT_NOT_FOUND when no order matches', async () => {
    for (const q of ['createdStartDate=2030-01-01', 'shipNodeType=WFSFulfilled', 'purchaseOrderId=123', 'orderType=REPLACEMENT']) {
      const r = await h.call(`/v3/orders?${q}`);
      expect(r.status).toBe(404);
      expect(r.body.errors[0]).toMatchObject({
        code: 'CONTENT_NOT_FOUND.GMP_ORDER_API',
        description: 'Failed when called getAllOrders. Orders not found for given search parameters',
        severity: 'INFO',
        category: 'APPLICATION',
      });
    }
  });

  it('rejects limit above 200 and malformed parameters', async () => {
    for (const [q, field] of [['limit=201', 'limit'], ['limit=0', 'limit'], ['createdStartDate=03/01/2026', 'createdStartDate'], ['status=Open', 'status'], ['productInfo=yes', 'productInfo']]) {
      const r = await h.call(`/v3/orders?${q}`);
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toMatchObject({ code: 'INVALID_REQUEST_PARAM.GMP_ORDER_API', field });
    }
    expect((await h.call('/v3/orders?limit=200')).status).toBe(200);
  });

  it('adds imageUrl and weight with productInfo=true', async () => {
    const r = await h.call('/v3/orders?limit=1&productInfo=true');
    const item = r.body.list.elements.order[0].orderLines.orderLine[0].item;
    expect(item.imageUrl).toMatch(/^https:\/\//);
    expect(item.weight).toEqual({ value: expect.stringMatching(/^\d+\.\d{2}$/), unit: 'Pounds' });
  });
});

describe('GET /v3/orders/released and /v3/orders/{purchaseOrderId}', () => {
  it('released lists only orders with Created lines and says so in the cursor', async () => {
    const r = await h.call('/v3/orders/released?limit=5&createdStartDate=2026-02-01');
    expect(r.status).toBe(200);
    for (const o of r.body.list.elements.order) {
      expect(o.orderLines.orderLine.some((l: any) => l.orderLineStatuses.orderLineStatus.some((s: any) => s.status === 'Created'))).toBe(true);
    }
    expect(r.body.list.meta.nextCursor).toContain('&status=Created&');
  });

  it('returns one order wrapped in {order} and 404 for an unknown id', async () => {
    const index = orderCount(profile(), h.clock.now()) - 3;
    const r = await h.call(`/v3/orders/${po(index)}`);
    expect(r.status).toBe(200);
    expect(r.body.order.purchaseOrderId).toBe(po(index));
    expect(r.body.order.orderDate).toBe(simOrder(profile(), index).createdAt);
    const missing = await h.call('/v3/orders/99999999999999');
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].code).toBe('CONTENT_NOT_FOUND.GMP_ORDER_API');
    // An id of an order that does not exist yet is unknown too.
    expect((await h.call(`/v3/orders/${po(index + 100)}`)).status).toBe(404);
  });

  it('answers unknown routes and methods with Walmart errors', async () => {
    expect((await h.call('/v3/nothing')).body.errors[0].code).toBe('URI_NOT_FOUND.GMP_GATEWAY_API');
    const m = await h.call('/v3/orders', { method: 'DELETE' });
    expect(m.status).toBe(405);
    expect(m.body.errors[0].code).toBe('METHOD_NOT_ALLOWED.GMP_GATEWAY_API');
  });
});
