// Label purchase benchmark (issue 10), printed, not asserted. Runs the app's own purchase
// function (lib/shipping/purchase.buyLabel, what the order page calls) against the Shippo
// simulator over real HTTP, on PGlite and, with DATABASE_URL, on a fresh PostgreSQL database
// with a pool of connections, so concurrent attempts really are separate transactions.
//   concurrent: N attempts on one order, each with its own freshly quoted rate (so Shippo's
//   one-purchase-per-rate rule cannot help): how many Shippo transactions were created.
// The bulk figures (500 orders with injected faults) need the label batch job, not built yet.
import crypto from 'node:crypto';
import { openDatabase, type Database } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { startService } from '@/sandbox/core/server';
import { fixedClock } from '@/sandbox/core/clock';
import { ShippoSandbox } from '@/sandbox/shippo';
import { KEY, T0 } from '@/sandbox/shippo/testkit';
import { buyLabel } from '@/lib/shipping/purchase';
import { quoteForOrder } from '@/lib/shipping/quote';
import { shippoClient } from '@/lib/shipping/shippo';
import { seedShipWorld } from '@/lib/shipping/test-data';

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
        `(${outcomes.filter((o) => o.ok).length} succeeded, ${posts} POST /transactions, ${Math.round(ms)} ms)`,
    );
  } finally {
    await run.close();
    await db.close();
  }
}

async function main() {
  await concurrent(null);
  if (process.env.DATABASE_URL) await concurrent(process.env.DATABASE_URL);
  console.log('bulk: not measured (the label batch job is not built yet)');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
