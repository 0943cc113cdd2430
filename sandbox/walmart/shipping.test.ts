import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCount, simOrder, type SimOrder } from '@/sandbox/core/catalog';
import { shipBody, startWalmart, T0, type Harness } from './test-support';

const HOUR = 3_600_000;
let h: Harness;
beforeAll(async () => {
  h = await startWalmart();
});
afterAll(() => h.close());

const used = new Set<number>();
/** A not-yet-used order (newest first) whose timeline matches `pred`. */
function pick(pred: (o: SimOrder) => boolean): { index: number; o: SimOrder; po: string } {
  const p = h.svc.accounts[0].profile;
  for (let i = orderCount(p, h.clock.now()) - 1; i >= 0; i--) {
    const o = simOrder(p, i);
    if (!used.has(i) && pred(o)) {
      used.add(i);
      return { index: i, o, po: h.svc.book(h.svc.accounts[0].clientId).purchaseOrderId(i) };
    }
  }
  throw new Error('no such order in the demo account');
}
/** Orders nobody touches outside the API (no cancellation, no outside shipment). */
const quiet = (o: SimOrder) => o.cancelledAt === null && o.shippedAt === null;
const statuses = (order: any, line = 0) => order.orderLines.orderLine[line].orderLineStatuses.orderLineStatus;

describe('POST /v3/orders/{id}/acknowledge', () => {
  it('moves Created lines to Acknowledged, and re-acknowledging is harmless', async () => {
    const { po, o } = pick(quiet);
    const r = await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
    expect(r.status).toBe(200);
    expect(r.body.order.orderLines.orderLine).toHaveLength(o.lines.length);
    for (const l of r.body.order.orderLines.orderLine) expect(l.orderLineStatuses.orderLineStatus.map((s: any) => s.status)).toEqual(['Acknowledged']);
    expect(r.body.order.orderLines.orderLine[0].statusDate).toBe(h.clock.now());
    const again = await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
    expect(again.status).toBe(200);
    const get = await h.call(`/v3/orders/${po}`);
    expect(statuses(get.body.order)[0].status).toBe('Acknowledged');
  });

  it('refuses orders with shipped or cancelled lines, and unknown orders', async () => {
    for (const pred of [(o: SimOrder) => o.cancelledAt !== null && o.cancelledAt < h.clock.now(), (o: SimOrder) => o.shippedAt !== null && o.shippedAt < h.clock.now()]) {
      const { po } = pick(pred);
      const r = await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toMatchObject({ code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API', field: 'data', info: 'Request content is invalid.' });
      expect(r.body.errors[0].description).toContain('Some or all qty in higher status');
    }
    const missing = await h.call('/v3/orders/12345678901234/acknowledge', { method: 'POST' });
    expect(missing.status).toBe(404);
  });
});

describe('POST /v3/orders/{id}/shipping', () => {
  it('ships acknowledged lines: a later GET shows Shipped with the tracking, and lastModified moves', async () => {
    const { po } = pick((o) => quiet(o) && o.lines.length >= 2);
    await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
    h.clock.advance(HOUR);
    const shippedAt = h.clock.now();
    const r = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: simOrderQty(po, 1), trackingNumber: '1ZSHIPTEST0001' }]) });
    expect(r.status).toBe(200);
    expect(statuses(r.body.order, 0)).toEqual([
      expect.objectContaining({ status: 'Shipped', trackingInfo: { shipDateTime: T0, carrierName: { carrier: 'UPS' }, methodCode: 'Standard', trackingNumber: '1ZSHIPTEST0001' } }),
    ]);
    expect(statuses(r.body.order, 1).map((s: any) => s.status)).toEqual(['Acknowledged']);
    const get = await h.call(`/v3/orders/${po}`);
    expect(get.body.order.orderLines.orderLine[0].statusDate).toBe(shippedAt);
    expect(statuses(get.body.order, 0)[0].trackingInfo.trackingNumber).toBe('1ZSHIPTEST0001');
    const since = new Date(shippedAt).toISOString();
    const changed = await h.call(`/v3/orders?lastModifiedStartDate=${since}&limit=200`);
    expect(changed.body.list.elements.order.map((o: any) => o.purchaseOrderId)).toContain(po);
    // Carriers deliver API shipments three days later.
    h.clock.advance(3 * 24 * HOUR);
    const later = await h.call(`/v3/orders/${po}`);
    expect(statuses(later.body.order, 0)[0].status).toBe('Delivered');
  });

  it('ships part of a quantity, then the rest, and refuses more than ordered', async () => {
    const { po, o } = pick((x) => quiet(x) && x.lines[0].quantity >= 2);
    await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
    const q = o.lines[0].quantity;
    const over = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: String(q + 1) }]) });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].description).toContain('Qty OverShipped');
    const part = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: '1' }]) });
    expect(statuses(part.body.order).map((s: any) => [s.status, s.statusQuantity.amount])).toEqual([['Shipped', '1'], ['Acknowledged', String(q - 1)]]);
    const rest = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: String(q - 1), trackingNumber: '1ZSECONDBOX' }]) });
    expect(statuses(rest.body.order).map((s: any) => s.status)).toEqual(['Shipped', 'Shipped']);
    const again = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: '1' }]) });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].description).toBe(`Unable to process this request. The Line: 1 of PO: ${po} is in SHIPPED status`);
  });

  it('answers unknown lines, unacknowledged, cancelled and outside-shipped lines as Walmart does', async () => {
    const fresh = pick(quiet);
    const unacked = await h.call(`/v3/orders/${fresh.po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: '1' }]) });
    expect(unacked.status).toBe(400);
    expect(unacked.body.errors[0].description).toContain('is in CREATED status');
    await h.call(`/v3/orders/${fresh.po}/acknowledge`, { method: 'POST' });
    const noLine = await h.call(`/v3/orders/${fresh.po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '9', qty: '1' }]) });
    expect(noLine.body.errors[0].description).toBe(`Unable to process this request. The Line: 9 of PO: ${fresh.po} does not exist`);
    const cancelled = pick((o) => o.cancelledAt !== null && o.cancelledAt < h.clock.now());
    const c = await h.call(`/v3/orders/${cancelled.po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: '1' }]) });
    expect(c.body.errors[0].description).toContain('is in CANCELLED status');
    const outside = pick((o) => o.shippedAt !== null && o.shippedAt < h.clock.now() && (o.deliveredAt ?? Infinity) > h.clock.now());
    const s = await h.call(`/v3/orders/${outside.po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: String(outside.o.lines.length), qty: '1' }]) });
    expect(s.body.errors[0].description).toContain('is in SHIPPED status');
    const missing = await h.call('/v3/orders/12345678901234/shipping', { method: 'POST', body: shipBody([{ lineNumber: '1', qty: '1' }]) });
    expect(missing.status).toBe(404);
  });

  it('validates the carrier: exact enum names, or otherCarrier with a trackingURL', async () => {
    const { po } = pick(quiet);
    await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
    for (const carrier of [{ carrier: 'ups' }, { carrier: 'Fedex Ground' }, { otherCarrier: 'Acme Couriers' }, {}] as Array<Record<string, string>>) {
      const r = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: '1', carrier }]) });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].code).toBe('INVALID_REQUEST_CONTENT.GMP_ORDER_API');
    }
    const ok = await h.call(`/v3/orders/${po}/shipping`, {
      method: 'POST',
      body: shipBody([{ lineNumber: '1', qty: '1', carrier: { otherCarrier: 'Acme Couriers' }, trackingURL: 'https://acme.example/t/1' }]),
    });
    expect(ok.status).toBe(200);
    expect(statuses(ok.body.order)[0].trackingInfo).toMatchObject({ carrierName: { otherCarrier: 'Acme Couriers' }, trackingURL: 'https://acme.example/t/1' });
  });

  it('rejects bodies that break the model, non-JSON bodies and other content types', async () => {
    const { po } = pick(quiet);
    await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
    const body = shipBody([{ lineNumber: '1', qty: '1' }]);
    const noSeller = structuredClone(body) as any;
    delete noSeller.orderShipment.orderLines.orderLine[0].sellerOrderId;
    const isoDate = structuredClone(body) as any;
    isoDate.orderShipment.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].trackingInfo.shipDateTime = '2026-03-15T12:00:00Z';
    for (const bad of [noSeller, isoDate, { orderShipment: {} }, {}]) {
      const r = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: bad });
      expect(r.status).toBe(400);
      expect(r.body.errors[0].code).toBe('INVALID_REQUEST_CONTENT.GMP_ORDER_API');
    }
    const broken = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: '{"orderShipment":' });
    expect(broken.body.errors[0].code).toBe('MALFORMED_REQUEST_CONTENT.GMP_ORDER_API');
    const xml = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: '<orderShipment/>', headers: { 'Content-Type': 'application/xml' } });
    expect(xml.status).toBe(415);
    // Nothing was applied by the rejected calls.
    expect(statuses((await h.call(`/v3/orders/${po}`)).body.order)[0].status).toBe('Acknowledged');
  });

  it('updates tracking with processMode PARTIAL_UPDATE within 4 hours only', async () => {
    const { po } = pick(quiet);
    await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
    const notShipped = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: '1' }], 'PARTIAL_UPDATE') });
    expect(notShipped.status).toBe(400);
    await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: simOrderQty(po, 1) }]) });
    h.clock.advance(HOUR);
    const fix = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: simOrderQty(po, 1), trackingNumber: '1ZCORRECTED' }], 'PARTIAL_UPDATE') });
    expect(fix.status).toBe(200);
    expect(statuses(fix.body.order)[0].trackingInfo.trackingNumber).toBe('1ZCORRECTED');
    expect(fix.body.order.orderLines.orderLine[0].statusDate).toBe(h.clock.now());
    h.clock.advance(4 * HOUR);
    const late = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: '1' }], 'PARTIAL_UPDATE') });
    expect(late.status).toBe(400);
  });
});

/** The ordered quantity of a line, as the string Walmart wants in statusQuantity. */
function simOrderQty(po: string, lineNumber: number): string {
  const book = h.svc.book(h.svc.accounts[0].clientId);
  const index = book.indexOfPurchaseOrder(po, h.clock.now()) as number;
  return String(simOrder(h.svc.accounts[0].profile, index).lines[lineNumber - 1].quantity);
}
