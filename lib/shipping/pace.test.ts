// Bulk labels paced to Shippo's rate limit: the pacer's own arithmetic, and a batch against the
// simulator enforcing the limit (on a clock running in real time, the minute scaled down) that
// buys every label without a single 429.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobRegistry } from '@/lib/jobs/registry';
import { drainJobs } from '@/lib/jobs/tick';
import { SimClock } from '@/sandbox/core/clock';
import { KEY, startShippo, T0, type Sim } from '@/sandbox/shippo/testkit';
import { backends, type TestDatabase } from '@/tests/support/db';
import { seedShipWorld, type ShipWorld } from '@/tests/support/shipping-world';
import { getBatch, registerLabelBatch, startBatch } from './batch';
import { Pacer, shippoPostsPerMinute } from './pace';
import { shippoClient } from './shippo';

describe('Pacer', () => {
  it("lets a burst of the window's allowance through, then one slot per window/limit", () => {
    let now = 0;
    const p = new Pacer(50, 60_000, () => now);
    for (let i = 0; i < 50; i++) expect(p.reserve()).toBe(0);
    expect(p.reserve()).toBe(1200);
    expect(p.reserve()).toBe(2400); // reservations queue up
    now = 2400;
    expect(p.reserve()).toBe(1200);
    now = 10 * 60_000; // idle long enough: the burst is back, never more
    for (let i = 0; i < 50; i++) expect(p.reserve()).toBe(0);
    expect(p.reserve()).toBeGreaterThan(0);
  });

  it("uses Shippo's documented POST limits: 500 a minute live, 50 with a test key", () => {
    expect(shippoPostsPerMinute('shippo_live_abc')).toBe(500);
    expect(shippoPostsPerMinute('shippo_test_abc')).toBe(50);
    expect(() => new Pacer(0)).toThrow();
  });
});

const ORDERS = 15;
const SPENT = 45; // of the minute's 50: another batch of this key used them a moment ago

describe.each(backends)('a paced label batch on $name', (backend) => {
  let t: TestDatabase;
  let sim: Sim;
  let w: ShipWorld;
  beforeAll(async () => {
    t = await backend.open();
    const since = Date.now();
    // Shippo's real test-key limit (50 POSTs a minute per endpoint) on a clock running in real time.
    sim = await startShippo({ clock: new SimClock(() => T0 + (Date.now() - since)), rateLimits: true });
    w = await seedShipWorld(t.database.db, ORDERS);
  });
  afterAll(async () => {
    await sim?.close();
    await t?.cleanup();
  });

  it('buys every label within the limit, never answered 429', async () => {
    const db = t.database.db;
    const limit = shippoPostsPerMinute(KEY);
    const pace = new Pacer(limit, 60_000);
    // Five requests left in the minute, in the simulator and in the pacer alike. Unpaced, the
    // batch outruns the refill (one request per 1.2 s) within a few orders and meets 429s.
    for (let i = 0; i < SPENT; i++) {
      pace.reserve();
      for (const endpoint of ['address', 'shipment', 'transaction']) sim.svc.limiter.take(`${KEY}|${endpoint}|post`, limit);
    }
    const registry = registerLabelBatch(new JobRegistry(), () => shippoClient({ baseUrl: sim.url, apiKey: KEY }), pace);
    sim.svc.requests.length = 0;
    const started = Date.now();
    const batch = await startBatch(db, w.operator, w.orgId, { orderIds: w.ready, rule: 'cheapest', presetId: w.presetId, shipFromId: '' }, registry);
    if (!batch.ok) throw new Error(batch.message);
    await drainJobs({ db, registry, kinds: ['label_batch'], budgetMs: 120_000 });
    const results = Object.values((await getBatch(db, w.operator, batch.jobId))!.results);
    expect(results.filter((r) => r.outcome === 'bought')).toHaveLength(ORDERS);
    expect(sim.svc.requests.filter((r) => r.status === 429)).toHaveLength(0);
    // The 10 orders past the 5 left waited for their slots, 1.2 s apart.
    expect(Date.now() - started).toBeGreaterThanOrEqual((ORDERS - (limit - SPENT)) * 1200 - 1200);
  }, 120_000);
});
