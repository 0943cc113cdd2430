// createShippingFulfillment and reading fulfillments back, on the demo seller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EBAY_SANDBOX_SELLER_USERNAME, EBAY_SCOPES } from './index';
import { call, errorId, ORDERS, startEbay, type Harness, type WireOrder, type WireOrdersPage } from './test-support';

let h: Harness;
let token: string;
let all: WireOrder[];

beforeAll(async () => {
  h = await startEbay();
  token = h.svc.issueUserTokens().accessToken;
  const page = await call<WireOrdersPage>(h.base, token, `${ORDERS}?limit=200`);
  const rest = await call<WireOrdersPage>(h.base, token, `${ORDERS}?limit=200&offset=200`);
  const tail = await call<WireOrdersPage>(h.base, token, `${ORDERS}?limit=200&offset=400`);
  all = [...page.body.orders, ...rest.body.orders, ...tail.body.orders];
});
afterAll(() => h.close());

describe('createShippingFulfillment', () => {
  const openMultiLine = () =>
    all.find((o) => o.orderFulfillmentStatus === 'NOT_STARTED' && o.cancelStatus.cancelState === 'NONE_REQUESTED' && o.lineItems.length >= 2) as WireOrder;
  const ship = (orderId: string, body: unknown, t = token) =>
    call(h.base, t, `${ORDERS}/${orderId}/shipping_fulfillment`, { method: 'POST', body });

  it('ships line by line: IN_PROGRESS, then FULFILLED, then the duplicate error', async () => {
    const o = openMultiLine();
    const [l1, ...rest] = o.lineItems;
    h.clock.advance(60_000);
    const first = await ship(o.orderId, {
      lineItems: [{ lineItemId: l1.lineItemId, quantity: l1.quantity }],
      shippedDate: new Date(h.clock.now() - 30_000).toISOString(),
      shippingCarrierCode: 'USPS',
      trackingNumber: '9400111899223100001234',
    });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({});
    expect(first.headers.get('location')).toBe(`${h.base}${ORDERS}/${o.orderId}/shipping_fulfillment/9400111899223100001234`);

    const after = await call<WireOrder>(h.base, token, `${ORDERS}/${o.orderId}`);
    expect(after.body.orderFulfillmentStatus).toBe('IN_PROGRESS');
    expect(after.body.lineItems[0].lineItemFulfillmentStatus).toBe('FULFILLED');
    expect(after.body.lineItems[1].lineItemFulfillmentStatus).toBe('NOT_STARTED');
    expect(after.body.lastModifiedDate).toBe(new Date(h.clock.now()).toISOString());
    expect(after.body.fulfillmentHrefs).toEqual([first.headers.get('location')]);

    const viaLocation = await fetch(first.headers.get('location') as string, { headers: { authorization: `Bearer ${token}` } });
    expect(await viaLocation.json()).toEqual({
      fulfillmentId: '9400111899223100001234',
      lineItems: [{ lineItemId: l1.lineItemId, quantity: l1.quantity }],
      shipmentTrackingNumber: '9400111899223100001234',
      shippingCarrierCode: 'USPS',
      shippedDate: new Date(h.clock.now() - 30_000).toISOString(),
    });

    const second = await ship(o.orderId, { lineItems: rest.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })) });
    expect(second.status).toBe(201);
    // Without tracking eBay assigns an arbitrary numeric fulfillment id.
    expect(second.headers.get('location')).toMatch(/\/shipping_fulfillment\/\d+$/);
    const done = await call<WireOrder>(h.base, token, `${ORDERS}/${o.orderId}`);
    expect(done.body.orderFulfillmentStatus).toBe('FULFILLED');
    const list = await call<{ total: number; fulfillments: unknown[] }>(h.base, token, `${ORDERS}/${o.orderId}/shipping_fulfillment`);
    expect(list.body.total).toBe(2);

    const again = await ship(o.orderId, { lineItems: [{ lineItemId: l1.lineItemId, quantity: 1 }], shippingCarrierCode: 'UPS', trackingNumber: '1Z999AA10123456784' });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      errors: [{ errorId: 34500, domain: 'API_FULFILLMENT', category: 'REQUEST', message: 'Please use PUT operation for updating shipping fulfillment' }],
    });
  });

  it('validates the request body with the documented error ids', async () => {
    const o = all.filter((x) => x.orderFulfillmentStatus === 'NOT_STARTED' && x.cancelStatus.cancelState === 'NONE_REQUESTED' && x.lineItems.length >= 2)[1];
    const l = o.lineItems[0];
    const line = { lineItemId: l.lineItemId, quantity: l.quantity };
    const cases: Array<[unknown, number]> = [
      [{ lineItems: [] }, 32600],
      [{ lineItems: [{ lineItemId: '12345', quantity: 1 }] }, 32200],
      [{ lineItems: [line, line] }, 32210],
      [{ lineItems: [line], trackingNumber: '9400111899223100001234' }, 32300],
      [{ lineItems: [line], shippingCarrierCode: 'USPS' }, 32300],
      [{ lineItems: [line], shippingCarrierCode: 'USPS', trackingNumber: '9400-1118-9922' }, 32300],
      [{ lineItems: [line], shippingCarrierCode: 'PonyExpress', trackingNumber: '12345678' }, 32300],
      [{ lineItems: [line], shippedDate: '2026-11-21' }, 32500],
      [{ lineItems: [line], shippedDate: new Date(h.clock.now() + 3_600_000).toISOString() }, 32500],
      [{ lineItems: [{ lineItemId: l.lineItemId, quantity: l.quantity + 1 }] }, 32600],
      [{ lineItems: [{ lineItemId: l.lineItemId, quantity: 0 }] }, 32600],
    ];
    for (const [body, id] of cases) {
      const r = await ship(o.orderId, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(errorId(r), JSON.stringify(body)).toBe(id);
    }
    expect((await call<WireOrder>(h.base, token, `${ORDERS}/${o.orderId}`)).body.orderFulfillmentStatus).toBe('NOT_STARTED');

    const notJson = await ship(o.orderId, '{"lineItems": [');
    expect(notJson.status).toBe(400);
    expect(errorId(notJson)).toBe(2004);
    const unknownOrder = await ship('12-34567-89012', { lineItems: [line] });
    expect(unknownOrder.status).toBe(400);
    expect(errorId(unknownOrder)).toBe(32100);
  });

  it('refuses cancelled orders and read-only tokens', async () => {
    const c = all.find((x) => x.cancelStatus.cancelState === 'CANCELED') as WireOrder;
    const r = await ship(c.orderId, { lineItems: [{ lineItemId: c.lineItems[0].lineItemId, quantity: c.lineItems[0].quantity }] });
    expect(r.status).toBe(400);
    expect(errorId(r)).toBe(32600);

    const ro = h.svc.issueUserTokens(EBAY_SANDBOX_SELLER_USERNAME, [EBAY_SCOPES.fulfillmentReadonly]).accessToken;
    const o = openMultiLine();
    const denied = await ship(o.orderId, { lineItems: [{ lineItemId: o.lineItems[0].lineItemId, quantity: 1 }] }, ro);
    expect(denied.status).toBe(403);
    expect((await call(h.base, ro, `${ORDERS}/${o.orderId}`)).status).toBe(200);
  });

  it('answers unknown fulfillment ids and unknown paths with eBay errors', async () => {
    const o = all[5];
    const r = await call(h.base, token, `${ORDERS}/${o.orderId}/shipping_fulfillment/123`);
    expect(r.status).toBe(404);
    expect(errorId(r)).toBe(32110);
    const nowhere = await call(h.base, token, '/sell/fulfillment/v1/nothing');
    expect(nowhere.status).toBe(404);
    expect(errorId(nowhere)).toBe(2002);
  });
});
