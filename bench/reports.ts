// `npm run bench:reports`: every report over 365 days for an organization with 1M orders (beside
// 99 small ones, one of them with 10k orders) on PostgreSQL (DATABASE_URL), run as a viewer under
// RLS exactly as the page runs them. Prints the time per report (p50 / p95 over BENCH_RUNS runs,
// the whole transaction: every query of the report and its round trips); asserts nothing.
// Goals (issue 13): p95 ≤ 300 ms at 1M orders, ≤ 20 ms at 10k. BENCH_BIG changes the big size;
// BENCH_REPORTS=labels,skus runs only those reports.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type Database, type Tx } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { runAsUser, type Claims } from '@/lib/db/session';
import { runReport } from '@/lib/reports';
import { parseReportQuery } from '@/lib/reports/params';
import { addDays, localDate } from '@/lib/reports/range';
import { REPORT_NAMES } from '@/lib/reports/types';
import { createOrg, createUser } from '@/tests/support/fixtures';

const BIG = Number(process.env.BENCH_BIG ?? 1_000_000);
const MEDIUM = 10_000;
const SMALL = 1_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
/** BENCH_REPORTS=labels,skus measures only those (all by default). */
const ONLY = process.env.BENCH_REPORTS?.split(',');
const url = process.env.DATABASE_URL;

/**
 * Bulk rows go in with triggers off (session_replication_role = replica: the rows are consistent
 * by construction), then the organization's rollups are built by private.report_rebuild, the
 * function a time zone change runs. Row-by-row maintenance is what lib/reports/rollups.test.ts
 * proves; here it would only make a million-row seed take an hour on a shared server.
 */
async function seedOrg(database: Database, name: string, orders: number, viewer?: Claims): Promise<string> {
  const orgId = await createOrg(database.db, name, viewer ? [[viewer, 'viewer']] : []);
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await seedRows(tx, orgId, name, orders);
  });
  await database.db.execute(sql`analyze public.orders, public.order_items, public.order_buyers`);
  await database.db.execute(sql`select private.report_rebuild(${orgId}::uuid)`);
  return orgId;
}

async function seedRows(db: Tx, orgId: string, name: string, orders: number): Promise<void> {
  const per = Math.ceil(orders / 3);
  for (const marketplace of ['walmart', 'amazon', 'ebay'] as const) {
    const [acct] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id, last_sync_succeeded_at)
      values (${orgId}::uuid, ${marketplace}, ${`${marketplace} ${name}`}, ${crypto.randomUUID()}, now() - interval '7 minutes') returning id`));
    // A year of orders, statuses and money spread like a real store's; times uniform over 365 days.
    await db.execute(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status,
        ordered_at, marketplace_updated_at, ship_by, shipped_at, delivered_at, cancelled_at, subtotal, shipping_total, tax_total, total, item_count)
      select ${orgId}::uuid, ${acct.id}::uuid, ${marketplace}, 'O-' || g, st, st, t, t, t + interval '2 days',
        case when st in ('shipped', 'delivered') then t + interval '30 hours' end,
        case when st = 'delivered' then t + interval '4 days' end,
        case when st = 'cancelled' then t + interval '5 hours' end,
        sub, ship, tax, sub + ship + tax, 1 + (g % 3)
      from (select g, x0.t,
              -- Open (unshipped, pending, partially shipped) only in the last 10 days, as in a store
              -- that ships: older orders of those kinds were delivered.
              case when x0.t < now() - interval '10 days' and g % 8 in (0, 6, 7) then 'delivered'
                else (array['unshipped', 'shipped', 'delivered', 'delivered', 'delivered', 'cancelled', 'pending', 'partially_shipped'])[1 + g % 8] end as st,
              round((5 + random() * 95)::numeric, 2) as sub, round((random() * 8)::numeric, 2) as ship, round((random() * 6)::numeric, 2) as tax
            from (select g, now() - random() * interval '365 days' as t from generate_series(1, ${per}) g) x0) x`);
    await db.execute(sql`insert into public.sync_runs (org_id, marketplace_account_id, kind, trigger, status, started_at, finished_at, api_calls, error)
      select ${orgId}::uuid, ${acct.id}::uuid, 'orders', 'schedule', case when g % 40 = 0 then 'failed' else 'succeeded' end,
        now() - g * interval '10 minutes', now() - g * interval '10 minutes' + interval '4 seconds', 1 + g % 5,
        case when g % 40 = 0 then 'HTTP 503' end
      from generate_series(1, ${Math.min(52_560, Math.ceil(orders / 20))}) g`);
  }
  await db.execute(sql`insert into public.order_items (org_id, order_id, line_id, sku, title, quantity, unit_price)
    select o.org_id, o.id, '1', 'SKU-' || (abs(hashtext(o.external_order_id)) % 500), 'Item', o.item_count, round(o.subtotal / o.item_count, 2)
    from public.orders o where o.org_id = ${orgId}::uuid`);
  await db.execute(sql`insert into public.order_buyers (order_id, org_id, country, region)
    select o.id, o.org_id, 'US', (array['CA', 'NY', 'TX', 'FL', 'WA', 'IL', 'PA', 'OH', 'GA', 'NC'])[1 + abs(hashtext(o.id::text)) % 10]
    from public.orders o where o.org_id = ${orgId}::uuid`);
  await db.execute(sql`insert into public.shipments (org_id, order_id, status, carrier, service_level, label_cost, currency, created_at)
    select o.org_id, o.id, case when abs(hashtext(o.id::text)) % 20 = 0 then 'refunded' else 'purchased' end,
      'usps', case when o.item_count > 1 then 'usps_priority' else 'usps_ground_advantage' end,
      round((4 + random() * 9)::numeric, 2), 'USD', o.shipped_at
    from public.orders o where o.org_id = ${orgId}::uuid and o.shipped_at is not null`);
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function measure(database: Database, viewer: Claims, orgId: string, label: string): Promise<void> {
  const now = new Date();
  const to = localDate(now, 'UTC');
  const parsed = parseReportQuery({ from: addDays(to, -364), to }, { orgId, timeZone: 'UTC', now });
  if (!parsed.ok) throw new Error(parsed.error);
  console.log(`\n${label}: each report over 365 days, ${RUNS} runs (ms)`);
  console.log('report       p50      p95');
  for (const name of REPORT_NAMES.filter((n) => !ONLY || ONLY.includes(n))) {
    await runAsUser(database.db, viewer, (tx) => runReport(tx, name, parsed.value)); // warm the cache
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await runAsUser(database.db, viewer, (tx) => runReport(tx, name, parsed.value));
      times.push(performance.now() - t0);
    }
    console.log(`${name.padEnd(10)} ${pct(times, 50).toFixed(1).padStart(7)} ${pct(times, 95).toFixed(1).padStart(8)}`);
  }
}

/** The bench database: built once (minutes on a shared server), reused by later runs. */
const DB_NAME = process.env.BENCH_DB ?? 'esm_bench_reports';

async function main() {
  if (!url) {
    console.error('bench:reports measures PostgreSQL: set DATABASE_URL (a server where it may create a database of its own).');
    process.exit(1);
  }
  if (!/^[a-z_][a-z0-9_]*$/.test(DB_NAME)) throw new Error(`BENCH_DB must be a plain identifier, not ${DB_NAME}`);
  const { default: postgres } = await import('postgres');
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${DB_NAME}`).length > 0;
  if (exists && process.env.BENCH_REBUILD) await admin.unsafe(`drop database ${DB_NAME} with (force)`);
  if (!exists || process.env.BENCH_REBUILD) await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end();
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ databaseUrl: dbUrl.toString(), maxConnections: 4 });
  try {
    await migrate(database);
    // The viewers' ids are kept in the organizations' names so a later run finds them again.
    const found = rowsOf<{ id: string; name: string }>(await database.db.execute(sql`select id, name from public.organizations where name like 'Bench %'`));
    let big = found.find((o) => o.name.startsWith('Bench Big '));
    let medium = found.find((o) => o.name.startsWith('Bench Medium '));
    if (!big || !medium || found.length < 100) {
      if (found.length) throw new Error(`${DB_NAME} holds a partial bench dataset: run again with BENCH_REBUILD=1`);
      const t0 = performance.now();
      const bigViewer = await createUser(database.db);
      const mediumViewer = await createUser(database.db);
      big = { id: await seedOrg(database, `Bench Big ${bigViewer.sub}`, BIG, bigViewer), name: '' };
      medium = { id: await seedOrg(database, `Bench Medium ${mediumViewer.sub}`, MEDIUM, mediumViewer), name: '' };
      for (let i = 0; i < 98; i++) await seedOrg(database, `Bench Small ${i}`, SMALL);
      await database.db.execute(sql`vacuum analyze`);
      console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      big.name = `Bench Big ${bigViewer.sub}`;
      medium.name = `Bench Medium ${mediumViewer.sub}`;
    }
    const viewerOf = (name: string): Claims => ({ sub: name.split(' ').at(-1)!, role: 'authenticated' });
    const [{ n }] = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from public.orders`));
    const [{ v }] = rowsOf<{ v: string }>(await database.db.execute(sql`select current_setting('server_version') as v`));
    console.log(`PostgreSQL ${v}, database ${DB_NAME}: ${n.toLocaleString('en-US')} orders in ${found.length || 100} organizations`);
    await measure(database, viewerOf(big.name), big.id, `${BIG.toLocaleString('en-US')}-order organization (goal p95 <= 300 ms)`);
    await measure(database, viewerOf(medium.name), medium.id, `${MEDIUM.toLocaleString('en-US')}-order organization (goal p95 <= 20 ms)`);
  } finally {
    await database.close();
  }
}

await main();
