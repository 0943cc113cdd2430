// Label purchase benchmark (issue 10), printed, not asserted. Runs the app's own purchase
// function (lib/shipping/purchase.buyLabel, what the order page calls) against the Shippo
// simulator over real HTTP, on PGlite and, with DATABASE_URL, on a fresh PostgreSQL database
// with a pool of connections, so concurrent attempts really are separate transactions.
//   concurrent: N attempts on one order, each with its own freshly quoted rate (so Shippo's
//   one-purchase-per-rate rule cannot help): how many Shippo transactions were created.
//   bulk: BENCH_BULK orders through the label_batch job with ~10% of purchases faulted (a timeout
//   after Shippo created the label, a 500 before it did, a 429 as from another process sharing
//   the key; the batch settles what it can itself), then a person's Retry of what is left, through
//   the same function as the button: labels, Shippo transactions, duplicates, orders
//   unresolved, requests against the minimum, and the wall time against the bound Shippo's rate
//   limit sets. The simulator enforces Shippo's test-key limits (50 POSTs per endpoint and minute,
//   the key the simulator's demo uses) on a clock that runs in real time, with the minute scaled
//   down to BENCH_WINDOW_S seconds (default 30) so the run is short; the batch paces itself to
//   the same limit, as the app's does to the configured key's.
import crypto from 'node:crypto';
import { openDatabase, type Database } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { startService } from '@/sandbox/core/server';
import { fixedClock, SimClock } from '@/sandbox/core/clock';
import { ShippoSandbox } from '@/sandbox/shippo';
import { KEY, T0 } from '@/sandbox/shippo/testkit';
import { buyLabel } from '@/lib/shipping/purchase';
import { getBatch, registerLabelBatch, retryBatch, startBatch } from '@/lib/shipping/batch';
import { Pacer, shippoPostsPerMinute } from '@/lib/shipping/pace';
import { JobRegistry } from '@/lib/jobs/registry';
import { drainJobs } from '@/lib/jobs/tick';
import { shipments } from '@/lib/db/schema';
import { quoteForOrder } from '@/lib/shipping/quote';
import { shippoClient } from '@/lib/shipping/shippo';
import { seedShipWorld } from '@/tests/support/shipping-world';

const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 100);

async function open(url: string | null): Promise<{ name: string; database: Database; close(): Promise<void> }> {
  if (!url) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database);
    return { name: 'pglite', database, close: () => database.close() };
  }
  const { default: postgres } = await import('postgres');
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const name = `esm_bench_${crypto.randomBytes(6).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: u.toString(), maxConnections: 40 });
  await migrate(database);
  return {
    name: 'postgres',
    database,
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

async function concurrent(url: string | null) {
  const db = await open(url);
  const svc = new ShippoSandbox({ clock: fixedClock(T0), keys: [KEY], rateLimits: false });
  const run = await startService(svc, { port: 0 });
  try {
    const w = await seedShipWorld(db.database.db, 1);
    const deps = { db: db.database.db, shippo: shippoClient({ baseUrl: run.url, apiKey: KEY }) };
    const orderId = w.ready[0];
    const rateIds: string[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      const q = await quoteForOrder(deps, w.operator, { orderId, shipFromId: null, presetId: w.presetId });
      if (!q.ok) throw new Error(q.message);
      rateIds.push(q.quote.rates[0].id);
    }
    const started = performance.now();
    const outcomes = await Promise.all(rateIds.map((rateId) => buyLabel(deps, w.operator, { orderId, rateId })));
    const ms = performance.now() - started;
    const created = [...svc.world.transactions.byId.values()].filter((t) => t.outcome.kind !== 'error').length;
    const posts = svc.requests.filter((r) => r.method === 'POST' && r.path === '/transactions').length;
    console.log(
      `concurrent (${db.name}): ${ATTEMPTS} attempts on one order -> ${created} Shippo transaction${created === 1 ? '' : 's'} ` +
        `(${outcomes.filter((o) => o.ok).length} attempts answered with that label, the rest refused; ${posts} POST /transactions, ${Math.round(ms)} ms)`,
    );
  } finally {
    await run.close();
    await db.close();
  }
}

const BULK = Number(process.env.BENCH_BULK ?? 500);
/** Shippo's per-minute limits applied per this window (the minute scaled down). */
const WINDOW_MS = Number(process.env.BENCH_WINDOW_S ?? 30) * 1000;

/** The simulator with the bench's faults on POST /transactions: ~3.3% each kind. */
class FaultyShippo extends ShippoSandbox {
  private n = 0;
  injected429 = 0;
  async handle(req: Request): Promise<Response> {
    const purchase = req.method === 'POST' && new URL(req.url).pathname === '/transactions';
    const k = purchase ? this.n++ % 30 : -1;
    if (k === 7) return this.faultResponse('server_error'); // before anything was bought
    if (k === 17) {
      this.injected429++;
      return throttled();
    }
    const res = await super.handle(req);
    if (k === 27) await new Promise((r) => setTimeout(r, 1500)); // after the label was created
    return res;
  }
}
const throttled = () =>
  new Response(JSON.stringify({ detail: 'Request was throttled. Expected available in 1 second.' }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' } });

async function bulk(url: string | null) {
  const db = await open(url);
  // Simulated time runs with real time (from T0), so the simulator's buckets refill as the run goes.
  const since = Date.now();
  const svc = new FaultyShippo({ clock: new SimClock(() => T0 + (Date.now() - since)), keys: [KEY], rateLimits: true, rateLimitWindowMs: WINDOW_MS });
  const run = await startService(svc, { port: 0 });
  try {
    const w = await seedShipWorld(db.database.db, BULK);
    const registry = new JobRegistry();
    const shippo = shippoClient({ baseUrl: run.url, apiKey: KEY, timeoutMs: 1000 });
    const limit = shippoPostsPerMinute(KEY);
    registerLabelBatch(registry, () => shippo, new Pacer(limit, WINDOW_MS));
    const drain = () => drainJobs({ db: db.database.db, registry, kinds: ['label_batch'], budgetMs: 3_600_000 });
    svc.requests.length = 0;
    const started = performance.now();
    const first = await startBatch(db.database.db, w.operator, w.orgId, { orderIds: w.ready, rule: 'cheapest', presetId: w.presetId, shipFromId: '' }, registry);
    if (!first.ok) throw new Error(first.message);
    await drain();
    const one = (await getBatch(db.database.db, w.operator, first.jobId))!;
    const failed = w.ready.filter((id) => one.results[id]?.outcome !== 'bought');
    // "Retry" as a person would press it (the same function as the button): again while
    // something is left, at most 3 times.
    let left = failed;
    let rounds = 0;
    let last = first.jobId;
    while (left.length && rounds < 3) {
      rounds++;
      const again = await retryBatch(db.database.db, w.operator, last, registry);
      if (!again.ok) throw new Error(again.message);
      await drain();
      const res = (await getBatch(db.database.db, w.operator, again.jobId))!;
      left = left.filter((id) => res.results[id]?.outcome !== 'bought');
      last = again.jobId;
    }
    const retried = failed.length - left.length;
    const ms = performance.now() - started;
    const rows = await db.database.db.select().from(shipments);
    const labelled = new Set(rows.filter((r) => r.status === 'purchased').map((r) => r.orderId));
    const txs = [...svc.world.transactions.byId.values()].filter((t) => t.outcome.kind === 'success');
    const perShipment = new Map<string, number>();
    for (const t of txs) perShipment.set((t.rate?.shipment.wire.object_id as string | undefined) ?? t.id, (perShipment.get((t.rate?.shipment.wire.object_id as string | undefined) ?? t.id) ?? 0) + 1);
    const shipmentsPerOrder = new Map<string, number>();
    for (const r of rows) if (r.shippoShipmentId && perShipment.has(r.shippoShipmentId)) shipmentsPerOrder.set(r.orderId, (shipmentsPerOrder.get(r.orderId) ?? 0) + perShipment.get(r.shippoShipmentId)!);
    const duplicates = [...shipmentsPerOrder.values()].reduce((n, c) => n + Math.max(0, c - 1), 0);
    const requests = svc.requests.length;
    const minimum = BULK * 3; // per order: validate the address, create the shipment, buy
    // Each endpoint takes BULK POSTs at least; the first `limit` are the bucket's burst, the rest
    // come at `limit` per window.
    const boundMs = (Math.max(0, BULK - limit) / limit) * WINDOW_MS;
    const refused = svc.requests.filter((r) => r.status === 429);
    const throttled = refused.length;
    const byPath = new Map<string, number>();
    for (const r of refused) byPath.set(`${r.method} ${r.path.replace(/\/[0-9a-f]{32}.*$/, '/…')}`, (byPath.get(`${r.method} ${r.path.replace(/\/[0-9a-f]{32}.*$/, '/…')}`) ?? 0) + 1);
    console.log(`bulk (${db.name}): ${BULK} orders, ~10% of purchases faulted -> ${labelled.size} labels bought (${BULK - failed.length} first pass, ${retried} by ${rounds} person's retr${rounds === 1 ? 'y' : 'ies'}; passing faults settled inside the batch)`);
    console.log(`bulk (${db.name}): Shippo transactions ${txs.length}, duplicates ${duplicates}, orders unresolved after retry ${BULK - labelled.size}`);
    console.log(`bulk (${db.name}): requests ${requests} vs minimum ${minimum} (${(requests / minimum).toFixed(2)}x), ${throttled} answered 429 (${svc.injected429} of them injected; by request: ${[...byPath].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'})`);
    console.log(
      `bulk (${db.name}): wall time ${(ms / 1000).toFixed(1)} s vs bound ${(boundMs / 1000).toFixed(1)} s (${(ms / boundMs).toFixed(2)}×) ` +
        `[Shippo test-key limit ${limit} POST/min per endpoint, the minute scaled down to ${WINDOW_MS / 1000} s]`,
    );
  } finally {
    await run.close();
    await db.close();
  }
}

async function main() {
  await concurrent(null);
  if (process.env.DATABASE_URL) await concurrent(process.env.DATABASE_URL);
  await bulk(null);
  if (process.env.DATABASE_URL) await bulk(process.env.DATABASE_URL);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
