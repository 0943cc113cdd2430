// Tracking push benchmark (issue 11), printed, not asserted. 1,000 shipments ("Mark as shipped",
// the app's own lib/tracking/manual) across the three marketplace simulators over real HTTP,
// pushed by the app's tracking_push jobs (lib/tracking/push-job via lib/jobs drainJobs), one
// worker per marketplace account. 10% of the push writes are faulted: half answer 500 before
// anything is stored, half are stored and then answered after the connector's timeout (the
// answer is lost). Printed per backend:
//   pushes landed (goal 1,000), duplicate pushes at the marketplace (goal 0),
//   requests vs the minimum a fault-free run needs (goal <= 1.1x),
//   time vs the rate-limit bound (goal <= 1.2x). The simulators enforce each API's limits on
//   their own clock and the connectors wait on it (a simulated clock: sleeping advances it), so
//   "time" is the marketplaces' simulated time, the slowest of the three; the bound is what each
//   API's token buckets allow for the minimum requests. Real wall time is printed beside it.
import { sql } from 'drizzle-orm';
import { rowsOf, type Database, type Db } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { drainJobs } from '@/lib/jobs/tick';
import { walmartDefaultLimits as wl } from '@/lib/marketplaces/walmart/limits';
import { amazonDefaultLimits as al } from '@/lib/marketplaces/amazon/limits';
import type { Marketplace } from '@/lib/marketplaces/types';
import { markShipped } from '@/lib/tracking/manual';
import { openLines } from '@/lib/tracking/lines';
import { runAsService } from '@/lib/db/session';
import { pushRegistry, seedPushWorld, simConnector, startSims, WRITE_PATHS, type Sims } from '@/tests/support/push-world';
import { runPerBackend } from './backends';

const N = Number(process.env.BENCH_PUSHES ?? 1000);
const MS: Marketplace[] = ['walmart', 'amazon', 'ebay'];

/** Every 20th write answers 500 before storing, every 20th (offset) is stored and its answer lost. */
function injectFaults(sims: Sims, lostAfterMs: number): void {
  for (const m of MS) {
    const svc = sims[m].svc;
    svc.maxRecorded = 200_000;
    const handle = svc.handle.bind(svc);
    let n = 0;
    svc.handle = async (req: Request) => {
      const write = req.method === 'POST' && WRITE_PATHS[m].test(new URL(req.url).pathname);
      const k = write ? n++ % 20 : -1;
      if (k === 3) return svc.faultResponse('server_error');
      const res = await handle(req);
      if (k === 13) await new Promise((r) => setTimeout(r, lostAfterMs));
      return res;
    };
  }
}

async function bench(name: string, database: Database) {
  await migrate(database);
  const db: Db = database.db;
  const sims = await startSims({ dense: true });
  try {
    const w = await seedPushWorld(db, sims);
    const per = Math.ceil(N / 3);
    const chosen = MS.flatMap((m) => w.orders[m].slice(0, m === 'ebay' ? N - 2 * per : per).map((o) => ({ m, ...o })));
    if (chosen.length < N) throw new Error(`only ${chosen.length} open orders in the simulators`);
    // The minimum: per push, one read and one write; Walmart acknowledges Created lines first;
    // Amazon reads the order back after its 204.
    let minimum = 0;
    for (const o of chosen) {
      const lines = await runAsService(db, 'tests', (tx) => openLines(tx, o.id));
      const created = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from public.order_items where order_id = ${o.id} and marketplace_status = 'Created'`))[0].n;
      minimum += o.m === 'amazon' ? 3 : o.m === 'walmart' && Number(created) > 0 ? 3 : 2;
      const now = new Date(sims[o.m].clock.now());
      const out = await markShipped(db, w.operator, {
        orderId: o.id, carrier: 'UPS', service: 'Ground', trackingNumber: `1Z${o.m.slice(0, 2).toUpperCase()}${o.id.replace(/\D/g, '').slice(0, 14).padEnd(14, '7')}`,
        shipDate: now.toISOString().slice(0, 10), lines: lines.map((l) => ({ orderItemId: l.orderItemId, quantity: l.unshipped })),
      }, now);
      if (!out.ok) throw new Error(out.message);
    }
    const before = Object.fromEntries(MS.map((m) => [m, sims[m].svc.requests.length]));
    const t0 = Object.fromEntries(MS.map((m) => [m, sims[m].clock.now()]));
    injectFaults(sims, 400);
    const connectors = new Map(MS.map((m) => [w.accounts[m], simConnector(sims, m, undefined, { timeoutMs: 250 })]));
    const registry = pushRegistry((id) => connectors.get(id)!);
    const started = performance.now();
    // One worker per account, all at once; retries are due at once (backoff 1 ms).
    await Promise.all(
      MS.map(async (m) => {
        for (let i = 0; i < 50; i++) {
          const r = await drainJobs({ db, registry, accountId: w.accounts[m], budgetMs: 10 * 60_000 });
          if (!r.ran.length) break;
        }
      }),
    );
    const wallMs = performance.now() - started;
    const [{ pushed, failed }] = rowsOf<{ pushed: number; failed: number }>(
      await db.execute(sql`select count(*) filter (where tracking_push_status = 'pushed')::int as pushed,
        count(*) filter (where tracking_push_status = 'failed')::int as failed from public.shipments where source = 'manual'`),
    );
    let landed = 0;
    let duplicates = 0;
    let requests = 0;
    const simMs: Record<string, number> = {};
    for (const m of MS) {
      const reqs = sims[m].svc.requests.slice(before[m]).filter((r) => !/token/.test(r.path));
      requests += reqs.length;
      simMs[m] = sims[m].clock.now() - t0[m];
      const accepted = new Map<string, number>();
      for (const r of reqs) if (r.method === 'POST' && WRITE_PATHS[m].test(r.path) && r.status !== undefined && r.status < 300) accepted.set(r.path, (accepted.get(r.path) ?? 0) + 1);
      landed += accepted.size;
      duplicates += [...accepted.values()].reduce((n, c) => n + c - 1, 0);
    }
    const bound = rateLimitBound(chosen);
    const slowest = Math.max(...Object.values(simMs));
    const bm = (Object.entries(bound) as Array<[string, number]>).reduce((a, b) => (b[1] > a[1] ? b : a));
    console.log(`push (${name}): ${N} shipments (${MS.map((m) => `${m} ${chosen.filter((o) => o.m === m).length}`).join(', ')}), 10% of writes faulted (5% 500, 5% answer lost after a 250 ms timeout)`);
    console.log(`push (${name}): pushes landed ${landed} (goal ${N}; ESM shows ${pushed} pushed, ${failed} failed), duplicate pushes at the marketplace ${duplicates} (goal 0)`);
    console.log(`push (${name}): requests ${requests} vs minimum ${minimum} (${(requests / minimum).toFixed(2)}x, goal <= 1.1x)`);
    console.log(
      `push (${name}): marketplace time ${(slowest / 1000).toFixed(0)} s (${MS.map((m) => `${m} ${(simMs[m] / 1000).toFixed(0)} s`).join(', ')}) vs rate-limit bound ${(bm[1] / 1000).toFixed(0)} s (${bm[0]}) = ${(slowest / bm[1]).toFixed(2)}x (goal <= 1.2x); real wall time ${(wallMs / 1000).toFixed(1)} s`,
    );
  } finally {
    await sims.close();
  }
}

/** The least time each marketplace's buckets allow for the minimum requests (the busiest bucket). */
function rateLimitBound(chosen: Array<{ m: Marketplace }>): Record<Marketplace, number> {
  const n = (m: Marketplace) => chosen.filter((o) => o.m === m).length;
  const time = (calls: number, b: { ratePerSecond: number; burst: number }) => (Math.max(0, calls - b.burst) / b.ratePerSecond) * 1000;
  return {
    walmart: Math.max(time(n('walmart'), wl.getAnOrder), time(n('walmart'), wl.shippingUpdates)),
    amazon: Math.max(time(2 * n('amazon'), al.getOrder), time(n('amazon'), al.confirmShipment)),
    // eBay's Fulfillment API quota is daily (100,000 calls): no wait at this size.
    ebay: 0,
  };
}

await runPerBackend(bench);
