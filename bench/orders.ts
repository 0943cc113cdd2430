// `npm run bench:orders`: the Orders page at two scales, on PGlite and PostgreSQL (DATABASE_URL),
// as an operator under RLS through loadOrdersPage, the function the page itself calls. Each figure
// is the whole page: the withUser transaction with every statement the page runs (rows, tab
// counts, accounts). Datasets are built once into a database / PGlite folder of their own
// (esm_bench_orders_10k, esm_bench_orders_1m) and reused. Prints
// `<backend> <scale> <case>: p50 X ms p95 Y ms`; asserts nothing. BENCH_CASES (a regular
// expression) runs only the matching cases; bench/orders-explain.ts shows one page's plans.
// Goals (issue 14): p95 ≤ 10 ms at 10k orders per organization, ≤ 50 ms for the 1M-order one.
import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { runAsUser } from '@/lib/db/session';
import { tabCounts } from '@/lib/orders/counts';
import { listOrders } from '@/lib/orders/list';
import { loadOrdersPage } from '@/lib/orders/page-data';
import { parseOrderListParams } from '@/lib/orders/params';
import { runPerBackend } from './backends';
import { ensureDataset } from './orders-seed';

const SCALES = ['10k-per-org', '1M-org'] as const;
type Scale = (typeof SCALES)[number];
// 50 timed runs per case: with 20, "p95" is the second-slowest run, one scheduling hiccup.
const RUNS = Number(process.env.BENCH_RUNS ?? 50);
const TZ = 'America/New_York';
// Fewer organizations at the 10k scale (BENCH_ORGS, default 100), e.g. for PGlite on a busy machine.
const ORGS = Number(process.env.BENCH_ORGS ?? 100);
// Only the cases whose name matches this regular expression (BENCH_CASES='search|tab counts').
const ONLY = process.env.BENCH_CASES ? new RegExp(process.env.BENCH_CASES, 'i') : null;

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

async function bench(scale: Scale, backend: string, database: Database): Promise<void> {
  await migrate(database);
  const d = await ensureDataset(database, scale, ORGS);
  if (scale === '10k-per-org' && ORGS !== 100) console.log(`(${backend} ${scale}: ${ORGS} organizations of 10k orders, not 100)`);
  const claims = { sub: d.userId, role: 'authenticated' };
  const as = <T>(fn: Parameters<typeof runAsUser<T>>[2]) => runAsUser(database.db, claims, fn);
  const page = (q: Record<string, string>) => () =>
    as((tx) => loadOrdersPage(tx, d.orgId, parseOrderListParams(q), { now: d.now, timeZone: TZ, userId: d.userId })).then(() => undefined);

  // Real values to search for and filter by, read once.
  const pick = async (q: string) => rowsOf<Record<string, string>>(await database.db.execute(sql.raw(q)))[0];
  const { ext } = await pick(`select external_order_id as ext from public.orders where org_id = '${d.orgId}' order by ordered_at desc offset 100 limit 1`);
  const { sku } = await pick(`select sku from public.order_items where org_id = '${d.orgId}' limit 1`);
  const { trk } = await pick(`select tracking_number as trk from public.shipments where org_id = '${d.orgId}' and tracking_number is not null limit 1`);
  const { acct } = await pick(`select id as acct from public.marketplace_accounts where org_id = '${d.orgId}' limit 1`);
  // A whole buyer name: a few dozen orders at 10k, a few thousand of a million (between the
  // search's "1,000+" bound and what it collects).
  const { buyer } = await pick(`select name as buyer from public.order_buyers where org_id = '${d.orgId}' and anonymized_at is null and name is not null order by order_id limit 1`);
  const month = new Date(d.now.getTime() - 30 * 86_400_000).toISOString().slice(0, 10);
  // The keyset cursor of page 200, walked once.
  let after: string | undefined;
  if (!ONLY || ONLY.test('page 200 (keyset)')) for (let i = 1; i < 200; i++) after = (await as((tx) => listOrders(tx, d.orgId, parseOrderListParams(after ? { after } : {}), d.now))).next;

  const cases: Array<[string, () => Promise<void>]> = [
    ...['awaiting', 'hold', 'attention', 'shipped', 'delivered', 'cancelled', 'all'].map((tab): [string, () => Promise<void>] => [`tab ${tab} page 1`, page({ tab })]),
    ['page 200 (offset)', page({ page: '200' })],
    ['page 200 (keyset)', page({ page: '200', after: after ?? '' })],
    ['filter marketplace', page({ marketplace: 'amazon' })],
    ['filter account', page({ account: acct })],
    ['filter on hold', page({ hold: 'yes' })],
    ['filter late', page({ late: '1' })],
    ['filter due today', page({ due: 'today' })],
    ['filter ordered last 30 days', page({ from: month })],
    ['search order number', page({ q: ext })],
    ['search SKU', page({ q: sku })],
    ['search buyer "kim"', page({ q: 'kim' })],
    ['search buyer full name', page({ q: buyer })],
    ['search item title', page({ q: 'bamboo lamp' })],
    ['search tracking number', page({ q: trk })],
    ...(['ordered_at:desc', 'ship_by:asc', 'total:desc', 'status:asc', 'marketplace:asc', 'external_order_id:asc'].map((s): [string, () => Promise<void>] => {
      const [sort, dir] = s.split(':');
      return [`sort ${sort} ${dir}`, page({ sort, dir })];
    })),
    ['tab counts', () => as((tx) => tabCounts(tx, d.orgId, { now: d.now, timeZone: TZ })).then(() => undefined)],
  ];
  for (const [name, run] of cases) {
    if (ONLY && !ONLY.test(name)) continue;
    await run();
    await run(); // warm
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await run();
      times.push(performance.now() - t0);
    }
    console.log(`${backend} ${scale} ${name}: p50 ${pct(times, 50).toFixed(1)} ms p95 ${pct(times, 95).toFixed(1)} ms`);
  }
}

const scale = process.env.BENCH_SCALE as Scale | undefined;
if (scale && SCALES.includes(scale)) {
  await runPerBackend((name, database) => bench(scale, name, database), {}, { keep: `esm_bench_orders_${scale === '1M-org' ? '1m' : ORGS === 100 ? '10k' : `10k_${ORGS}`}` });
} else {
  for (const s of SCALES) {
    const r = spawnSync(process.execPath, [...process.execArgv, process.argv[1]], { stdio: 'inherit', env: { ...process.env, BENCH_SCALE: s } });
    if (r.status !== 0) process.exitCode = r.status ?? 1;
  }
}
