// `npm run bench:sync`: 100k orders (2 items and a buyer each) from a zero-latency Walmart
// simulator through the full connector path (HTTP, zod, mapping, engine, unnest upserts), against
// a raw unnest upsert of the same rows in the same run and database. Prints figures; asserts
// nothing. BENCH_ORDERS changes the size; DATABASE_URL adds a PostgreSQL run.
// BENCH_WITHOUT=workspace-indexes (the Orders page's sort and search indexes, issue 14) and/or
// rollups (the report rollup triggers, issue 13) runs the same bench without them, to measure
// what they cost a sync.
import crypto from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@/lib/db/connect';
import { runPerBackend } from './backends';
import { migrate } from '@/lib/db/migrate';
import { saveConnection } from '@/lib/accounts/connect';
import { RateLimits } from '@/lib/marketplaces/http';
import { buildConnector } from '@/lib/marketplaces/registry';
import { connectorsFromDatabase } from '@/lib/sync/connectors';
import { runDueJobs } from '@/lib/sync/worker';
import { upsertOrders } from '@/lib/sync/upsert-orders';
import type { NormalizedOrder } from '@/lib/marketplaces/types';
import { fixedClock } from '@/sandbox/core/clock';
import { simOrder, type AccountProfile } from '@/sandbox/core/catalog';
import { startService } from '@/sandbox/core/server';
import { WalmartSandbox } from '@/sandbox/walmart';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { benchAmazon } from './amazon-rate-bound';

const N = Number(process.env.BENCH_ORDERS ?? 100_000);
const PAGE = 200; // Walmart's maximum page size
const T0 = Date.UTC(2026, 9, 1);
const keys = [{ id: 'bench', key: crypto.randomBytes(32) }];
const WITHOUT = (process.env.BENCH_WITHOUT ?? '').split(',').filter(Boolean);
const WORKSPACE_INDEXES = [
  'orders_org_awaiting_idx', 'orders_org_marketplace_idx', 'orders_org_number_idx', 'orders_org_on_hold_idx', 'orders_org_open_ordered_idx',
  'orders_org_ship_by_all_idx', 'orders_org_status_rank_idx', 'orders_org_total_idx', 'order_items_org_sku_lower_idx',
  'order_items_org_title_trgm_idx', 'order_buyers_org_name_trgm_idx',
];

/** Takes away what BENCH_WITHOUT names, in this throwaway database. */
async function without(db: Database['db']): Promise<string> {
  for (const w of WITHOUT) {
    if (w === 'workspace-indexes') {
      for (const i of WORKSPACE_INDEXES) await db.execute(sql.raw(`drop index public.${i}`));
      // The items' line index carries org_id and title for the title search (20261206002600):
      // without the workspace it is the plain unique (order_id, line_id) the upsert needs.
      await db.execute(sql`drop index public.order_items_order_line_uidx`);
      await db.execute(sql`create unique index order_items_order_line_uidx on public.order_items (order_id, line_id)`);
    } else if (w === 'rollups') {
      const triggers = rowsOf<{ t: string; g: string }>(
        await db.execute(sql`select c.relname as t, g.tgname as g from pg_trigger g join pg_class c on c.oid = g.tgrelid
          where c.relnamespace = 'public'::regnamespace and c.relname in ('orders', 'order_items', 'order_buyers') and g.tgname like 'report%'`),
      );
      for (const x of triggers) await db.execute(sql.raw(`alter table public.${x.t} disable trigger ${x.g}`));
    } else {
      throw new Error(`BENCH_WITHOUT: unknown "${w}" (workspace-indexes, rollups)`);
    }
  }
  return WITHOUT.length ? ` (without ${WITHOUT.join(', ')})` : '';
}

function rssSampler() {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
  return { stop: () => (clearInterval(timer), Math.max(peak, process.memoryUsage().rss)) };
}

/** The same rows as the connector produces, written by a plain unnest upsert (the baseline). */
function rawOrder(profile: AccountProfile, i: number): NormalizedOrder {
  const o = simOrder(profile, i);
  const subtotal = o.lines.reduce((s, l) => s + l.item.price * l.quantity, 0);
  return {
    externalOrderId: `RAW-${i}`, status: 'unshipped', marketplaceStatus: 'Created', orderedAt: new Date(o.createdAt), updatedAt: new Date(o.createdAt),
    shipBy: new Date(o.shipBy), deliverBy: new Date(o.deliverBy), shippedAt: null, deliveredAt: null, cancelledAt: null, currency: 'USD',
    subtotal: subtotal.toFixed(2), shippingTotal: '0.00', taxTotal: '0.00', total: subtotal.toFixed(2),
    items: o.lines.map((l) => ({ lineId: String(l.lineNumber), sku: l.item.sku, title: l.item.title, quantity: l.quantity, quantityShipped: 0, unitPrice: l.item.price.toFixed(2), marketplaceStatus: 'Created' })),
    buyer: { buyerRef: null, name: o.buyer.name, addressLine1: o.buyer.address1, addressLine2: o.buyer.address2, addressLine3: null, city: o.buyer.city, region: o.buyer.state, postalCode: o.buyer.postalCode, country: 'US', phone: o.buyer.phone, email: null },
  };
}

async function benchBackend(name: string, database: Database): Promise<void> {
  const db = database.db;
  await migrate(database);
  const variant = await without(db);
  const owner = await createUser(db);
  const orgId = await createOrg(db, `bench-${name}`, [[owner, 'owner']]);
  const profile: AccountProfile = { seed: `bench-${crypto.randomUUID()}`, epochMs: T0 - N * 60_000, intervalMs: 60_000, maxOrders: N, linesPerOrder: 2 };
  const clock = fixedClock(T0 + 60_000);
  const account = { clientId: 'bench-client', clientSecret: 'bench-secret', partnerId: '10000000001', sellerId: '100000001', name: 'Bench', profile };
  const svc = new WalmartSandbox({ clock, accounts: [account], rateLimits: { getAllOrders: { perMinute: 1_000_000 } } });
  svc.maxRecorded = 10;
  const sim = await startService(svc, { port: 0 });
  const marketplaces = {
    walmart: { baseUrl: sim.url },
    amazon: { region: 'na' as const, marketplaceIds: [], sellerCentralUrl: sim.url, endpointOverride: null, app: null },
    ebay: { apiBaseUrl: sim.url, authBaseUrl: sim.url, marketplaceId: 'EBAY_US', app: null },
    shippo: { baseUrl: sim.url, apiKey: null },
  };
  try {
    const credentials = { clientId: account.clientId, clientSecret: account.clientSecret };
    const identity = await buildConnector('walmart', credentials, { marketplaces, limits: new RateLimits() }).verify();
    const saved = await saveConnection(db, keys, { orgId, userId: owner.sub, marketplace: 'walmart', identity, credentials }, T0);
    if (!saved.ok) throw new Error(`connect failed: ${saved.reason}`);

    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const rss = rssSampler();
    const started = performance.now();
    await runDueJobs({
      db,
      connectorFor: connectorsFromDatabase(db, keys, { marketplaces, limits: new RateLimits() }),
      now: () => clock.now(),
      budgetMs: 24 * 3600_000,
      kinds: ['sync_orders'],
      lookbackMs: (N + 10) * 60_000,
    });
    const syncSeconds = (performance.now() - started) / 1000;
    const peak = rss.stop();
    const [run] = rowsOf<{ n: number; calls: number; status: string; error: string | null }>(
      await db.execute(sql`select (select count(*)::int from public.orders where org_id = ${orgId}) as n, api_calls as calls, status, error
        from public.sync_runs where org_id = ${orgId} order by started_at desc limit 1`),
    );
    if (run.n !== N) throw new Error(`expected ${N} orders, synced ${run.n} (${run.status} ${run.error ?? ''})`);

    // Baseline: the same number of rows, same shape, same batch size, straight into the tables.
    const rawScope = { orgId, accountId: saved.accountId, marketplace: 'walmart' as const };
    const rawStarted = performance.now();
    for (let start = 0; start < N; start += PAGE) {
      const batch = Array.from({ length: Math.min(PAGE, N - start) }, (_, k) => rawOrder(profile, start + k));
      await db.transaction((tx) => upsertOrders(tx, rawScope, batch));
    }
    const rawSeconds = (performance.now() - rawStarted) / 1000;
    // One token call and one call per full page; the connect-time verify() is not part of the run.
    const minimum = 1 + Math.ceil(N / PAGE);
    const syncRate = N / syncSeconds;
    const rawRate = N / rawSeconds;
    console.log(
      [
        ...(variant ? [`[${name}]${variant}`] : []),
        `[${name}] full connector path: ${N} orders (${2 * N} items, ${N} buyers) in ${syncSeconds.toFixed(1)} s = ${Math.round(syncRate)} orders/s`,
        `[${name}] raw unnest upsert:   ${N} orders in ${rawSeconds.toFixed(1)} s = ${Math.round(rawRate)} orders/s`,
        `[${name}] ratio sync/raw: ${(syncRate / rawRate).toFixed(2)} (goal >= 0.5)`,
        `[${name}] marketplace requests: ${run.calls} vs minimum ${minimum} = ${(run.calls / minimum).toFixed(3)}x (goal <= 1.05x)`,
        `[${name}] peak RSS during sync: ${(peak / 1024 / 1024).toFixed(0)} MB (goal <= 300 MB); ${(rssBefore / 1024 / 1024).toFixed(0)} MB before it started`,
      ].join('\n'),
    );
  } finally {
    await sim.close();
  }
}

await runPerBackend(benchBackend, { amazon: benchAmazon });
