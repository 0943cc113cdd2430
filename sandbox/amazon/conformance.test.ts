// Every response the simulator sends for a documented SP-API operation, success and error
// paths alike, validates against Amazon's official models in ../shared/reference/specs/amazon.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecValidator } from '@/sandbox/core/conformance';
import { AMAZON_DEMO_SELLER_ID, defaultAmazonAccounts } from './index';
import { orderIdFor } from './ids';
import { MP, NOW, startAmazon, type Harness, type V0ItemsPayload, type V0OrdersPayload } from './testkit';

const specs = {
  v0: SpecValidator.load('amazon/ordersV0.json'),
  v2026: SpecValidator.load('amazon/orders_2026-01-01.json'),
  tokens: SpecValidator.load('amazon/tokens_2021-03-01.json'),
  listings: SpecValidator.load('amazon/listingsItems_2021-08-01.json'),
};
type SpecName = keyof typeof specs;

let h: Harness;
let token: string;
const covered = new Map<string, Set<number>>();
const seed = defaultAmazonAccounts(NOW)[0].profile.seed;

beforeAll(async () => {
  h = await startAmazon({ orderItemsPageSize: 1 });
  token = await h.accessToken();
});
afterAll(() => h.close());

/** Calls the simulator, validates the answer against the model and returns the parsed body. */
async function call(spec: SpecName, method: string, path: string, opts: { token?: string; body?: unknown; raw?: string } = {}) {
  h.clock.advance(200); // spread calls so the tighter usage plans only bite where a test wants them
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers: { 'x-amz-access-token': opts.token ?? token, 'content-type': 'application/json' },
    body: opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
  });
  const text = await res.text();
  const body = text ? (JSON.parse(text) as unknown) : undefined;
  const pathOnly = path.split('?')[0];
  const errors = specs[spec].validateResponse(method, pathOnly, res.status, body);
  expect(errors, `${method} ${path} -> ${res.status} ${text.slice(0, 300)}`).toEqual([]);
  expect(res.headers.get('x-amzn-requestid')).toBeTruthy();
  expect(res.headers.get('x-amzn-ratelimit-limit')).toMatch(/^\d+(\.\d+)?$/);
  const op = `${spec} ${specs[spec].findOperation(method, pathOnly).operation.operationId as string}`;
  if (!covered.has(op)) covered.set(op, new Set());
  covered.get(op)!.add(res.status);
  return { status: res.status, body };
}

describe('Orders v0 conformance', () => {
  it('getOrders: success with and without PII, parameter errors, auth errors', async () => {
    const ok = await call('v0', 'GET', `/orders/v0/orders?MarketplaceIds=${MP}&CreatedAfter=2026-02-13T00:00:00Z&MaxResultsPerPage=100`);
    expect(ok.status).toBe(200);
    const next = (ok.body as V0OrdersPayload).payload.NextToken as string;
    expect((await call('v0', 'GET', `/orders/v0/orders?MarketplaceIds=${MP}&NextToken=${encodeURIComponent(next)}`)).status).toBe(200);
    const rdt = await h.rdt(token, [{ method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] }]);
    expect((await call('v0', 'GET', `/orders/v0/orders?MarketplaceIds=${MP}&LastUpdatedAfter=2026-03-10T00:00:00Z`, { token: rdt })).status).toBe(200);
    expect((await call('v0', 'GET', `/orders/v0/orders?MarketplaceIds=${MP}`)).status).toBe(400);
    expect((await call('v0', 'GET', `/orders/v0/orders?MarketplaceIds=${MP}&CreatedAfter=2026-03-14T00:00:00Z`, { token: 'Atza|nope' })).status).toBe(403);
  });

  it('getOrder, getOrderItems: success, 400, 404', async () => {
    const id = orderIdFor(seed, 480);
    expect((await call('v0', 'GET', `/orders/v0/orders/${id}`)).status).toBe(200);
    expect((await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, 9000)}`)).status).toBe(404);
    expect((await call('v0', 'GET', '/orders/v0/orders/bad-id')).status).toBe(400);
    let multi = '';
    for (let i = 400; !multi; i++) {
      const r = await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, i)}/orderItems`);
      if ((r.body as V0ItemsPayload).payload.NextToken) multi = orderIdFor(seed, i);
    }
    const first = await call('v0', 'GET', `/orders/v0/orders/${multi}/orderItems`);
    const nt = (first.body as V0ItemsPayload).payload.NextToken as string;
    expect((await call('v0', 'GET', `/orders/v0/orders/${multi}/orderItems?NextToken=${encodeURIComponent(nt)}`)).status).toBe(200);
    expect((await call('v0', 'GET', `/orders/v0/orders/${multi}/orderItems?NextToken=zzz`)).status).toBe(400);
    expect((await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, 9000)}/orderItems`)).status).toBe(404);
  });

  it('getOrderAddress, getOrderBuyerInfo: RDT success, 403 without, 404', async () => {
    const rdt = await h.rdt(token, [
      { method: 'GET', path: '/orders/v0/orders/{orderId}/address' },
      { method: 'GET', path: '/orders/v0/orders/{orderId}/buyerInfo' },
    ]);
    for (const leaf of ['address', 'buyerInfo']) {
      expect((await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, 300)}/${leaf}`, { token: rdt })).status).toBe(200);
      expect((await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, 300)}/${leaf}`)).status).toBe(403);
      expect((await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, 9000)}/${leaf}`, { token: rdt })).status).toBe(404);
    }
    h.clock.advance(5 * 60_000);
    const pending = await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, 488)}/address`, { token: rdt });
    expect(pending.body).toEqual({ payload: { AmazonOrderId: orderIdFor(seed, 488) } });
  });

  it('confirmShipment: request bodies match the model; 204, 400, 404, 403', async () => {
    const id = (((await call('v0', 'GET', `/orders/v0/orders?MarketplaceIds=${MP}&CreatedAfter=2026-03-14T00:00:00Z&OrderStatuses=Unshipped`)).body as V0OrdersPayload).payload.Orders[0]).AmazonOrderId;
    const items = ((await call('v0', 'GET', `/orders/v0/orders/${id}/orderItems`)).body as V0ItemsPayload).payload.OrderItems;
    const good = {
      marketplaceId: MP,
      packageDetail: {
        packageReferenceId: '1', carrierCode: 'USPS', shippingMethod: 'Priority Mail', trackingNumber: '9405511899223197428490',
        shipDate: '2026-03-15T10:00:00.000Z', orderItems: [{ orderItemId: items[0].OrderItemId, quantity: 1 }],
      },
    };
    expect(specs.v0.validateRequestBody('POST', `/orders/v0/orders/${id}/shipmentConfirmation`, good)).toEqual([]);
    const bad = { ...good, packageDetail: { ...good.packageDetail, shipDate: '02/21/2022' } };
    expect(specs.v0.validateRequestBody('POST', `/orders/v0/orders/${id}/shipmentConfirmation`, bad)).not.toEqual([]);
    expect((await call('v0', 'POST', `/orders/v0/orders/${id}/shipmentConfirmation`, { body: bad })).status).toBe(400);
    expect((await call('v0', 'POST', `/orders/v0/orders/${id}/shipmentConfirmation`, { body: good })).status).toBe(204);
    expect((await call('v0', 'POST', `/orders/v0/orders/${orderIdFor(seed, 9000)}/shipmentConfirmation`, { body: good })).status).toBe(404);
    expect((await call('v0', 'POST', `/orders/v0/orders/${id}/shipmentConfirmation`, { body: good, token: 'Atza|nope' })).status).toBe(403);
  });

  it('injected faults and throttling use the documented error model', async () => {
    h.svc.faults = { rate500: 1 };
    expect((await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, 1)}`)).status).toBe(500);
    h.svc.faults = { rate503: 1 };
    expect((await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, 1)}`)).status).toBe(503);
    h.svc.faults = { rate429: 1 };
    expect((await call('v0', 'GET', `/orders/v0/orders/${orderIdFor(seed, 1)}/orderItems`)).status).toBe(429);
    h.svc.faults = {};
    const fresh = await h.accessToken();
    let status = 200;
    for (let i = 0; i < 25 && status === 200; i++) {
      status = (await call('v0', 'GET', `/orders/v0/orders?MarketplaceIds=${MP}&CreatedAfter=2026-03-15T00:00:00Z`, { token: fresh })).status;
    }
    expect(status).toBe(429);
  });
});

describe('Tokens, Orders 2026-01-01 and Listings conformance', () => {
  it('createRestrictedDataToken: 200, 400, 403', async () => {
    const body = { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }] };
    expect(specs.tokens.validateRequestBody('POST', '/tokens/2021-03-01/restrictedDataToken', body)).toEqual([]);
    expect((await call('tokens', 'POST', '/tokens/2021-03-01/restrictedDataToken', { body })).status).toBe(200);
    expect((await call('tokens', 'POST', '/tokens/2021-03-01/restrictedDataToken', { body: { restrictedResources: [] } })).status).toBe(400);
    expect((await call('tokens', 'POST', '/tokens/2021-03-01/restrictedDataToken', { raw: 'nope' })).status).toBe(400);
    expect((await call('tokens', 'POST', '/tokens/2021-03-01/restrictedDataToken', { body, token: 'Atza|nope' })).status).toBe(403);
  });

  it('searchOrders and getOrder (2026-01-01) with every dataset, plus errors', async () => {
    const all = 'BUYER,RECIPIENT,PROCEEDS,EXPENSE,PROMOTION,CANCELLATION,FULFILLMENT,PACKAGES,TAX,PAYMENT,FULFILLMENT_ORDERS';
    const s = await call('v2026', 'GET', `/orders/2026-01-01/orders?lastUpdatedAfter=2026-03-08T00:00:00Z&includedData=${all}&maxResultsPerPage=100`);
    expect(s.status).toBe(200);
    const orders = (s.body as { orders: Array<{ orderId: string; fulfillment: { fulfillmentStatus: string } }> }).orders;
    const statuses = new Set(orders.map((o) => o.fulfillment.fulfillmentStatus));
    expect([...statuses].sort()).toEqual(expect.arrayContaining(['CANCELLED', 'SHIPPED', 'UNSHIPPED']));
    for (const o of orders.slice(0, 5)) expect((await call('v2026', 'GET', `/orders/2026-01-01/orders/${o.orderId}?includedData=${all}`)).status).toBe(200);
    expect((await call('v2026', 'GET', '/orders/2026-01-01/orders?createdAfter=2026-03-08T00:00:00Z&lastUpdatedAfter=2026-03-08T00:00:00Z')).status).toBe(400);
    expect((await call('v2026', 'GET', `/orders/2026-01-01/orders/${orderIdFor(seed, 9000)}`)).status).toBe(404);
    expect((await call('v2026', 'GET', `/orders/2026-01-01/orders/${orderIdFor(seed, 1)}?includedData=NOPE`)).status).toBe(400);
    expect((await call('v2026', 'GET', `/orders/2026-01-01/orders/${orderIdFor(seed, 1)}`, { token: 'Atza|nope' })).status).toBe(403);
  });

  it('searchListingsItems and getListingsItem with every dataset, plus errors', async () => {
    const all = 'summaries,attributes,issues,offers,fulfillmentAvailability,procurement,relationships,productTypes';
    const base = `/listings/2021-08-01/items/${AMAZON_DEMO_SELLER_ID}`;
    expect((await call('listings', 'GET', `${base}?marketplaceIds=${MP}&includedData=${all}&pageSize=20`)).status).toBe(200);
    const paged = await call('listings', 'GET', `${base}?marketplaceIds=${MP}&pageSize=5`);
    const nt = (paged.body as { pagination: { nextToken: string } }).pagination.nextToken;
    expect((await call('listings', 'GET', `${base}?marketplaceIds=${MP}&pageSize=5&pageToken=${nt}`)).status).toBe(200);
    expect((await call('listings', 'GET', `${base}?pageSize=5`)).status).toBe(400);
    expect((await call('listings', 'GET', `/listings/2021-08-01/items/A9OTHER?marketplaceIds=${MP}`)).status).toBe(403);
    expect((await call('listings', 'GET', `${base}/CND-SOY-8OZ-LAV?marketplaceIds=${MP}&includedData=${all}`)).status).toBe(200);
    expect((await call('listings', 'GET', `${base}/NO-SUCH-SKU?marketplaceIds=${MP}`)).status).toBe(404);
    expect((await call('listings', 'GET', `${base}/CND-SOY-8OZ-LAV?marketplaceIds=${MP}&includedData=everything`)).status).toBe(400);
  });

  it('covered every implemented operation with a success and an error', () => {
    const expected = [
      'v0 getOrders', 'v0 getOrder', 'v0 getOrderItems', 'v0 getOrderAddress', 'v0 getOrderBuyerInfo', 'v0 confirmShipment',
      'tokens createRestrictedDataToken', 'v2026 searchOrders', 'v2026 getOrder', 'listings searchListingsItems', 'listings getListingsItem',
    ];
    for (const op of expected) {
      const statuses = [...(covered.get(op) ?? [])];
      expect(statuses.some((s) => s < 300), `${op} success`).toBe(true);
      expect(statuses.some((s) => s >= 400), `${op} error`).toBe(true);
    }
  });
});
