// The connector against the Walmart simulator over real HTTP: identity, full and incremental
// order windows with exact ids, resuming from a persisted page token, listings, wire headers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buyerFor, CATALOG, simOrder, stockFor } from '@/sandbox/core/catalog';
import { MarketplaceError } from '@/lib/marketplaces/http';
import { WalmartConnector } from './connector';
import { connectorFor, DAY, expectedIds, HOUR, SMALL, startSim, syncWindow, T0, windowOf, type Sim } from '@/tests/support/marketplaces/walmart';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.close());

const book = () => sim.svc.book(SMALL.clientId);
const indexOf = (po: string) => book().indexOfPurchaseOrder(po, sim.clock.now()) as number;

describe('verify', () => {
  it('returns the partner id Walmart reports, with one token call and one order call', async () => {
    const { connector } = connectorFor(sim);
    await expect(connector.verify()).resolves.toEqual({
      externalAccountId: SMALL.partnerId,
      displayName: `Walmart ${SMALL.partnerId}`,
      marketplaceCode: 'WALMART_US',
    });
    expect(connector.apiCalls).toBe(2);
    expect(sim.svc.sent(/^\/v3\/token$/, 'POST')).toHaveLength(1);
    expect(sim.svc.sent(/^\/v3\/orders$/, 'GET')).toHaveLength(1);
  });

  it('falls back to the client id when the seller has no orders to learn the partner id from', async () => {
    const empty = { ...SMALL, clientId: 'esm-empty-client', clientSecret: 'esm-empty-secret', profile: { ...SMALL.profile, epochMs: T0 + DAY } };
    const s = await startSim({ accounts: [empty] });
    try {
      const { connector } = connectorFor(s, {}, empty);
      await expect(connector.verify()).resolves.toMatchObject({ externalAccountId: 'esm-empty-client' });
    } finally {
      await s.close();
    }
  });

  it('wrong credentials → auth error that names neither secret nor id, after a single token call', async () => {
    const { connector } = connectorFor(sim, { credentials: { clientId: SMALL.clientId, clientSecret: 'wrong-secret-value-123' } });
    const err = await connector.verify().catch((e) => e);
    expect(err).toBeInstanceOf(MarketplaceError);
    expect(err.kind).toBe('auth');
    expect(err.details).toMatchObject({ status: 401, code: 'UNAUTHORIZED.GMP_GATEWAY_API' });
    expect(err.message).not.toContain('wrong-secret-value-123');
    expect(err.message).not.toContain(SMALL.clientSecret);
    expect(sim.svc.sent(/^\/v3\/token$/)).toHaveLength(1);
    expect(sim.svc.sent(/^\/v3\/orders/)).toHaveLength(0);
  });
});

describe('fetchOrders: a full window', () => {
  it('pages 200 at a time to the end and returns exactly the orders changed in the window', async () => {
    const { connector } = connectorFor(sim);
    const from = T0 - 20 * DAY;
    const expected = expectedIds(sim, SMALL, from, T0);
    expect(expected.size).toBe(721);
    const { orders, pages } = await syncWindow(connector, windowOf(from, T0));
    const ids = orders.map((o) => o.externalOrderId);
    expect(ids.length).toBe(721);
    expect(new Set(ids)).toEqual(expected);
    expect(pages).toBe(4);
    // 1 token call + 4 pages: the minimum for 721 orders at Walmart's maximum page size.
    expect(connector.apiCalls).toBe(5);
    const listCalls = sim.svc.sent(/^\/v3\/orders$/);
    expect(listCalls[0].query).toMatchObject({
      limit: '200',
      lastModifiedStartDate: new Date(from).toISOString(),
      lastModifiedEndDate: new Date(T0).toISOString(),
    });
    // Later pages are Walmart's cursor verbatim (which carries the frozen window).
    for (const r of listCalls.slice(1)) expect(r.query).toMatchObject({ hasMoreElements: 'true', lastModifiedEndDate: new Date(T0).toISOString() });
  });

  it('maps each order to what the simulated timeline says', async () => {
    const { connector } = connectorFor(sim);
    const { orders } = await syncWindow(connector, windowOf(T0 - 20 * DAY, T0));
    const seen = new Set<string>();
    for (const o of orders) {
      const sim0 = simOrder(SMALL.profile, indexOf(o.externalOrderId));
      expect(o.orderedAt.getTime()).toBe(sim0.createdAt);
      expect(o.items.map((i) => i.sku)).toEqual(sim0.lines.map((l) => l.item.sku));
      expect(o.items.map((i) => i.quantity)).toEqual(sim0.lines.map((l) => l.quantity));
      const expectedStatus =
        sim0.cancelledAt !== null && sim0.cancelledAt <= T0
          ? 'cancelled'
          : sim0.deliveredAt !== null && sim0.deliveredAt <= T0
            ? 'delivered'
            : sim0.shippedAt !== null && sim0.shippedAt <= T0
              ? 'shipped'
              : sim0.partialShipAt !== null && sim0.partialShipAt <= T0
                ? 'partially_shipped'
                : 'unshipped';
      expect(o.status).toBe(expectedStatus);
      seen.add(o.status);
      if (o.status === 'cancelled') expect(o.cancelledAt?.getTime()).toBe(sim0.cancelledAt);
      if (o.status === 'delivered') expect(o.deliveredAt?.getTime()).toBe(sim0.deliveredAt);
      if (o.status === 'shipped') expect(o.shippedAt?.getTime()).toBe(sim0.shippedAt);
      const b = buyerFor(SMALL.profile.seed, sim0.index);
      expect(o.buyer).toMatchObject({ name: b.name, addressLine1: b.address1, city: b.city, region: b.state, postalCode: b.postalCode, country: 'US', phone: b.phone });
      expect(o.buyer?.email).toMatch(/@relay\.walmart\.com$/);
      expect(Number(o.total)).toBeGreaterThan(Number(o.subtotal));
    }
    // The window holds orders in every state the timeline produces by T0.
    expect(seen.has('cancelled') && seen.has('delivered') && seen.has('unshipped')).toBe(true);
  });

  it('keeps buyer PII in buyer only', async () => {
    const { connector } = connectorFor(sim);
    const page = await connector.fetchOrders(windowOf(T0 - 2 * DAY, T0), null);
    expect(page.records.length).toBeGreaterThan(0);
    for (const { buyer, ...rest } of page.records) {
      const text = JSON.stringify(rest);
      for (const pii of [buyer?.name, buyer?.addressLine1, buyer?.phone, buyer?.email, buyer?.postalCode]) {
        expect(pii).toBeTruthy();
        expect(text).not.toContain(pii as string);
      }
    }
  });

  it('treats "no orders" (404 CONTENT_NOT_FOUND) as an empty last page', async () => {
    const { connector } = connectorFor(sim);
    const page = await connector.fetchOrders(windowOf(T0 - 40 * DAY, T0 - 30 * DAY), null);
    expect(page).toEqual({ records: [], next: null });
  });

  it('resumes from a persisted page token in a new connector, and rejects it for another window', async () => {
    const window = windowOf(T0 - 20 * DAY, T0);
    const first = await connectorFor(sim).connector.fetchOrders(window, null);
    expect(first.records).toHaveLength(200);
    const token = first.next as string;
    // Nothing in the token a log must not see.
    const decoded = Buffer.from(token, 'base64url').toString('utf8');
    for (const secret of [SMALL.clientSecret, first.records[0].buyer?.name as string]) expect(decoded).not.toContain(secret);

    const { connector: resumed } = connectorFor(sim);
    const rest: string[] = [];
    let next: string | null = token;
    while (next) {
      const p = await resumed.fetchOrders(window, next);
      rest.push(...p.records.map((o) => o.externalOrderId));
      next = p.next;
    }
    const all = [...first.records.map((o) => o.externalOrderId), ...rest];
    expect(all).toHaveLength(721);
    expect(new Set(all)).toEqual(expectedIds(sim, SMALL, T0 - 20 * DAY, T0));

    const err = await resumed.fetchOrders(windowOf(T0 - 19 * DAY, T0), token).catch((e) => e);
    expect(err).toMatchObject({ kind: 'permanent' });
    await expect(resumed.fetchOrders(window, 'not-a-token')).rejects.toMatchObject({ kind: 'permanent' });
  });
});

describe('fetchOrders: incremental windows', () => {
  it('a later window catches new orders, cancellations and partial shipments of older orders', async () => {
    const p = SMALL.profile;
    // The first sync point s0 (on the hour, from T0) whose next 12 hours cancel one older order
    // and partially ship another.
    const changesIn = (s0: number, t1: number) => {
      let cancelled = -1;
      let partial = -1;
      for (let i = 0; p.epochMs + i * p.intervalMs < s0; i++) {
        const o = simOrder(p, i);
        if (o.cancelledAt !== null && o.cancelledAt > s0 && o.cancelledAt <= t1) cancelled = i;
        if (o.partialShipAt !== null && o.partialShipAt > s0 && o.partialShipAt <= t1 && (o.shippedAt as number) > t1) partial = i;
      }
      return { cancelled, partial };
    };
    let s0 = T0;
    while (Object.values(changesIn(s0, s0 + 12 * HOUR)).includes(-1)) {
      s0 += HOUR;
      expect(s0 - T0).toBeLessThan(20 * DAY);
    }
    const t1 = s0 + 12 * HOUR;
    const { cancelled, partial } = changesIn(s0, t1);

    const { connector } = connectorFor(sim);
    sim.clock.advance(s0 - T0);
    const firstRun = await syncWindow(connector, windowOf(s0 - 20 * DAY, s0));
    const before = new Map(firstRun.orders.map((o) => [o.externalOrderId, o]));
    expect(before.get(book().purchaseOrderId(cancelled))?.status).not.toBe('cancelled');
    expect(before.get(book().purchaseOrderId(partial))?.status).toBe('unshipped');

    sim.clock.advance(t1 - s0);
    const overlap = 5 * 60_000;
    const { orders } = await syncWindow(connector, windowOf(s0 - overlap, t1));
    const ids = orders.map((o) => o.externalOrderId);
    expect(new Set(ids)).toEqual(expectedIds(sim, SMALL, s0 - overlap, t1));
    expect(new Set(ids).size).toBe(ids.length);
    expect(orders.some((o) => o.orderedAt.getTime() > s0)).toBe(true);
    expect(orders.some((o) => o.orderedAt.getTime() < s0)).toBe(true);

    const c = orders.find((o) => o.externalOrderId === book().purchaseOrderId(cancelled));
    expect(c).toMatchObject({ status: 'cancelled', marketplaceStatus: 'Cancelled' });
    expect(c!.updatedAt.getTime()).toBeGreaterThan(before.get(c!.externalOrderId)!.updatedAt.getTime());
    const ps = orders.find((o) => o.externalOrderId === book().purchaseOrderId(partial));
    expect(ps?.status).toBe('partially_shipped');
    expect(ps?.shippedAt?.getTime()).toBe(simOrder(p, partial).partialShipAt);
    expect(ps?.items.some((i) => i.quantityShipped === i.quantity)).toBe(true);
    expect(ps?.items.some((i) => i.quantityShipped === 0)).toBe(true);
  });

  it('splits a window of more than 10,000 orders by creation date without losing or repeating any', async () => {
    const big = {
      ...SMALL,
      clientId: 'esm-big-client',
      clientSecret: 'esm-big-secret',
      profile: { seed: 'esm-walmart-big', epochMs: T0 - 10_500 * 60_000, intervalMs: 60_000 },
    };
    const s = await startSim({ accounts: [big] });
    try {
      const { connector } = connectorFor(s, {}, big);
      const from = T0 - 20 * DAY;
      const { orders, pages } = await syncWindow(connector, windowOf(from, T0));
      const ids = orders.map((o) => o.externalOrderId);
      expect(ids.length).toBe(10_501);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(expectedIds(s, big, from, T0));
      expect(pages).toBe(Math.ceil(10_501 / 200));
      const segmentStart = s.svc.sent(/^\/v3\/orders$/).filter((r) => r.query.createdEndDate && !r.query.hasMoreElements);
      expect(segmentStart).toHaveLength(1);
      expect(Math.max(...s.svc.sent(/^\/v3\/orders$/).map((r) => Number(r.query.poIndex ?? 0)))).toBeLessThan(10_000);
    } finally {
      await s.close();
    }
  });
});

describe('fetchListings', () => {
  it('asks for 50 per page and maps every catalog listing, then reads their stock', async () => {
    const { connector } = connectorFor(sim);
    const page = await connector.fetchListings(null);
    expect(page.next).not.toBeNull();
    expect(page.records.map((l) => l.sku)).toEqual(CATALOG.map((c) => c.sku));
    // Items carry no stock: the listing keeps its quantity until the inventory page sets it.
    expect(page.records.every((l) => l.quantity === null && l.quantityReadApart === true)).toBe(true);
    const stock = await connector.fetchListings(page.next);
    expect(stock.next).toBeNull();
    expect(stock.records).toEqual([]);
    expect(sim.svc.sent(/^\/v3\/inventories$/)[0].query).toMatchObject({ limit: '50' });
    const seed = sim.svc.accounts[0].profile.seed;
    expect(stock.quantities).toEqual(CATALOG.map((c) => ({ sku: c.sku, quantity: stockFor(seed, c.sku) })));
    expect(sim.svc.sent(/^\/v3\/items$/)[0].query).toMatchObject({ limit: '50' });
    const mug = page.records.find((l) => l.sku === CATALOG[0].sku)!;
    expect(mug).toMatchObject({ title: CATALOG[0].title, price: CATALOG[0].price.toFixed(2), currency: 'USD' });
    expect(mug.externalListingId).toMatch(/^[0-9A-Z]{12}$/);
    const statuses = new Set(page.records.map((l) => l.publishStatus));
    expect([...statuses].every((s) => ['published', 'unpublished', 'retired'].includes(s))).toBe(true);
    expect(statuses.has('published')).toBe(true);
  });

  it('follows nextCursor across pages (page size forced down by the transport)', async () => {
    const shrink: typeof fetch = (input, init) => fetch(String(input).replace('limit=50', 'limit=7'), init);
    const { connector } = connectorFor(sim, { fetchImpl: shrink });
    const skus: string[] = [];
    const stocked: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const p = await connector.fetchListings(next);
      skus.push(...p.records.map((l) => l.sku));
      stocked.push(...(p.quantities ?? []).map((q) => q.sku));
      next = p.next;
      pages++;
    } while (next);
    expect(pages).toBe(6); // 3 items pages of 7, then 3 inventory pages of 7
    expect(skus).toEqual(CATALOG.map((c) => c.sku));
    expect(stocked).toEqual(CATALOG.map((c) => c.sku));
    expect(sim.svc.sent(/^\/v3\/items$/).slice(1).every((r) => typeof r.query.nextCursor === 'string')).toBe(true);
    expect(sim.svc.sent(/^\/v3\/inventories$/).slice(1).every((r) => typeof r.query.nextCursor === 'string')).toBe(true);
  });
});

describe('wire conventions', () => {
  it('sends Walmart headers; one token for concurrent callers; fresh correlation id per request', async () => {
    const { connector } = connectorFor(sim);
    await Promise.all([connector.fetchListings(null), connector.fetchOrders(windowOf(T0 - DAY, T0), null), connector.verify()]);
    const token = sim.svc.sent(/^\/v3\/token$/);
    expect(token).toHaveLength(1);
    expect(token[0].headers.authorization).toBe(`Basic ${Buffer.from(`${SMALL.clientId}:${SMALL.clientSecret}`).toString('base64')}`);
    expect(token[0].headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(token[0].body).toBe('grant_type=client_credentials');
    const business = sim.svc.requests.filter((r) => r.path !== '/v3/token');
    expect(business).toHaveLength(3);
    for (const r of [...token, ...business]) {
      expect(r.headers['wm_svc.name']).toBeTruthy();
      expect(r.headers['wm_qos.correlation_id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers.accept).toBe('application/json');
    }
    for (const r of business) {
      expect(r.headers['wm_sec.access_token']).toMatch(/^eyJ/);
      expect(r.headers.authorization).toBeUndefined();
    }
    expect(new Set(sim.svc.requests.map((r) => r.headers['wm_qos.correlation_id'])).size).toBe(4);
    expect(connector.apiCalls).toBe(4);
  });

  it('reuses the token for 14 minutes and renews it before the 15-minute expiry', async () => {
    const { connector } = connectorFor(sim);
    await connector.fetchListings(null);
    sim.clock.advance(13 * 60_000);
    await connector.fetchListings(null);
    expect(sim.svc.sent(/^\/v3\/token$/)).toHaveLength(1);
    sim.clock.advance(60_000 + 1);
    await connector.fetchListings(null);
    expect(sim.svc.sent(/^\/v3\/token$/)).toHaveLength(2);
    // No request was ever answered 401: renewal happened before Walmart would refuse the token.
    expect(sim.svc.requests.every((r) => r.status !== 401)).toBe(true);
  });

  it('is a Connector for the walmart marketplace', () => {
    const { connector } = connectorFor(sim);
    expect(connector).toBeInstanceOf(WalmartConnector);
    expect(connector.marketplace).toBe('walmart');
  });
});
