// The connector against the eBay simulator over real HTTP: identity, a full window paged to the
// end with exact ids, resume from a persisted cursor, incremental windows catching new orders,
// cancellations and partial shipments, listings joined with offers, and buyer PII placement.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, buyerFor, simOrder, stockFor } from '@/sandbox/core/catalog';
import { legacyItemId } from '@/sandbox/ebay/ids';
import { isPublished } from '@/sandbox/ebay/inventory-api';
import { MarketplaceError } from '@/lib/marketplaces/http';
import { EbayTokenCache } from './oauth';
import type { NormalizedOrder } from '@/lib/marketplaces/types';
import { APP, DAY, HOUR, PROFILE, T0, USERNAME, connector, expectedIndexes, readWindow, startSim, type Sim } from '@/tests/support/marketplaces/ebay';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const ids = (orders: NormalizedOrder[]) => orders.map((o) => o.externalOrderId).sort();
const idsOf = (indexes: number[]) => indexes.map((i) => sim.svc.orderId(USERNAME, i)).sort();
const orderCalls = () => sim.svc.sent(/\/sell\/fulfillment\/v1\/order$/).length;
const tokenCalls = () => sim.svc.sent(/oauth2\/token$/).length;

async function rejection(p: Promise<unknown>): Promise<MarketplaceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MarketplaceError) return e;
    throw e;
  }
  throw new Error('expected a MarketplaceError');
}

describe('verify', () => {
  it('refreshes the token and names the seller', async () => {
    sim.svc.resetRecording();
    const c = connector(sim);
    const id = await c.verify();
    expect(id).toEqual({ externalAccountId: expect.stringMatching(/^[A-Za-z0-9]{11}$/), displayName: USERNAME, marketplaceCode: 'EBAY_US' });
    expect(c.apiCalls).toBe(2);
    const [tok] = sim.svc.sent(/oauth2\/token$/);
    const form = new URLSearchParams(tok.body);
    expect(form.get('grant_type')).toBe('refresh_token');
    expect(form.get('scope')?.split(' ')).toContain('https://api.ebay.com/oauth/api_scope/commerce.identity.readonly');
    expect(tok.headers.authorization).toBe(`Basic ${Buffer.from(`${APP.clientId}:${APP.clientSecret}`).toString('base64')}`);
    expect(sim.svc.sent(/\/commerce\/identity\/v1\/user\/$/)[0].headers.authorization).toMatch(/^Bearer v\^1\.1#/);
  });

  it('a wrong refresh token is an auth error (reconnect) that names no secret', async () => {
    const bogus = 'v^1.1#i^1#p^3#r^1#f^0#I^3#t^Ul4xMF9NOjBC-not-real';
    const e = await rejection(connector(sim, { credentials: { refreshToken: bogus } }).verify());
    expect(e.kind).toBe('auth');
    expect(e.details).toMatchObject({ status: 400, code: 'invalid_grant' });
    expect(e.message).toMatch(/reconnect/);
    expect(e.message).not.toContain(bogus);
  });

  it('a wrong client secret is an auth error without the secret', async () => {
    const e = await rejection(connector(sim, { app: { clientId: APP.clientId, clientSecret: 'SBX-wrong-secret-123' } }).verify());
    expect(e.kind).toBe('auth');
    expect(e.details).toMatchObject({ status: 401, code: 'invalid_client' });
    expect(e.message).not.toContain('SBX-wrong-secret-123');
    expect(e.message).not.toContain(sim.refreshToken);
  });

  it('without the identity scope, falls back to the seller id on orders', async () => {
    const c = connector(sim, { scopes: ['https://api.ebay.com/oauth/api_scope/sell.fulfillment'] });
    expect(await c.verify()).toEqual({ externalAccountId: USERNAME, displayName: USERNAME, marketplaceCode: 'EBAY_US' });
  });

  it('concurrent callers share one token refresh', async () => {
    sim.svc.resetRecording();
    const cache = new EbayTokenCache();
    const c = connector(sim, { tokenCache: cache });
    await Promise.all([c.verify(), c.verify(), c.verify(), c.fetchListings(null).then(() => null)]);
    expect(tokenCalls()).toBe(1);
    // A second instance of the same account reuses the token through the (process-wide) cache.
    const again = connector(sim, { tokenCache: cache });
    await again.verify();
    expect(tokenCalls()).toBe(1);
    expect(again.apiCalls).toBe(1);
  });
});

describe('fetchOrders', () => {
  const window = { updatedFrom: new Date(T0 - 10 * DAY), updatedTo: new Date(T0) };

  it('pages a full window to the end with eBay’s exact filter, 200 per page', async () => {
    sim.svc.resetRecording();
    const urls: string[] = [];
    const c = connector(sim, { fetchImpl: (url, init) => (urls.push(String(url)), fetch(url, init)) });
    const { orders, pages } = await readWindow(c, window);
    const expected = expectedIndexes(window, T0);
    expect(expected.length).toBe(241);
    expect(ids(orders)).toEqual(idsOf(expected));
    expect(pages).toBe(2);
    expect(c.apiCalls).toBe(3); // token + 2 pages: the minimum
    expect(sim.svc.sent(/\/sell\/fulfillment\/v1\/order$/).map((r) => r.query)).toEqual([
      { filter: 'lastmodifieddate:[2026-11-11T12:00:00.000Z..2026-11-21T12:00:00.000Z]', limit: '200', offset: '0', fieldGroups: 'TAX_BREAKDOWN' },
      { filter: 'lastmodifieddate:[2026-11-11T12:00:00.000Z..2026-11-21T12:00:00.000Z]', limit: '200', offset: '200', fieldGroups: 'TAX_BREAKDOWN' },
    ]);
    // On the wire: brackets percent-encoded, ':' kept, as in eBay's documented example.
    expect(urls[1]).toBe(
      `${sim.base}/sell/fulfillment/v1/order?filter=lastmodifieddate:%5B2026-11-11T12:00:00.000Z..2026-11-21T12:00:00.000Z%5D&limit=200&offset=0&fieldGroups=TAX_BREAKDOWN`,
    );
    for (const o of orders) {
      expect(o.updatedAt.getTime()).toBeGreaterThanOrEqual(window.updatedFrom.getTime());
      expect(o.updatedAt.getTime()).toBeLessThanOrEqual(T0);
      expect(o.total).toMatch(/^\d+\.\d{2}$/);
      expect(o.items.length).toBeGreaterThan(0);
    }
    const statuses = new Set(orders.map((o) => o.status));
    for (const s of ['cancelled', 'shipped', 'unshipped', 'partially_shipped'] as const) expect(statuses.has(s)).toBe(true);
  });

  it('matches the simulator’s order details exactly', async () => {
    const { orders } = await readWindow(connector(sim), { updatedFrom: new Date(T0 - 2 * DAY), updatedTo: new Date(T0) });
    const byId = new Map(orders.map((o) => [o.externalOrderId, o]));
    for (const i of expectedIndexes({ updatedFrom: new Date(T0 - 2 * DAY), updatedTo: new Date(T0) }, T0)) {
      const s = simOrder(PROFILE, i);
      const o = byId.get(sim.svc.orderId(USERNAME, i)) as NormalizedOrder;
      expect(o.orderedAt.getTime()).toBe(s.createdAt);
      expect(o.shipBy?.getTime()).toBe(s.shipBy);
      expect(o.items.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual(s.lines.map((l) => [l.item.sku, l.quantity, l.item.price.toFixed(2)]));
      expect(o.status === 'cancelled').toBe(s.cancelledAt !== null && s.cancelledAt <= T0);
      if (o.status === 'cancelled') expect(o.cancelledAt?.getTime()).toBe(s.cancelledAt);
      expect(o.buyer?.name).toBe(s.buyer.name);
      expect(o.buyer?.buyerRef).toBe(sim.svc.buyerOf(USERNAME, o.externalOrderId).username);
      expect(o.buyer?.country).toBe('US');
    }
  });

  it('resumes from a persisted `next` in a new connector instance (crash between pages)', async () => {
    const first = await connector(sim).fetchOrders(window, null);
    expect(first.records).toHaveLength(200);
    expect(first.next).toEqual(expect.any(String));
    const persisted = JSON.parse(JSON.stringify(first.next)) as string;
    const second = await connector(sim).fetchOrders(window, persisted);
    expect(second.records).toHaveLength(41);
    expect(second.next).toBeNull();
    expect(ids([...first.records, ...second.records])).toEqual(idsOf(expectedIndexes(window, T0)));
  });

  it('buyer PII lands only in `buyer`', async () => {
    const w = { updatedFrom: new Date(T0 - 3 * DAY), updatedTo: new Date(T0) };
    const indexById = new Map(expectedIndexes(w, T0).map((i) => [sim.svc.orderId(USERNAME, i), i]));
    const { orders } = await readWindow(connector(sim), w);
    expect(orders.length).toBe(indexById.size);
    for (const o of orders) {
      const b = buyerFor(PROFILE.seed, indexById.get(o.externalOrderId) as number);
      const { buyer, ...rest } = o;
      const outside = JSON.stringify(rest);
      for (const pii of [b.name, b.lastName, b.email, b.phone, b.address1, b.postalCode, sim.svc.buyerOf(USERNAME, o.externalOrderId).username]) {
        expect(outside).not.toContain(pii);
      }
      expect(buyer).toEqual({
        buyerRef: sim.svc.buyerOf(USERNAME, o.externalOrderId).username,
        name: b.name,
        addressLine1: b.address1,
        addressLine2: b.address2,
        addressLine3: null,
        city: b.city,
        region: b.state,
        postalCode: b.postalCode,
        country: 'US',
        phone: b.phone,
        email: b.email,
      });
    }
  });

  it('does not skip orders that leave the window between pages (offsets shift)', async () => {
    const s = await startSim();
    try {
      const c = connector(s, { pageSizes: { orders: 50 } });
      const w = { updatedFrom: new Date(T0 - 10 * DAY), updatedTo: new Date(T0) };
      const p1 = await c.fetchOrders(w, null);
      expect(p1.records).toHaveLength(50);
      // A minute later the seller ships an order from page 1: it now belongs to a later window.
      s.clock.advance(60_000);
      const target = p1.records.find((o) => o.status === 'unshipped') as NormalizedOrder;
      const token = s.svc.issueUserTokens().accessToken;
      const shipped = await fetch(`${s.base}/sell/fulfillment/v1/order/${target.externalOrderId}/shipping_fulfillment`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ lineItems: target.items.map((l) => ({ lineItemId: l.lineId, quantity: l.quantity })) }),
      });
      expect(shipped.status).toBe(201);
      const rest: NormalizedOrder[] = [];
      let next = p1.next;
      while (next) {
        const p = await c.fetchOrders(w, next);
        rest.push(...p.records);
        next = p.next;
      }
      const all = new Set([...p1.records, ...rest].map((o) => o.externalOrderId));
      const want = idsOf(expectedIndexes(w, T0));
      expect(want.filter((id) => !all.has(id))).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('leaves the range open when eBay says the end is in its future (clock skew)', async () => {
    sim.svc.resetRecording();
    const c = connector(sim, { pageSizes: { orders: 100 } });
    const w = { updatedFrom: new Date(T0 - 3 * DAY), updatedTo: new Date(T0 + 5 * 60_000) };
    const { orders } = await readWindow(c, w);
    expect(ids(orders)).toEqual(idsOf(expectedIndexes({ updatedFrom: w.updatedFrom, updatedTo: new Date(T0) }, T0)));
    const filters = sim.svc.sent(/\/sell\/fulfillment\/v1\/order$/).map((r) => `${r.status} ${r.query.filter}`);
    expect(filters[0]).toBe('400 lastmodifieddate:[2026-11-18T12:00:00.000Z..2026-11-21T12:05:00.000Z]');
    expect(filters.slice(1).every((f) => f === '200 lastmodifieddate:[2026-11-18T12:00:00.000Z..]')).toBe(true);
    expect(filters.length).toBe(1 + Math.ceil(orders.length / 100));
  });

  it('an empty window makes one call; an inverted one none', async () => {
    sim.svc.resetRecording();
    const c = connector(sim);
    const w = { updatedFrom: new Date(T0 - 20 * DAY), updatedTo: new Date(T0 - 15 * DAY) };
    expect(await c.fetchOrders(w, null)).toEqual({ records: [], rejected: [], next: null });
    expect(await c.fetchOrders({ updatedFrom: new Date(T0), updatedTo: new Date(T0 - 1) }, null)).toEqual({ records: [], next: null });
    expect(orderCalls()).toBe(1);
  });

  it('buyerRef is the immutable user id when eBay sends that instead of the username', async () => {
    sim.svc.buyerUsernameIsUserId = true;
    try {
      const { orders } = await readWindow(connector(sim), { updatedFrom: new Date(T0 - 6 * HOUR), updatedTo: new Date(T0) });
      expect(orders.length).toBeGreaterThan(0);
      for (const o of orders) expect(o.buyer?.buyerRef).toBe(sim.svc.buyerOf(USERNAME, o.externalOrderId).userId);
    } finally {
      sim.svc.buyerUsernameIsUserId = false;
    }
  });

  it('clamps a window longer than eBay’s two years instead of failing', async () => {
    sim.svc.resetRecording();
    const { orders } = await readWindow(connector(sim), { updatedFrom: new Date(0), updatedTo: new Date(T0) });
    expect(orders).toHaveLength(241);
    expect(sim.svc.sent(/\/sell\/fulfillment\/v1\/order$/)[0].query.filter).toBe(
      `lastmodifieddate:[${new Date(T0 - 730 * DAY).toISOString()}..${new Date(T0).toISOString()}]`,
    );
  });

  it('a page token that is not ours is refused cleanly', async () => {
    const e = await rejection(connector(sim).fetchOrders(window, 'not-a-token'));
    expect(e.kind).toBe('permanent');
  });
});

describe('incremental windows', () => {
  it('catch new orders, cancellations and partial shipments as the clock advances', async () => {
    const s = await startSim();
    try {
      const c = connector(s);
      const w1 = { updatedFrom: new Date(T0 - 10 * DAY), updatedTo: new Date(T0) };
      const first = new Map((await readWindow(c, w1)).orders.map((o) => [o.externalOrderId, o]));
      const seen = { created: 0, cancelled: 0, partial: 0, shipped: 0 };
      let cursor = T0;
      for (let step = 0; step < 4; step++) {
        s.clock.advance(12 * HOUR); // past the 2-hour token life too: the connector refreshes on 401
        const now = s.clock.now();
        const w = { updatedFrom: new Date(cursor - 60_000), updatedTo: new Date(now) };
        const { orders } = await readWindow(c, w);
        expect(ids(orders)).toEqual(expectedIndexes(w, now).map((i) => s.svc.orderId(USERNAME, i)).sort());
        for (const o of orders) {
          const before = first.get(o.externalOrderId);
          if (!before) seen.created++;
          else {
            if (before.status !== 'cancelled' && o.status === 'cancelled') seen.cancelled++;
            if (before.status === 'unshipped' && o.status === 'partially_shipped') {
              seen.partial++;
              expect(o.items[0].quantityShipped).toBe(o.items[0].quantity);
              expect(o.items.slice(1).every((l) => l.quantityShipped === 0)).toBe(true);
            }
            if (before.status !== 'shipped' && o.status === 'shipped') seen.shipped++;
          }
          first.set(o.externalOrderId, o);
        }
        cursor = now;
      }
      expect(seen.created).toBe(48);
      expect(seen.cancelled).toBeGreaterThan(0);
      expect(seen.partial).toBeGreaterThan(0);
      expect(seen.shipped).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });
});

describe('fetchListings', () => {
  it('pages inventory items and joins each with its offer', async () => {
    sim.svc.resetRecording();
    const c = connector(sim, { pageSizes: { inventory: 7 } });
    const all = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const p = await c.fetchListings(next);
      all.push(...p.records);
      next = p.next;
      pages++;
    } while (next);
    expect(pages).toBe(3);
    expect(all.map((l) => l.sku)).toEqual(CATALOG.map((i) => i.sku));
    expect(sim.svc.sent(/inventory_item$/).map((r) => r.query)).toEqual([
      { limit: '7', offset: '0' },
      { limit: '7', offset: '1' },
      { limit: '7', offset: '2' },
    ]);
    // No bulk offer read exists: one getOffers per SKU.
    expect(sim.svc.sent(/\/offer$/).map((r) => r.query.sku).sort()).toEqual(CATALOG.map((i) => i.sku).sort());
    expect(c.apiCalls).toBe(1 + 3 + CATALOG.length);
    const seed = PROFILE.seed;
    for (const l of all) {
      const item = CATALOG.find((i) => i.sku === l.sku)!;
      const published = isPublished(seed, l.sku);
      expect(l).toMatchObject({
        title: item.title,
        price: item.price.toFixed(2),
        currency: 'USD',
        quantity: stockFor(seed, l.sku),
        imageUrls: [item.image],
        publishStatus: published ? 'published' : 'unpublished',
        externalListingId: published ? legacyItemId(seed, l.sku) : null,
      });
    }
    expect(all.some((l) => l.publishStatus === 'unpublished')).toBe(true);
  });

  it('sets an unreadable item aside and keeps the rest of the page, without fetching its offers', async () => {
    // The simulator's answer, with one item eBay could plausibly send broken: no SKU, and one
    // whose product block is not an object.
    const odd: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!/\/inventory_item\?/.test(String(input))) return res;
      const body = (await res.json()) as { inventoryItems: Array<Record<string, unknown>> };
      body.inventoryItems[1] = { ...body.inventoryItems[1], sku: '' };
      body.inventoryItems[2] = { ...body.inventoryItems[2], product: 'not an object' };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    sim.svc.resetRecording();
    const p = await connector(sim, { fetchImpl: odd }).fetchListings(null);
    expect(p.records).toHaveLength(CATALOG.length - 2);
    expect(p.records.map((l) => l.sku)).not.toContain(CATALOG[2].sku);
    expect(p.rejected).toEqual([
      { kind: 'listing', externalId: null, reason: 'unreadable field sku (too_small)' },
      { kind: 'listing', externalId: CATALOG[2].sku, reason: expect.stringMatching(/^unreadable field product/) },
    ]);
    expect(sim.svc.sent(/\/offer$/)).toHaveLength(CATALOG.length - 2);
  });

  it('uses the documented maximum page size by default', async () => {
    sim.svc.resetRecording();
    const p = await connector(sim).fetchListings(null);
    expect(p.next).toBeNull();
    expect(p.records).toHaveLength(CATALOG.length);
    expect(sim.svc.sent(/inventory_item$/)[0].query).toEqual({ limit: '200', offset: '0' });
  });
});
