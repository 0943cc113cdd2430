// Every operation the simulator implements, success and error paths, checked against eBay's OAS3
// models in a strict variant (undeclared properties are errors too). Error statuses a model does
// not list (the common 400/401/403/429 errors) are checked against its Error schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '@/sandbox/core/catalog';
import { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_SELLER_USERNAME, EBAY_SCOPES } from './index';
import { appToken, call, conformance, spec, startEbay, T0, type Answer, type Harness } from './test-support';

let h: Harness;
let user: string;
let app: string;
const F = '/sell/fulfillment/v1';

beforeAll(async () => {
  h = await startEbay({ dailyLimits: { identity: 1000 } });
  user = h.svc.issueUserTokens().accessToken;
  app = await appToken(h.base);
});
afterAll(() => h.close());

async function check(method: string, path: string, status: number, opts: { token?: string | null; body?: unknown } = {}): Promise<Answer> {
  const a = await call(h.base, opts.token === undefined ? user : opts.token, path, { method, body: opts.body });
  expect(a.status, `${method} ${path}`).toBe(status);
  expect(conformance(method, path, a), `${method} ${path}`).toEqual([]);
  return a;
}

describe('Fulfillment API conformance', () => {
  it('getOrders', async () => {
    const page = await check('GET', `${F}/order?limit=200`, 200);
    const orders = page.body.orders as Array<{ orderId: string; cancelStatus: { cancelState: string }; orderFulfillmentStatus: string }>;
    await check('GET', `${F}/order?limit=3&offset=5&fieldGroups=TAX_BREAKDOWN`, 200);
    await check('GET', `${F}/order?filter=${encodeURIComponent(`lastmodifieddate:[${new Date(T0 - 86_400_000).toISOString()}..],orderfulfillmentstatus:{FULFILLED|IN_PROGRESS}`)}`, 200);
    await check('GET', `${F}/order?orderIds=${orders[0].orderId},${orders[1].orderId}`, 200);
    for (const q of ['filter=bogus:1', 'filter=creationdate:[..]', 'limit=500', 'offset=-3', 'fieldGroups=ALL', `orderIds=${Array(51).fill('01-00000-00000').map((x, i) => x.slice(0, -2) + String(i).padStart(2, '0')).join(',')}`]) {
      await check('GET', `${F}/order?${q}`, 400);
    }
    await check('GET', `${F}/order`, 400, { token: null });
    await check('GET', `${F}/order`, 401, { token: 'v^1.1#i^1#p^3#r^1#I^3#f^0#t^bogus' });
    await check('GET', `${F}/order`, 403, { token: app });
  });

  it('getOrder, createShippingFulfillment, getShippingFulfillments, getShippingFulfillment', async () => {
    const page = await call(h.base, user, `${F}/order?limit=200`);
    type O = { orderId: string; cancelStatus: { cancelState: string }; orderFulfillmentStatus: string; lineItems: Array<{ lineItemId: string; quantity: number }> };
    const orders = page.body.orders as O[];
    const cancelled = orders.find((o) => o.cancelStatus.cancelState === 'CANCELED') as O;
    const open = orders.find((o) => o.orderFulfillmentStatus === 'NOT_STARTED' && o.cancelStatus.cancelState === 'NONE_REQUESTED') as O;
    const fulfilled = orders.find((o) => o.orderFulfillmentStatus === 'FULFILLED') as O;

    await check('GET', `${F}/order/${cancelled.orderId}`, 200);
    await check('GET', `${F}/order/${fulfilled.orderId}?fieldGroups=TAX_BREAKDOWN`, 200);
    await check('GET', `${F}/order/${open.orderId.replace(/\d$/, (d) => String((Number(d) + 1) % 10))}`, 404);
    await check('GET', `${F}/order/xyz`, 400);

    const body = {
      lineItems: open.lineItems.map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity })),
      shippedDate: new Date(T0 - 60_000).toISOString(),
      shippingCarrierCode: 'FedEx',
      trackingNumber: '794698123456',
    };
    expect(spec('sell_fulfillment_v1_oas3.json', true).validateRequestBody('POST', `/order/${open.orderId}/shipping_fulfillment`, body)).toEqual([]);
    const created = await check('POST', `${F}/order/${open.orderId}/shipping_fulfillment`, 201, { body });
    expect(created.headers.get('location')).toMatch(/\/shipping_fulfillment\/794698123456$/);
    await check('POST', `${F}/order/${open.orderId}/shipping_fulfillment`, 400, { body });
    await check('POST', `${F}/order/${open.orderId}/shipping_fulfillment`, 400, { body: '{' });
    await check('POST', `${F}/order/11-11111-11111/shipping_fulfillment`, 400, { body });
    await check('POST', `${F}/order/${open.orderId}/shipping_fulfillment`, 403, {
      body,
      token: h.svc.issueUserTokens(EBAY_SANDBOX_SELLER_USERNAME, [EBAY_SCOPES.fulfillmentReadonly]).accessToken,
    });

    await check('GET', `${F}/order/${open.orderId}/shipping_fulfillment`, 200);
    await check('GET', `${F}/order/${fulfilled.orderId}/shipping_fulfillment`, 200);
    await check('GET', `${F}/order/nope/shipping_fulfillment`, 400);
    await check('GET', `${F}/order/${open.orderId}/shipping_fulfillment/794698123456`, 200);
    await check('GET', `${F}/order/${open.orderId}/shipping_fulfillment/000`, 404);
    await check('GET', `${F}/order/${open.orderId}/shipping_fulfillment/000`, 401, { token: 'nope' });
  });
});

describe('Inventory, Notification and Identity conformance', () => {
  it('Inventory API', async () => {
    await check('GET', '/sell/inventory/v1/inventory_item?limit=5&offset=1', 200);
    await check('GET', '/sell/inventory/v1/inventory_item?limit=999', 400);
    await check('GET', `/sell/inventory/v1/inventory_item/${CATALOG[0].sku}`, 200);
    await check('GET', '/sell/inventory/v1/inventory_item/NOPE', 404);
    await check('GET', `/sell/inventory/v1/inventory_item/${'X'.repeat(51)}`, 400);
    for (const c of CATALOG) await check('GET', `/sell/inventory/v1/offer?sku=${c.sku}&marketplace_id=EBAY_US`, 200);
    await check('GET', '/sell/inventory/v1/offer', 400);
    await check('GET', '/sell/inventory/v1/offer?sku=NOPE', 404);
    await check('GET', '/sell/inventory/v1/offer?sku=NOPE', 403, { token: app });
  });

  it('Notification getPublicKey and Identity getUser', async () => {
    const kid = h.svc.keys.signing.kid;
    const key = await check('GET', `/commerce/notification/v1/public_key/${kid}`, 200, { token: app });
    expect(key.body.key).toMatch(/^-----BEGIN PUBLIC KEY-----[A-Za-z0-9+/=]+-----END PUBLIC KEY-----$/);
    expect(key.body).toMatchObject({ algorithm: 'ECDSA', digest: 'SHA1' });
    await check('GET', '/commerce/notification/v1/public_key/00000000-0000-0000-0000-000000000000', 404, { token: app });
    await check('GET', `/commerce/notification/v1/public_key/${kid}`, 403, { token: user });
    await check('GET', `/commerce/notification/v1/public_key/${kid}`, 401, { token: 'bad' });
    await check('GET', '/commerce/identity/v1/user/', 200);
    await check('GET', '/commerce/identity/v1/user/', 403, { token: app });
  });

  it('the strict check can fail, and the one model deviation is the documented aspects type', async () => {
    expect(conformance('GET', `${F}/order`, { status: 200, headers: new Headers(), body: { orders: [{ orderId: 1 }] } })).not.toEqual([]);
    expect(conformance('GET', `${F}/order`, { status: 200, headers: new Headers(), body: { total: 0, orders: [], nextPage: 'x' } })).not.toEqual([]);
    expect(conformance('GET', `${F}/order`, { status: 429, headers: new Headers(), body: { error: 'x' } })).not.toEqual([]);
    const item = await call(h.base, user, `/sell/inventory/v1/inventory_item/${CATALOG[0].sku}`);
    const asPublished = spec('sell_inventory_v1_oas3.json').validateResponse('GET', `/inventory_item/${CATALOG[0].sku}`, 200, item.body);
    expect(asPublished.length).toBeGreaterThan(0);
    expect(asPublished.every((e) => e.startsWith('/product/aspects '))).toBe(true);
  });
});

describe('rate limits and faults', () => {
  it('enforces daily quotas per application and API with 429 errorId 2001, reset at Pacific midnight', async () => {
    const q = await startEbay({ dailyLimits: { fulfillment: 3, oauth_client_credentials: 2 } });
    try {
      const t = q.svc.issueUserTokens().accessToken;
      for (let i = 0; i < 3; i++) expect((await call(q.base, t, `${F}/order?limit=1`)).status).toBe(200);
      const limited = await call(q.base, t, `${F}/order?limit=1`);
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({
        errors: [{ errorId: 2001, domain: 'ACCESS', category: 'REQUEST', message: 'Too many requests', longMessage: 'The request limit has been reached for the resource.' }],
      });
      expect(conformance('GET', `${F}/order`, limited)).toEqual([]);
      expect((await call(q.base, t, '/sell/inventory/v1/inventory_item')).status).toBe(200);

      await appToken(q.base);
      await appToken(q.base);
      await expect(appToken(q.base)).rejects.toThrow(/429/);

      // T0 is 04:00 in Los Angeles: 20 hours later is the next Pacific day.
      q.clock.advance(20 * 3_600_000);
      const fresh = q.svc.issueUserTokens().accessToken;
      expect((await call(q.base, fresh, `${F}/order?limit=1`)).status).toBe(200);
      expect(q.svc.quotas.usage(EBAY_SANDBOX_CLIENT_ID, 'fulfillment')).toBe(1);
    } finally {
      await q.close();
    }
  });

  it('answers injected faults in eBay shape and leaves the token endpoint alone by default', async () => {
    h.svc.faults = { rate429: 1 };
    try {
      const r = await call(h.base, user, `${F}/order?limit=1`);
      expect(r.status).toBe(429);
      expect(conformance('GET', `${F}/order`, r)).toEqual([]);
      expect(typeof (await appToken(h.base))).toBe('string');
      h.svc.faults = { rate500: 1 };
      const e = await call(h.base, user, `${F}/order?limit=1`);
      expect(e.status).toBe(500);
      expect(conformance('GET', `${F}/order`, e)).toEqual([]);
      h.svc.faults = { rate503: 1 };
      expect((await call(h.base, user, `${F}/order?limit=1`)).status).toBe(503);
      h.svc.faults = { rate429: 1, pathPattern: /oauth2/ };
      await expect(appToken(h.base)).rejects.toThrow(/429/);
    } finally {
      h.svc.faults = {};
    }
  });
});
