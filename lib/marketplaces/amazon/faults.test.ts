// Failure handling against the simulator's injected faults: throttling (real and injected), 5xx,
// hangs, resets, malformed and truncated bodies, expired tokens. Every failure must end as a
// classified MarketplaceError within bounded attempts and time, with nothing secret in it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AMAZON_DEMO_CLIENT_ID, AMAZON_DEMO_CLIENT_SECRET, AMAZON_DEMO_REFRESH_TOKEN } from '@/sandbox/amazon';
import { MarketplaceError, RateLimits } from '@/lib/marketplaces/http';
import type { NormalizedOrder, OrderWindow } from '@/lib/marketplaces/types';
import type { AmazonConnector } from './connector';
import { connectorFor, drainOrders, DAY, expectedOrders, lwaRequests, MINUTE, NOW, SimTimer, SMALL, spRequests, startSim, type Sim } from '@/tests/support/marketplaces/amazon';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.close());

const W: OrderWindow = { updatedFrom: new Date(NOW - 30 * DAY), updatedTo: new Date(NOW - 5 * MINUTE) };
const ORDERS = /^\/orders\/2026-01-01\/orders$/;
const SECRETS = [AMAZON_DEMO_CLIENT_SECRET, AMAZON_DEMO_REFRESH_TOKEN, 'Atzr|', 'Atza|', 'Atz.sprdt|'];

async function caught(p: Promise<unknown>): Promise<MarketplaceError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(MarketplaceError);
    const err = e as MarketplaceError;
    for (const s of SECRETS) expect(err.message).not.toContain(s);
    expect(err.message).not.toMatch(/[{}<>]/); // no body, JSON or HTML, in the message
    return err;
  }
  throw new Error('expected a MarketplaceError');
}

const drain = (c: AmazonConnector, w = W): Promise<NormalizedOrder[]> => drainOrders(c, w);

const small = () => expectedOrders(SMALL, W.updatedFrom.getTime(), W.updatedTo.getTime(), NOW);

describe('throttling', () => {
  it('follows x-amzn-RateLimit-Limit, drains the bucket on a 429 and succeeds after waiting', async () => {
    const timer = new SimTimer(sim.clock);
    const limits = new RateLimits(timer);
    // Seeded too generously on purpose: the header must correct the rate, the 429 the burst.
    const bucket = limits.bucket(`amazon|${AMAZON_DEMO_CLIENT_ID}|${SMALL.sellingPartnerId}|searchOrders`, 1, 25);
    const c = connectorFor(sim, { account: SMALL, timer, limits });
    await c.fetchOrders(W, null);
    expect(bucket.rate).toBe(0.0056);
    for (let i = 0; i < 20; i++) await c.fetchOrders(W, null); // the simulator's burst is 20
    const statuses = spRequests(sim).map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    expect(statuses.at(-1)).toBe(200);
    expect(spRequests(sim).at(-2)?.status).toBe(429);
    // After the 429 the bucket waited a whole token at the reported rate (1 / 0.0056 s).
    expect(Math.max(...timer.sleeps)).toBeGreaterThanOrEqual(178_000);
    expect(c.apiCalls).toBe(22);
  });

  it('gives up with rate_limited after the bounded attempts when throttling never stops', async () => {
    sim.svc.faults = { rate429: 1, pathPattern: ORDERS };
    const timer = new SimTimer(sim.clock);
    const c = connectorFor(sim, { account: SMALL, timer, limits: new RateLimits(timer) });
    const e = await caught(c.fetchOrders(W, null));
    expect(e.kind).toBe('rate_limited');
    expect(e.details).toMatchObject({ status: 429, code: 'QuotaExceeded' });
    expect(sim.svc.sent(ORDERS)).toHaveLength(3);
  });
});

describe('server and network failures', () => {
  it('retries 5xx and still returns the exact window', async () => {
    sim.svc.faults = { rate500: 0.25, rate503: 0.25, pathPattern: ORDERS };
    const c = connectorFor(sim, { account: SMALL, retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 2 } });
    const orders = await drain(c);
    expect(orders.map((o) => o.externalOrderId).sort()).toEqual([...small().keys()].sort());
    const statuses = sim.svc.sent(ORDERS).map((r) => r.status);
    expect(statuses.some((s) => s === 500 || s === 503)).toBe(true);
    expect(c.apiCalls).toBe(statuses.length);
  });

  it('ends a permanent 5xx as transient after the bounded attempts', async () => {
    sim.svc.faults = { rate503: 1, pathPattern: ORDERS };
    const c = connectorFor(sim, { account: SMALL });
    const e = await caught(c.fetchOrders(W, null));
    expect(e.kind).toBe('transient');
    expect(e.details).toMatchObject({ status: 503, code: 'ServiceUnavailable' });
    expect(sim.svc.sent(ORDERS)).toHaveLength(3);
  });

  it('times out a hang, bounded', async () => {
    sim.svc.faults = { rateHang: 1, pathPattern: ORDERS };
    const c = connectorFor(sim, { account: SMALL, timeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    const t0 = Date.now();
    const e = await caught(c.fetchOrders(W, null));
    expect(e.kind).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(sim.svc.sent(ORDERS)).toHaveLength(2);
  });

  it('treats a connection reset as transient, and recovers when it is intermittent', async () => {
    sim.svc.faults = { rateReset: 1, pathPattern: ORDERS };
    const c = connectorFor(sim, { account: SMALL });
    const e = await caught(c.fetchOrders(W, null));
    expect(e.kind).toBe('transient');
    expect(e.details.code).toBe('ECONNRESET');
    sim.svc.faults = { rateReset: 0.4, pathPattern: ORDERS };
    const c2 = connectorFor(sim, { account: SMALL, retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 2 } });
    expect((await drain(c2)).length).toBe(small().size);
  });

  it('reports a non-JSON 200 as malformed without retrying it', async () => {
    sim.svc.faults = { rateMalformed: 1, pathPattern: ORDERS };
    const c = connectorFor(sim, { account: SMALL });
    const e = await caught(c.fetchOrders(W, null));
    expect(e.kind).toBe('malformed');
    expect(sim.svc.sent(ORDERS)).toHaveLength(1);
  });

  it('reports a truncated body as transient at once (the SDK alone would wait forever)', async () => {
    sim.svc.faults = { rateTruncated: 1, pathPattern: ORDERS };
    const c = connectorFor(sim, { account: SMALL, timeoutMs: 10_000 });
    const t0 = Date.now();
    const e = await caught(c.fetchOrders(W, null));
    expect(e.kind).toBe('transient');
    expect(e.message).toContain('cut off');
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(sim.svc.sent(ORDERS)).toHaveLength(3);
  });
});

describe('access tokens', () => {
  it('refreshes once when the token expires mid-sync and carries on', async () => {
    const c = connectorFor(sim, { account: SMALL, pageSizes: { orders: 100 } });
    const first = await c.fetchOrders(W, null);
    expect(first.next).not.toBeNull();
    sim.clock.advance(3_601_000); // the simulator's token is now expired; our cache does not know
    const rest: NormalizedOrder[] = [];
    let page = first.next;
    while (page) {
      const p = await c.fetchOrders(W, page);
      rest.push(...p.records);
      page = p.next;
    }
    expect(first.records.length + rest.length).toBe(small().size);
    expect(lwaRequests(sim)).toHaveLength(2);
    expect(sim.svc.sent(ORDERS).map((r) => r.status).slice(0, 3)).toEqual([200, 403, 200]);
  });

  it('stops with auth after one refresh when every token is refused as expired (no SDK loop)', async () => {
    sim.svc.faults = { expireTokens: true };
    const c = connectorFor(sim, { account: SMALL });
    const e = await caught(c.fetchOrders(W, null));
    expect(e.kind).toBe('auth');
    expect(e.details).toMatchObject({ status: 403, code: 'Unauthorized' });
    expect(lwaRequests(sim)).toHaveLength(2);
    expect(sim.svc.sent(ORDERS)).toHaveLength(2);
  });
});
