// The connector against the Amazon simulator over real HTTP: verify, full and incremental order
// windows with exact ids, request counts at the minimum, PII placement, listings paging.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AMAZON_DEMO_CLIENT_SECRET, AMAZON_DEMO_REFRESH_TOKEN, AMAZON_DEMO_SELLER_ID, defaultAmazonAccounts } from '@/sandbox/amazon';
import { CATALOG, stockFor } from '@/sandbox/core/catalog';
import { MarketplaceError } from '@/lib/marketplaces/http';
import type { NormalizedListing, NormalizedOrder, OrderWindow } from '@/lib/marketplaces/types';
import type { AmazonConnector } from './connector';
import { BUSY, connectorFor, DAY, expectedOrders, HOUR, lwaRequests, MINUTE, MP, NOW, SimTimer, SMALL, spRequests, startSim, type Sim } from '@/tests/support/marketplaces/amazon';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.close());

async function drain(c: AmazonConnector, w: OrderWindow): Promise<{ orders: NormalizedOrder[]; pages: number }> {
  const orders: NormalizedOrder[] = [];
  let page: string | null = null;
  let pages = 0;
  do {
    const p = await c.fetchOrders(w, page);
    orders.push(...p.records);
    page = p.next;
    pages++;
  } while (page);
  return { orders, pages };
}

async function caught(p: Promise<unknown>): Promise<MarketplaceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MarketplaceError);
    return e as MarketplaceError;
  }
  throw new Error('expected a MarketplaceError');
}

describe('verify', () => {
  it('exchanges the refresh token once and names the seller', async () => {
    const id = await connectorFor(sim).verify();
    expect(id).toEqual({ externalAccountId: AMAZON_DEMO_SELLER_ID, displayName: `Amazon seller ${AMAZON_DEMO_SELLER_ID}`, marketplaceCode: MP });
    expect(lwaRequests(sim)).toHaveLength(1);
    expect(lwaRequests(sim)[0].headers.host).not.toBe('api.amazon.com'); // LWA through the override, by path
    const sp = spRequests(sim);
    expect(sp.map((r) => r.path)).toEqual([`/listings/2021-08-01/items/${AMAZON_DEMO_SELLER_ID}`]);
    expect(sp[0].headers.host).toBe('sellingpartnerapi-na.amazon.com'); // the SDK's own Host, redirected by the agent
    expect(sp[0].query).toMatchObject({ pageSize: '1', marketplaceIds: MP });
  });

  it('answers wrong credentials with an auth error that names no secret', async () => {
    const cases = [
      connectorFor(sim, { app: { clientId: 'amzn1.application-oa2-client.sandboxdemo0000000000000000000000', clientSecret: 'wrong-secret-xyz' } }),
      connectorFor(sim, { credentials: { refreshToken: 'Atzr|not-a-real-token', sellingPartnerId: AMAZON_DEMO_SELLER_ID } }),
      // A real token, but for another seller than the one claimed.
      connectorFor(sim, { credentials: { refreshToken: AMAZON_DEMO_REFRESH_TOKEN, sellingPartnerId: SMALL.sellingPartnerId } }),
    ];
    for (const c of cases) {
      const e = await caught(c.verify());
      expect(e.kind).toBe('auth');
      for (const secret of ['wrong-secret-xyz', 'Atzr|', AMAZON_DEMO_CLIENT_SECRET, 'Atza|']) expect(e.message).not.toContain(secret);
    }
    expect(cases[0].apiCalls).toBe(0);
  });

  it('shares one token, single-flight, across concurrent instances', async () => {
    const timer = new SimTimer();
    const many = Array.from({ length: 5 }, () => connectorFor(sim, { timer }));
    await Promise.all(many.map((c) => c.verify()));
    expect(lwaRequests(sim)).toHaveLength(1);
    expect(many.reduce((s, c) => s + c.tokenRequests, 0)).toBe(1);
  });
});

describe('fetchOrders', () => {
  it('pages a full window to the end with exactly the simulator’s orders and the minimum requests', async () => {
    const c = connectorFor(sim, { account: SMALL });
    const w = { updatedFrom: new Date(SMALL.profile.epochMs - DAY), updatedTo: new Date(NOW - 5 * MINUTE) };
    const want = expectedOrders(SMALL, w.updatedFrom.getTime(), w.updatedTo.getTime(), NOW);
    expect(want.size).toBeGreaterThan(200);
    const { orders, pages } = await drain(c, w);
    expect(orders.map((o) => o.externalOrderId).sort()).toEqual([...want.keys()].sort());
    for (const o of orders) expect(o.marketplaceStatus).toBe(({ Pending: 'PENDING', Unshipped: 'UNSHIPPED', PartiallyShipped: 'PARTIALLY_SHIPPED', Shipped: 'SHIPPED', Canceled: 'CANCELLED' } as Record<string, string>)[want.get(o.externalOrderId)!]);
    expect(pages).toBe(Math.ceil(want.size / 100));
    // Minimum: one searchOrders per 100 orders (items and PII come inline), plus one LWA exchange.
    expect(c.apiCalls).toBe(pages);
    expect(spRequests(sim)).toHaveLength(pages);
    expect(lwaRequests(sim)).toHaveLength(1);
    const q = spRequests(sim)[0].query;
    expect(q).toMatchObject({ maxResultsPerPage: '100', marketplaceIds: MP, includedData: 'BUYER,RECIPIENT,PROCEEDS,FULFILLMENT,PACKAGES,CANCELLATION' });
    for (const r of spRequests(sim).slice(1)) expect(r.query.includedData).toBe(q.includedData); // resent with every page token
    expect(orders.every((o) => o.items.length > 0 && o.updatedAt.getTime() <= w.updatedTo.getTime())).toBe(true);
    const statuses = new Set(orders.map((o) => o.status));
    for (const s of ['unshipped', 'delivered', 'cancelled']) expect(statuses).toContain(s);
  });

  it('serves a window ending "now", as the engine plans it, in the minimum requests', async () => {
    const c = connectorFor(sim, { account: BUSY });
    const w = { updatedFrom: new Date(NOW - DAY), updatedTo: new Date(NOW) };
    const { orders, pages } = await drain(c, w);
    // Amazon answers up to its "now − 2 minutes"; the rest is the next (overlapping) window's.
    const want = expectedOrders(BUSY, w.updatedFrom.getTime(), NOW - 2 * MINUTE, NOW);
    expect(orders.map((o) => o.externalOrderId).sort()).toEqual([...want.keys()].sort());
    expect(pages).toBe(Math.ceil(want.size / 100));
    expect(c.apiCalls).toBe(pages);
    expect(spRequests(sim).every((r) => r.status === 200 && r.query.lastUpdatedBefore === undefined)).toBe(true);
  });

  it('asks a historical window again with its end, once, and drops nothing but what lies past it', async () => {
    const c = connectorFor(sim, { account: SMALL });
    const w = { updatedFrom: new Date(NOW - 10 * DAY), updatedTo: new Date(NOW - 3 * DAY) };
    const { orders, pages } = await drain(c, w);
    const want = expectedOrders(SMALL, w.updatedFrom.getTime(), w.updatedTo.getTime(), NOW);
    expect(orders.map((o) => o.externalOrderId).sort()).toEqual([...want.keys()].sort());
    expect(pages).toBe(Math.ceil(want.size / 100));
    expect(c.apiCalls).toBe(pages + 1);
    const sent = spRequests(sim).map((r) => r.query.lastUpdatedBefore);
    expect(sent[0]).toBeUndefined();
    expect(sent.slice(1).every((b) => b === w.updatedTo.toISOString())).toBe(true);
  });

  it('catches new orders and status changes (cancellation, partial shipment) in the next window', async () => {
    const c = connectorFor(sim, { account: BUSY });
    const w1 = { updatedFrom: new Date(NOW - 2 * DAY), updatedTo: new Date(NOW) };
    const first = new Map((await drain(c, w1)).orders.map((o) => [o.externalOrderId, o]));
    sim.clock.advance(30 * HOUR);
    const later = NOW + 30 * HOUR;
    // The engine's next window: from the last end minus its overlap, to its new "now".
    const w2 = { updatedFrom: new Date(NOW - 10 * MINUTE), updatedTo: new Date(later) };
    const second = (await drain(c, w2)).orders;
    const want = expectedOrders(BUSY, w2.updatedFrom.getTime(), later - 2 * MINUTE, later);
    expect(second.map((o) => o.externalOrderId).sort()).toEqual([...want.keys()].sort());
    const fresh = second.filter((o) => o.orderedAt.getTime() > NOW);
    expect(fresh.length).toBeGreaterThan(10);
    const changed = (to: string) => second.filter((o) => o.status === to && first.get(o.externalOrderId) && first.get(o.externalOrderId)!.status !== to);
    expect(changed('cancelled').length).toBeGreaterThan(0);
    expect(changed('partially_shipped').length + changed('shipped').length).toBeGreaterThan(0);
    for (const o of changed('cancelled')) expect(o.cancelledAt).toEqual(o.updatedAt);
  });

  it('puts buyer PII in `buyer` and nowhere else', async () => {
    const c = connectorFor(sim, { account: SMALL });
    const { records: orders } = await c.fetchOrders({ updatedFrom: new Date(NOW - 10 * DAY), updatedTo: new Date(NOW - 5 * MINUTE) }, null);
    const withBuyer = orders.filter((o) => o.buyer?.addressLine1);
    expect(withBuyer.length).toBeGreaterThan(50);
    for (const o of withBuyer) {
      const b = o.buyer!;
      expect(b.name && b.city && b.postalCode && b.phone && b.email).toBeTruthy();
      expect(b.country).toBe('US');
      const rest = JSON.stringify({ ...o, buyer: null });
      for (const pii of [b.name, b.addressLine1, b.addressLine2, b.phone, b.email]) if (pii) expect(rest).not.toContain(pii);
    }
  });

  it('refuses a page cursor from another window', async () => {
    const c = connectorFor(sim, { account: SMALL, pageSizes: { orders: 10 } });
    const w = { updatedFrom: new Date(NOW - 10 * DAY), updatedTo: new Date(NOW - 5 * MINUTE) };
    const p = await c.fetchOrders(w, null);
    expect(p.next).not.toBeNull();
    const e = await caught(c.fetchOrders({ ...w, updatedFrom: new Date(NOW - 9 * DAY) }, p.next));
    expect(e.kind).toBe('permanent');
    expect((await caught(c.fetchOrders(w, 'garbage'))).kind).toBe('permanent');
  });
});

describe('fetchListings', () => {
  it('pages every listing with price, stock and status', async () => {
    const c = connectorFor(sim, { pageSizes: { listings: 7 } });
    const all: NormalizedListing[] = [];
    let page: string | null = null;
    do {
      const p = await c.fetchListings(page);
      all.push(...p.records);
      page = p.next;
    } while (page);
    expect(c.apiCalls).toBe(3);
    expect(all.map((l) => l.sku)).toEqual(CATALOG.map((i) => i.sku).sort());
    const seed = defaultAmazonAccounts(NOW)[0].profile.seed;
    for (const l of all) {
      const item = CATALOG.find((i) => i.sku === l.sku)!;
      expect(l.price).toBe(item.price.toFixed(2));
      expect(l.quantity).toBe(stockFor(seed, l.sku));
      expect(l.title).toBe(item.title);
      expect(l.imageUrls[0]).toBe(item.image);
      expect(l.externalListingId).toMatch(/^B0/);
      expect(l.publishStatus).toBe('published');
      expect(l.marketplaceStatus).toBe(l.quantity! > 0 ? 'BUYABLE,DISCOVERABLE' : 'DISCOVERABLE');
    }
  });

  it('uses the maximum page size by default', async () => {
    const c = connectorFor(sim);
    const p = await c.fetchListings(null);
    expect(p.records).toHaveLength(20);
    expect(p.next).toBeNull();
    expect(spRequests(sim)[0].query).toMatchObject({ pageSize: '20', sortBy: 'sku', sortOrder: 'ASC' });
  });
});
