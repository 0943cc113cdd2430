// `tsx --conditions=react-server bench/orders-explain.ts <scale> '<query string>'`: every statement
// one Orders page runs on a kept bench database (PostgreSQL, DATABASE_URL), with its plan and
// timings (auto_explain, printed as notices), as the bench's operator under RLS. For finding
// what a slow `bench:orders` case spends its time on.
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { rowsOf, type Db } from '@/lib/db/connect';
import * as schema from '@/lib/db/schema';
import { runAsUser } from '@/lib/db/session';
import { loadOrdersPage } from '@/lib/orders/page-data';
import { parseOrderListParams } from '@/lib/orders/params';

const [scale = '1M-org', query = ''] = process.argv.slice(2);
const url = new URL(process.env.DATABASE_URL!);
url.pathname = `/esm_bench_orders_${scale === '1M-org' ? '1m' : '10k'}`;
const client = postgres(url.toString(), { max: 1, prepare: false, onnotice: (n) => console.log(n.message) });
const db = drizzle({ client, schema }) as unknown as Db;
const [d] = rowsOf<{ now: Date; org_id: string; user_id: string }>(await db.execute(sql`select * from bench.orders_dataset where scale = ${scale}`));
const params = parseOrderListParams(Object.fromEntries(new URLSearchParams(query)));
const run = () => runAsUser(db, { sub: d.user_id }, (tx) => loadOrdersPage(tx, d.org_id, params, { now: new Date(d.now), timeZone: 'America/New_York', userId: d.user_id }));
await run(); // warm
await db.execute(sql`load 'auto_explain'`);
for (const [k, v] of Object.entries({ log_min_duration: '0', log_analyze: 'on', log_buffers: 'on', log_nested_statements: 'on', log_level: 'notice', log_timing: 'on' })) {
  await db.execute(sql.raw(`set auto_explain.${k} = '${v}'`));
}
const t0 = performance.now();
await run();
console.log(`page: ${(performance.now() - t0).toFixed(1)} ms`);
await client.end();
