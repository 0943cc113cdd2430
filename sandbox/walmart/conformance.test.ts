// Every response the simulator sends for a documented operation, checked against Walmart's
// official models (walmart-marketplace-*-openapi-original.yml). Error bodies are checked item by
// item against the models' GatewayError, the only error object they define (they document 200s only).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderCount, simOrder, type SimOrder } from '@/sandbox/core/catalog';
import type { SpecValidator } from '@/sandbox/core/conformance';
import { WALMART_DEMO_CLIENT_ID } from './accounts';
import { basic, shipBody, specs, startWalmart, wmHeaders, type Harness } from './test-support';

const HOUR = 3_600_000;
let h: Harness;
let orders: SpecValidator;
let auth: SpecValidator;
let items: SpecValidator;
let inventory: SpecValidator;

beforeAll(async () => {
  h = await startWalmart();
  [orders, auth, items, inventory] = [specs.orders(), specs.auth(), specs.items(), specs.inventory()];
});
afterAll(() => h.close());

function errorItems(body: any): any[] {
  const list = body.errors ?? body.error;
  expect(Array.isArray(list) && list.length > 0).toBe(true);
  return list;
}

/** A Walmart error answer: the right status, and every item a valid GatewayError. */
function expectWalmartError(r: { status: number; body: any }, status: number, code: RegExp) {
  expect(r.status).toBe(status);
  for (const item of errorItems(r.body)) {
    expect(orders.validateNamed('GatewayError', item)).toEqual([]);
    expect(item.code).toMatch(code);
  }
}

function pick(pred: (o: SimOrder) => boolean): string {
  const p = h.svc.accounts[0].profile;
  const book = h.svc.book(WALMART_DEMO_CLIENT_ID);
  for (let i = orderCount(p, h.clock.now()) - 1; i >= 0; i--) {
    if (pred(simOrder(p, i)) && !book.overlays.has(i)) return book.purchaseOrderId(i);
  }
  throw new Error('no such order');
}

describe('Walmart models: success responses', () => {
  it('POST /v3/token', async () => {
    const res = await fetch(`${h.url}/v3/token`, {
      method: 'POST',
      headers: wmHeaders({ Authorization: basic(WALMART_DEMO_CLIENT_ID, 'wm-sandbox-demo-secret-not-valid-at-walmart-0001'), 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: 'grant_type=client_credentials',
    });
    expect(auth.validateResponse('POST', '/v3/token', res.status, await res.json())).toEqual([]);
  });

  it('GET /v3/orders with every line status, productInfo and replacementInfo', async () => {
    // Put API-made states into the listing too: acknowledged, partly shipped, shipped by otherCarrier.
    const acked = pick((o) => o.cancelledAt === null && o.shippedAt === null);
    await h.call(`/v3/orders/${acked}/acknowledge`, { method: 'POST' });
    const split = pick((o) => o.cancelledAt === null && o.shippedAt === null && o.lines[0].quantity > 1);
    await h.call(`/v3/orders/${split}/acknowledge`, { method: 'POST' });
    const body = shipBody([{ lineNumber: '1', qty: '1', carrier: { otherCarrier: 'Acme' }, trackingURL: 'https://acme.example/t/9' }]);
    expect(orders.validateRequestBody('POST', `/v3/orders/${split}/shipping`, body)).toEqual([]);
    expect((await h.call(`/v3/orders/${split}/shipping`, { method: 'POST', body })).status).toBe(200);

    const seen = new Set<string>();
    let path: string | null = '/v3/orders?createdStartDate=2026-02-01&limit=200&productInfo=true&replacementInfo=true';
    while (path) {
      const r = await h.call(path);
      expect(orders.validateResponse('GET', '/v3/orders', r.status, r.body)).toEqual([]);
      for (const o of r.body.list.elements.order) for (const l of o.orderLines.orderLine) for (const s of l.orderLineStatuses.orderLineStatus) seen.add(s.status);
      path = r.body.list.meta.nextCursor ? `/v3/orders${r.body.list.meta.nextCursor}` : null;
    }
    expect([...seen].sort()).toEqual(['Acknowledged', 'Cancelled', 'Created', 'Delivered', 'Shipped']);
  });

  it('GET /v3/orders/released', async () => {
    const r = await h.call('/v3/orders/released?limit=50&createdStartDate=2026-03-01');
    expect(orders.validateResponse('GET', '/v3/orders/released', r.status, r.body)).toEqual([]);
  });

  it('GET /v3/orders/{purchaseOrderId}: the {order} wire format (the model contradicts its own example)', async () => {
    const po = pick((o) => o.shippedAt !== null && o.shippedAt < h.clock.now());
    const r = await h.call(`/v3/orders/${po}?productInfo=true`);
    expect(r.status).toBe(200);
    // getAnOrder declares a bare `Order` with `orderDate` as a date-time string, yet its example
    // (and live Walmart) wrap it in {order} with epoch milliseconds: the GetOrderResponse model.
    expect(orders.validateNamed('GetOrderResponse', r.body)).toEqual([]);
    const op = orders.findOperation('GET', `/v3/orders/${po}`).operation as any;
    const example = op.responses['200'].content['application/json'].examples.ORDER.value;
    expect(orders.validateResponse('GET', `/v3/orders/${po}`, 200, example)).not.toEqual([]);
    expect(orders.validateNamed('GetOrderResponse', example)).toEqual([]);
  });

  it('POST /v3/orders/{purchaseOrderId}/acknowledge and /shipping', async () => {
    const po = pick((o) => o.cancelledAt === null && o.shippedAt === null);
    const ack = await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
    expect(orders.validateResponse('POST', `/v3/orders/${po}/acknowledge`, ack.status, ack.body)).toEqual([]);
    const lines = ack.body.order.orderLines.orderLine.map((l: any) => ({ lineNumber: l.lineNumber, qty: l.orderLineQuantity.amount }));
    const body = shipBody(lines);
    expect(orders.validateRequestBody('POST', `/v3/orders/${po}/shipping`, body)).toEqual([]);
    const ship = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body });
    expect(orders.validateResponse('POST', `/v3/orders/${po}/shipping`, ship.status, ship.body)).toEqual([]);
    h.clock.advance(HOUR);
    const update = shipBody(lines.map((l: any) => ({ ...l, trackingNumber: '1ZFIXED' })), 'PARTIAL_UPDATE');
    expect(orders.validateRequestBody('POST', `/v3/orders/${po}/shipping`, update)).toEqual([]);
    const fixed = await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: update });
    expect(orders.validateResponse('POST', `/v3/orders/${po}/shipping`, fixed.status, fixed.body)).toEqual([]);
  });

  it('GET /v3/items (all statuses) and GET /v3/inventory', async () => {
    const all = await h.call('/v3/items?limit=50');
    expect(items.validateResponse('GET', '/v3/items', all.status, all.body)).toEqual([]);
    const page = await h.call('/v3/items?limit=5');
    expect(page.body.nextCursor).toBeTruthy();
    expect(items.validateResponse('GET', '/v3/items', page.status, page.body)).toEqual([]);
    const inv = await h.call(`/v3/inventory?sku=${all.body.ItemResponse[0].sku}`);
    expect(inventory.validateResponse('GET', '/v3/inventory', inv.status, inv.body)).toEqual([]);
  });
});

describe('Walmart models: error responses', () => {
  it('token and gateway errors (400, 401, 406, 415, 404, 405)', async () => {
    const tokenCall = async (headers: Record<string, string>, body = 'grant_type=client_credentials') => {
      const res = await fetch(`${h.url}/v3/token`, { method: 'POST', headers, body });
      return { status: res.status, body: await res.json() };
    };
    expectWalmartError(await tokenCall(wmHeaders({ Authorization: basic('x', 'y'), 'Content-Type': 'application/x-www-form-urlencoded' })), 401, /^UNAUTHORIZED/);
    expectWalmartError(await tokenCall({ Authorization: basic('x', 'y') }), 400, /^MISSING_REQUEST_HEADER/);
    expectWalmartError(await h.call('/v3/orders', { token: 'nope' }), 401, /^UNAUTHORIZED/);
    expectWalmartError(await h.call('/v3/orders', { headers: { Accept: 'application/xml' } }), 406, /^INVALID_ACCEPT_TYPE/);
    expectWalmartError(await h.call('/v3/nowhere'), 404, /^URI_NOT_FOUND/);
    expectWalmartError(await h.call('/v3/items', { method: 'POST', body: {} }), 405, /^METHOD_NOT_ALLOWED/);
  });

  it('orders errors (400 params, 404 empty and unknown, 400 shipping rules, 415)', async () => {
    expectWalmartError(await h.call('/v3/orders?limit=500'), 400, /^INVALID_REQUEST_PARAM\.GMP_ORDER_API$/);
    expectWalmartError(await h.call('/v3/orders?createdStartDate=2031-01-01'), 404, /^CONTENT_NOT_FOUND\.GMP_ORDER_API$/);
    expectWalmartError(await h.call('/v3/orders/released?createdStartDate=2031-01-01'), 404, /^CONTENT_NOT_FOUND/);
    expectWalmartError(await h.call('/v3/orders/11112222333344'), 404, /^CONTENT_NOT_FOUND/);
    expectWalmartError(await h.call('/v3/orders/11112222333344/acknowledge', { method: 'POST' }), 404, /^CONTENT_NOT_FOUND/);
    const fresh = pick((o) => o.cancelledAt === null && o.shippedAt === null);
    expectWalmartError(await h.call(`/v3/orders/${fresh}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: '1' }]) }), 400, /^INVALID_REQUEST_CONTENT/);
    expectWalmartError(await h.call(`/v3/orders/${fresh}/shipping`, { method: 'POST', body: '{' }), 400, /^MALFORMED_REQUEST_CONTENT/);
    expectWalmartError(await h.call(`/v3/orders/${fresh}/shipping`, { method: 'POST', body: 'x', headers: { 'Content-Type': 'text/plain' } }), 415, /^UNSUPPORTED_MEDIA_TYPE/);
    const shipped = pick((o) => o.shippedAt !== null && o.shippedAt < h.clock.now());
    expectWalmartError(await h.call(`/v3/orders/${shipped}/acknowledge`, { method: 'POST' }), 400, /^INVALID_REQUEST_CONTENT/);
  });

  it('items and inventory errors', async () => {
    expectWalmartError(await h.call('/v3/items?limit=99'), 400, /^INVALID_REQUEST_PARAM\.GMP_ITEM_QUERY_API$/);
    expectWalmartError(await h.call('/v3/items?sku=none'), 404, /^CONTENT_NOT_FOUND\.GMP_ITEM_QUERY_API$/);
    expectWalmartError(await h.call('/v3/inventory?sku=none'), 404, /^CONTENT_NOT_FOUND/);
    expectWalmartError(await h.call('/v3/inventory'), 400, /^MISSING_REQUEST_PARAM/);
  });

  it('throttling and injected faults (429, 500)', async () => {
    for (const [faults, status, code] of [[{ rate429: 1 }, 429, /^REQUEST_THRESHOLD_VIOLATED/], [{ rate500: 1 }, 500, /^SYSTEM_ERROR/]] as const) {
      h.svc.faults = { ...faults };
      try {
        expectWalmartError(await h.call('/v3/orders'), status, code);
      } finally {
        h.svc.faults = {};
      }
    }
  });
});
