// Failure handling against the simulator: eBay's 429 (errorId 2001) with and without Retry-After,
// the daily quota running out, 5xx, hangs past the timeout, connection resets, malformed and
// truncated bodies, and access tokens expiring in the middle of a sync.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultConfig } from '@/sandbox/core/service';
import { MarketplaceError, RateLimits } from '@/lib/marketplaces/http';
import { ebayDefaultLimits } from './limits';
import { DAY, HOUR, T0, USERNAME, connector, expectedIndexes, readWindow, startSim, virtualTimer, type Sim } from '@/tests/support/marketplaces/ebay';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());
afterEach(() => {
  sim.svc.faults = {};
});

const window = { updatedFrom: new Date(T0 - 2 * DAY), updatedTo: new Date(T0) };
const orderRequests = (s = sim) => s.svc.sent(/\/sell\/fulfillment\/v1\/order$/);
const tokenRequests = (s = sim) => s.svc.sent(/oauth2\/token$/);

/** Applies `faults` to the next `n` exchanges they can hit (token calls excluded), then clears them. */
function faultyFor(s: Sim, faults: FaultConfig, n: number, onResponse?: (r: Response) => Response): typeof fetch {
  let seen = 0;
  s.svc.faults = faults;
  return async (url, init) => {
    const path = new URL(String(url)).pathname;
    const api = faults.pathPattern ? faults.pathPattern.test(path) : !path.includes('/oauth2/');
    try {
      const res = await fetch(url, init);
      return onResponse && api ? onResponse(res) : res;
    } finally {
      if (api && ++seen >= n) s.svc.faults = {};
    }
  };
}

async function rejection(p: Promise<unknown>): Promise<MarketplaceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof MarketplaceError) return e;
    throw e;
  }
  throw new Error('expected a MarketplaceError');
}

describe('429 rate limiting', () => {
  it('is retried honouring Retry-After, drains the daily-quota bucket, then succeeds', async () => {
    sim.svc.resetRecording();
    const retryTimer = virtualTimer();
    const bucketTimer = virtualTimer();
    const withRetryAfter = (r: Response) =>
      r.status === 429 ? new Response(r.body, { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '2' } }) : r;
    const c = connector(sim, {
      timer: retryTimer,
      limits: new RateLimits(bucketTimer),
      retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50 },
      fetchImpl: faultyFor(sim, { rate429: 1 }, 2, withRetryAfter),
    });
    const page = await c.fetchOrders(window, null);
    expect(page.records.length).toBe(expectedIndexes(window, T0).length);
    expect(orderRequests().map((r) => r.status)).toEqual([429, 429, 200]);
    // Each retry waited at least Retry-After...
    expect(retryTimer.slept.length).toBe(2);
    expect(retryTimer.slept.every((ms) => ms >= 2000)).toBe(true);
    // ...and the bucket, emptied by the 429, made the next call wait for a token (86,400 s / 100,000).
    const perToken = Math.ceil(1000 / ebayDefaultLimits.fulfillment.ratePerSecond);
    expect(perToken).toBe(864);
    expect(bucketTimer.slept.length).toBeGreaterThanOrEqual(2);
    expect(bucketTimer.slept.every((ms) => ms <= perToken)).toBe(true);
  });

  it('is bounded when it never stops: rate_limited with eBay’s errorId', async () => {
    sim.svc.resetRecording();
    sim.svc.faults = { rate429: 1 };
    const e = await rejection(connector(sim, { timer: virtualTimer() }).fetchOrders(window, null));
    expect(e.kind).toBe('rate_limited');
    expect(e.details).toMatchObject({ status: 429, code: '2001', operation: 'ebay.getOrders' });
    expect(orderRequests()).toHaveLength(3);
  });

  it('a spent daily quota surfaces as rate_limited, and works again the next day', async () => {
    const s = await startSim({ dailyLimits: { fulfillment: 2 } });
    try {
      const c = connector(s, { timer: virtualTimer(), pageSizes: { orders: 20 } });
      const p1 = await c.fetchOrders(window, null);
      const p2 = await c.fetchOrders(window, p1.next);
      const e = await rejection(c.fetchOrders(window, p2.next));
      expect(e).toMatchObject({ kind: 'rate_limited', details: { code: '2001' } });
      s.clock.advance(DAY);
      const p3 = await c.fetchOrders(window, p2.next);
      expect(p3.records.length).toBe(20);
    } finally {
      await s.close();
    }
  });
});

describe('server errors and transport failures', () => {
  it.each([
    ['500', { rate500: 1 }],
    ['503', { rate503: 1 }],
    ['connection reset', { rateReset: 1 }],
    ['truncated body', { rateTruncated: 1 }],
  ] as Array<[string, FaultConfig]>)('%s once: retried, the page arrives', async (_name, faults) => {
    sim.svc.resetRecording();
    const c = connector(sim, { fetchImpl: faultyFor(sim, faults, 1) });
    const page = await c.fetchOrders(window, null);
    expect(page.records.length).toBe(expectedIndexes(window, T0).length);
    expect(orderRequests()).toHaveLength(2);
  });

  it.each([
    ['500', 'transient', { rate500: 1 }],
    ['connection reset', 'transient', { rateReset: 1 }],
    ['truncated body', 'transient', { rateTruncated: 1 }],
  ] as Array<[string, string, FaultConfig]>)('%s forever: a bounded %s error', async (_name, kind, faults) => {
    sim.svc.resetRecording();
    sim.svc.faults = faults;
    const e = await rejection(connector(sim).fetchOrders(window, null));
    expect(e.kind).toBe(kind);
    expect(orderRequests()).toHaveLength(3);
    expect(e.message).not.toMatch(/Bearer|v\^1\.1/);
  });

  it('a hang past the timeout is a bounded timeout error', async () => {
    sim.svc.resetRecording();
    sim.svc.faults = { rateHang: 1 };
    const started = Date.now();
    const e = await rejection(connector(sim, { timeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }).fetchOrders(window, null));
    expect(e.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(orderRequests()).toHaveLength(2);
  });

  it('a single hang is retried', async () => {
    const c = connector(sim, { timeoutMs: 300, fetchImpl: faultyFor(sim, { rateHang: 1 }, 1) });
    expect((await c.fetchOrders(window, null)).records.length).toBeGreaterThan(0);
  });

  it('a 200 that is not JSON is a clean malformed error, not retried', async () => {
    sim.svc.resetRecording();
    sim.svc.faults = { rateMalformed: 1 };
    const e = await rejection(connector(sim).fetchOrders(window, null));
    expect(e.kind).toBe('malformed');
    expect(e.message).not.toContain('html');
    expect(orderRequests()).toHaveLength(1);
  });

  it('listings: a 5xx on one getOffers is retried without losing the page', async () => {
    sim.svc.resetRecording();
    const c = connector(sim, { offerConcurrency: 1, fetchImpl: faultyFor(sim, { rate503: 1, pathPattern: /\/offer$/ }, 1) });
    const p = await c.fetchListings(null);
    expect(p.records).toHaveLength(20);
    expect(sim.svc.sent(/\/offer$/).map((r) => r.status).filter((st) => st !== 200)).toEqual([503]);
  });
});

describe('access token expiry', () => {
  it('an expired token mid-sync is refreshed once and the sync continues', async () => {
    const s = await startSim();
    try {
      const c = connector(s, { pageSizes: { orders: 20 } });
      const p1 = await c.fetchOrders(window, null);
      expect(tokenRequests(s)).toHaveLength(1);
      s.clock.advance(3 * HOUR); // eBay's 2-hour access token is dead; our cache (real time) does not know
      const w = window; // same run, same window
      const rest = [];
      let next = p1.next;
      while (next) {
        const p = await c.fetchOrders(w, next);
        rest.push(...p.records);
        next = p.next;
      }
      // Nothing skipped (orders modified since T0 may leave the window; re-reads are allowed).
      const got = new Set([...p1.records, ...rest].map((o) => o.externalOrderId));
      const idsAt = (now: number) => expectedIndexes(window, now).map((i) => s.svc.orderId(USERNAME, i));
      expect(idsAt(s.clock.now()).filter((id) => !got.has(id))).toEqual([]);
      expect([...got].filter((id) => !idsAt(T0).includes(id))).toEqual([]);
      expect(tokenRequests(s)).toHaveLength(2);
      expect(orderRequests(s).filter((r) => r.status === 401)).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('a token rejected again right after a refresh is an auth error (bounded)', async () => {
    sim.svc.resetRecording();
    sim.svc.faults = { expireTokens: true };
    const e = await rejection(connector(sim).fetchOrders(window, null));
    expect(e).toMatchObject({ kind: 'auth', details: { status: 401, code: '1001' } });
    expect(tokenRequests()).toHaveLength(2);
    expect(orderRequests()).toHaveLength(2);
  });

  it('the cached token is refreshed shortly before eBay’s 2-hour expiry', async () => {
    sim.svc.resetRecording();
    const timer = virtualTimer(T0);
    const c = connector(sim, { timer });
    await readWindow(c, window);
    await timer.sleep(HOUR);
    await readWindow(c, window);
    expect(tokenRequests()).toHaveLength(1);
    await timer.sleep(HOUR - 4 * 60_000); // inside the 5-minute margin
    await readWindow(c, window);
    expect(tokenRequests()).toHaveLength(2);
  });
});
