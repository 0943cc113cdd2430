// The connector under Walmart's failure modes (simulator faults over real HTTP): throttling,
// server errors, hangs, resets, broken bodies and tokens that expire mid-sync. Every failure is
// bounded and surfaces as a classified MarketplaceError without response bodies or secrets.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '@/sandbox/core/clock';
import { MarketplaceError, TokenBucket } from '@/lib/marketplaces/http';
import { connectorFor, DAY, expectedIds, SMALL, simTimer, startSim, syncWindow, T0, windowOf, type Sim } from '@/tests/support/marketplaces/walmart';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await sim.close();
});

const ordersCalls = () => sim.svc.sent(/^\/v3\/orders$/);
const statuses = () => ordersCalls().map((r) => r.status);
/** A transport that lifts the simulator's faults once one of them has been served. */
function healAfterFirst(match: (res: Response) => boolean): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    if (match(res)) sim.svc.faults = {};
    return res;
  };
}

async function caught(p: Promise<unknown>): Promise<MarketplaceError> {
  const e = await p.then(
    () => null,
    (err) => err,
  );
  expect(e).toBeInstanceOf(MarketplaceError);
  return e as MarketplaceError;
}

describe('throttling (429)', () => {
  it('waits until X-Next-Replenishment-Time, drains the bucket and finishes the window', async () => {
    await sim.close();
    // Two calls in the bucket, then one per second: a 721-order window needs four pages.
    sim = await startSim({ rateLimits: { getAllOrders: { perMinute: 60, burst: 2 } } });
    const drain = vi.spyOn(TokenBucket.prototype, 'drain');
    const { connector, timer } = connectorFor(sim, { retry: { maxAttempts: 4, baseDelayMs: 5, maxDelayMs: 5_000 } });
    const { orders } = await syncWindow(connector, windowOf(T0 - 20 * DAY, T0));
    // The clock moved a few seconds while throttled; the window's orders are long settled.
    expect(new Set(orders.map((o) => o.externalOrderId))).toEqual(expectedIds(sim, SMALL, T0 - 20 * DAY, T0));
    expect(statuses()).toContain(429);
    expect(statuses().filter((s) => s === 200)).toHaveLength(4);
    expect(drain).toHaveBeenCalled();
    // The replenishment time (1 s away) was honoured rather than the 5 ms backoff.
    expect(timer.slept.some((ms) => ms >= 1_000)).toBe(true);
  });

  it('gives up with rate_limited after the retry budget when throttling never stops', async () => {
    sim.svc.faults = { rate429: 1 };
    const { connector } = connectorFor(sim);
    const err = await caught(connector.fetchOrders(windowOf(T0 - DAY, T0), null));
    expect(err.kind).toBe('rate_limited');
    expect(err.details).toMatchObject({ status: 429, code: 'REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API' });
    expect(ordersCalls()).toHaveLength(3);
  });
});

describe('server errors and broken connections', () => {
  it('retries a 500 (Walmart error body) and a 503 (plain text) and carries on', async () => {
    for (const fault of [{ rate500: 1 }, { rate503: 1 }]) {
      sim.svc.resetRecording();
      sim.svc.faults = fault;
      const { connector } = connectorFor(sim, { fetchImpl: healAfterFirst((r) => r.status >= 500) });
      const page = await connector.fetchOrders(windowOf(T0 - DAY, T0), null);
      expect(page.records.length).toBeGreaterThan(0);
      expect(statuses()).toEqual([fault.rate500 ? 500 : 503, 200]);
    }
  });

  it('bounded: a 5xx that never ends is a transient error after the retry budget', async () => {
    sim.svc.faults = { rate500: 1 };
    const { connector } = connectorFor(sim);
    const err = await caught(connector.fetchOrders(windowOf(T0 - DAY, T0), null));
    expect(err).toMatchObject({ kind: 'transient', retryable: true });
    expect(err.message).toBe('walmart.getAllOrders: HTTP 500 (SYSTEM_ERROR.GMP_GATEWAY_API)');
    expect(ordersCalls()).toHaveLength(3);
  });

  it('times out a hanging request and gives up after the retry budget', async () => {
    sim.svc.faults = { rateHang: 1 };
    const { connector } = connectorFor(sim, { timeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 50 } });
    const started = Date.now();
    const err = await caught(connector.fetchOrders(windowOf(T0 - DAY, T0), null));
    expect(err.kind).toBe('timeout');
    expect(ordersCalls()).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('retries a reset connection, and reports a persistent one as transient', async () => {
    sim.svc.faults = { rateReset: 1 };
    let resets = 0;
    const flaky: typeof fetch = async (input, init) => {
      try {
        return await fetch(input, init);
      } catch (e) {
        if (++resets === 1) sim.svc.faults = {};
        throw e;
      }
    };
    const ok = connectorFor(sim, { fetchImpl: flaky }).connector;
    expect((await ok.fetchOrders(windowOf(T0 - DAY, T0), null)).records.length).toBeGreaterThan(0);
    expect(resets).toBe(1);

    sim.svc.faults = { rateReset: 1 };
    const err = await caught(connectorFor(sim).connector.fetchListings(null));
    expect(err.kind).toBe('transient');
  });

  it('a 200 that is not JSON is malformed (no retry, no crash); a cut-off body is transient', async () => {
    sim.svc.faults = { rateMalformed: 1 };
    const { connector } = connectorFor(sim);
    const err = await caught(connector.fetchOrders(windowOf(T0 - DAY, T0), null));
    expect(err.kind).toBe('malformed');
    expect(err.message).not.toContain('html');
    expect(ordersCalls()).toHaveLength(1);

    sim.svc.resetRecording();
    sim.svc.faults = { rateTruncated: 1 };
    const cut = await caught(connector.fetchOrders(windowOf(T0 - DAY, T0), null));
    expect(['transient', 'malformed']).toContain(cut.kind);
    expect(ordersCalls().length).toBeGreaterThanOrEqual(1);
  });

  it('one order of the wrong shape is rejected alone, naming only the field path; the rest is read', async () => {
    let sentIds: string[] = [];
    const wrong: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/v3/orders')) return res;
      const body = (await res.json()) as { list: { elements: { order: Array<Record<string, unknown>> } } };
      body.list.elements.order[0].orderDate = 'yesterday';
      sentIds = body.list.elements.order.map((o) => o.purchaseOrderId as string);
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const { connector } = connectorFor(sim, { fetchImpl: wrong });
    const page = await connector.fetchOrders(windowOf(T0 - DAY, T0), null);
    expect(sentIds.length).toBeGreaterThan(1);
    expect(page.records.map((o) => o.externalOrderId)).toEqual(sentIds.slice(1));
    expect(page.rejected).toEqual([{ kind: 'order', externalId: sentIds[0], reason: 'unreadable field orderDate (invalid_format)' }]);
  });

  it('a body whose envelope is of the wrong shape is malformed, naming only the field path', async () => {
    const wrong: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes('/v3/orders')) return res;
      const body = (await res.json()) as { list: { meta: Record<string, unknown> } };
      body.list.meta.nextCursor = 42;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const { connector } = connectorFor(sim, { fetchImpl: wrong });
    const err = await caught(connector.fetchOrders(windowOf(T0 - DAY, T0), null));
    expect(err.kind).toBe('malformed');
    expect(err.message).toBe('walmart.getAllOrders: unexpected response shape at list.meta.nextCursor');
  });
});

describe('tokens', () => {
  it('a token that expires mid-sync is refreshed once and the sync continues', async () => {
    // The connector's clock stands still while Walmart's moves on: it only learns of the expiry
    // from the 401. The window's orders were settled long before, so the answer is fixed.
    const { connector } = connectorFor(sim, { timer: simTimer(fixedClock(T0)) });
    const window = windowOf(T0 - 15 * DAY, T0 - 7 * DAY);
    const expected = expectedIds(sim, SMALL, T0 - 15 * DAY, T0 - 7 * DAY);
    const ids: string[] = [];
    let next: string | null = null;
    let page = 0;
    do {
      const p = await connector.fetchOrders(window, next);
      ids.push(...p.records.map((o) => o.externalOrderId));
      next = p.next;
      if (++page === 1) sim.clock.advance(16 * 60_000);
    } while (next);
    expect(page).toBeGreaterThan(1);
    expect(new Set(ids)).toEqual(expected);
    expect(ids).toHaveLength(expected.size);
    expect(sim.svc.sent(/^\/v3\/token$/)).toHaveLength(2);
    expect(statuses().filter((s) => s === 401)).toHaveLength(1);
  });

  it('repeated 401s after a refresh are an auth error (one refresh, not a loop)', async () => {
    const { connector } = connectorFor(sim);
    await connector.fetchListings(null);
    sim.svc.faults = { expireTokens: true };
    const err = await caught(connector.fetchOrders(windowOf(T0 - DAY, T0), null));
    expect(err.kind).toBe('auth');
    expect(err.message).toBe('walmart.getAllOrders: HTTP 401 (UNAUTHORIZED.GMP_GATEWAY_API)');
    expect(err.message).not.toContain(SMALL.clientSecret);
    expect(sim.svc.sent(/^\/v3\/token$/)).toHaveLength(2);
    expect(ordersCalls()).toHaveLength(2);
  });

  it('retries a token call that fails with 5xx, and never puts credentials in errors', async () => {
    sim.svc.faults = { rate503: 1, pathPattern: /^\/v3\/token$/ };
    const { connector } = connectorFor(sim);
    const err = await caught(connector.verify());
    expect(err.kind).toBe('transient');
    expect(sim.svc.sent(/^\/v3\/token$/)).toHaveLength(3);
    for (const s of [SMALL.clientId, SMALL.clientSecret, Buffer.from(`${SMALL.clientId}:${SMALL.clientSecret}`).toString('base64')]) {
      expect(err.message).not.toContain(s);
      expect(JSON.stringify(err.details)).not.toContain(s);
    }
    sim.svc.faults = {};
    await expect(connector.verify()).resolves.toMatchObject({ externalAccountId: SMALL.partnerId });
  });
});
