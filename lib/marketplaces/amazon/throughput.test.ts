// The benchmark's check in miniature: a window of several thousand orders under the real default
// usage plans (in the connector and in the simulator), on simulated time. The run must make the
// minimum number of requests and finish within 1.1x of the time the limits imply.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { AMAZON_DEMO_CLIENT_ID, type AmazonAccount } from '@/sandbox/amazon';
import { RateLimits } from '@/lib/marketplaces/http';
import { amazonDefaultLimits } from './limits';
import { connectorFor, DAY, expectedOrders, lwaRequests, MINUTE, NOW, SimTimer, spRequests, startSim, type Sim } from '@/tests/support/marketplaces/amazon';

// An order every two minutes for a week, three weeks ago: every timeline (≤ 6 days) is over, so
// the population does not move while simulated hours pass.
const BIG: AmazonAccount = {
  sellingPartnerId: 'A5ESMBIG000001',
  name: 'Big seller (sandbox)',
  profile: { seed: 'esm-amazon-big', epochMs: NOW - 27 * DAY, intervalMs: 2 * MINUTE, maxOrders: 7 * 720 },
  refreshTokens: { 'Atzr|esm-big-seller': AMAZON_DEMO_CLIENT_ID },
};

let sim: Sim;
beforeAll(async () => {
  sim = await startSim([BIG]);
});
afterAll(() => sim.close());

it('syncs a large window at the minimum request count and within 1.1x of the rate-limit bound', async () => {
  const timer = new SimTimer(sim.clock);
  const c = connectorFor(sim, { account: BIG, timer, limits: new RateLimits(timer), retry: { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 } });
  // The engine's first sync: thirty days back to "now".
  const w = { updatedFrom: new Date(NOW - 30 * DAY), updatedTo: new Date(NOW) };
  const want = expectedOrders(BIG, w.updatedFrom.getTime(), w.updatedTo.getTime(), NOW);
  expect(want.size).toBe(7 * 720);
  const start = timer.now();
  const seen = new Set<string>();
  let page: string | null = null;
  do {
    const p = await c.fetchOrders(w, page);
    for (const o of p.records) seen.add(o.externalOrderId);
    page = p.next;
  } while (page);
  const elapsedS = (timer.now() - start) / 1000;

  expect(seen).toEqual(new Set(want.keys()));
  const pages = Math.ceil(want.size / 100);
  expect(pages).toBe(51);
  expect(c.apiCalls).toBe(pages);
  expect(spRequests(sim).every((r) => r.status === 200)).toBe(true); // never throttled: our buckets match Amazon's
  // More than an hour of simulated time: the shared token was renewed ahead of expiry, never refused.
  expect(lwaRequests(sim)).toHaveLength(2);

  const { ratePerSecond, burst } = amazonDefaultLimits.searchOrders;
  const bound = (pages - burst) / ratePerSecond;
  expect(elapsedS).toBeGreaterThanOrEqual(bound * 0.99);
  expect(elapsedS).toBeLessThanOrEqual(bound * 1.1);
});
