// Data for `npm run bench:orders`, generated in SQL (generate_series) on the service path: a
// store's year of orders (most delivered, a few percent open around "now", some on hold, some
// late), two items and a buyer per order, a label for shipped ones. Built once per database.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from '@/lib/db/connect';
import { createUser } from '@/tests/support/fixtures';

export interface Dataset {
  now: Date;
  orgId: string;
  userId: string;
}

const FIRST = ['Kim', 'Kimberly', 'James', 'Maria', 'Robert', 'Linda', 'Michael', 'Sarah', 'David', 'Emma', 'Joseph', 'Olivia', 'Daniel', 'Sophia', 'Wei', 'Aiko', 'Carlos', 'Fatima', 'Ivan', 'Noah'];
const LAST = ['Smith', 'Johnson', 'Lee', 'Garcia', 'Brown', 'Kimball', 'Nguyen', 'Patel', 'Martin', 'Clark', 'Lewis', 'Walker', 'Young', 'Hall', 'Allen', 'King', 'Wright', 'Lopez', 'Hill', 'Scott'];
const WORDS = ['Blue', 'Steel', 'Bamboo', 'Organic', 'Compact', 'Deluxe', 'Travel', 'Kitchen', 'Garden', 'Wireless'];
const NOUNS = ['Widget', 'Mug', 'Cable', 'Lamp', 'Backpack', 'Charger', 'Notebook', 'Bottle', 'Speaker', 'Blanket'];
const arr = (xs: string[]) => sql.raw(`array[${xs.map((x) => `'${x}'`).join(',')}]`);

async function seedOrg(db: Database['db'], orgId: string, count: number, now: Date): Promise<void> {
  const accounts: string[] = [];
  for (const m of ['walmart', 'amazon', 'ebay'] as const) {
    const [a] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id, last_sync_succeeded_at)
      values (${orgId}::uuid, ${m}, ${`${m} store`}, ${crypto.randomUUID()}, ${now.toISOString()}::timestamptz - interval '4 minutes') returning id`));
    accounts.push(a.id);
  }
  // g % 1000: 0-19 pending, 20-39 unshipped, 40-49 partially shipped (open, ordered in the last 3
  // days, so some are late and some due today), 50-149 shipped, 150-949 delivered, 950+ cancelled.
  await db.execute(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status,
      ordered_at, marketplace_updated_at, ship_by, shipped_at, delivered_at, cancelled_at, subtotal, total, item_count, on_hold)
    select ${orgId}::uuid, (array[${sql.join(accounts.map((a) => sql`${a}::uuid`), sql`, `)}])[1 + g % 3], (array['walmart','amazon','ebay'])[1 + g % 3],
      case g % 3 when 0 then '10' || lpad(g::text, 11, '0') when 1 then '114-' || lpad(g::text, 7, '0') || '-' || lpad((g * 7 % 9999999)::text, 7, '0')
        else '27-' || lpad(g::text, 7, '0') || '-' || lpad((g * 13 % 99999)::text, 5, '0') end,
      st, upper(st), t, t, t + interval '2 days',
      case when st in ('shipped', 'delivered') then t + interval '30 hours' end,
      case when st = 'delivered' then t + interval '4 days' end,
      case when st = 'cancelled' then t + interval '5 hours' end,
      amt, amt, 2, st in ('pending', 'unshipped', 'partially_shipped') and g % 7 = 0
    from (select g,
            case when g % 1000 < 20 then 'pending' when g % 1000 < 40 then 'unshipped' when g % 1000 < 50 then 'partially_shipped'
              when g % 1000 < 150 then 'shipped' when g % 1000 < 950 then 'delivered' else 'cancelled' end as st,
            ${now.toISOString()}::timestamptz - case when g % 1000 < 50 then random() * interval '3 days' else interval '3 days' + random() * interval '362 days' end as t,
            round((5 + random() * 95)::numeric, 2) as amt
          from generate_series(1, ${count}) g) x`);
  await db.execute(sql`insert into public.order_items (org_id, order_id, line_id, sku, title, quantity, unit_price)
    select o.org_id, o.id, l::text, 'SKU-' || lpad((abs(hashtext(o.id::text || l)) % 5000)::text, 4, '0'),
      (${arr(WORDS)})[1 + abs(hashtext(o.id::text || 'w' || l)) % 10] || ' ' || (${arr(NOUNS)})[1 + abs(hashtext(o.id::text || 'n' || l)) % 10],
      1, round(o.subtotal / 2, 2)
    from public.orders o, generate_series(1, 2) l where o.org_id = ${orgId}::uuid`);
  await db.execute(sql`insert into public.order_buyers (order_id, org_id, name, address_line1, city, country, anonymized_at)
    select o.id, o.org_id,
      case when o.status = 'delivered' and abs(hashtext(o.id::text)) % 10 = 0 then null
        else (${arr(FIRST)})[1 + abs(hashtext(o.id::text)) % 20] || ' ' || (${arr(LAST)})[1 + abs(hashtext(o.id::text || 'l')) % 20] end,
      '1 Main Street', 'Springfield', 'US',
      case when o.status = 'delivered' and abs(hashtext(o.id::text)) % 10 = 0 then o.delivered_at + interval '30 days' end
    from public.orders o where o.org_id = ${orgId}::uuid`);
  await db.execute(sql`insert into public.shipments (org_id, order_id, status, carrier, tracking_number, tracking_push_status, created_at)
    select o.org_id, o.id, 'purchased', 'usps', '9400' || lpad((abs(hashtext(o.id::text)))::text, 18, '0'),
      case when abs(hashtext(o.id::text)) % 500 = 0 then 'failed' else 'pushed' end, o.shipped_at
    from public.orders o where o.org_id = ${orgId}::uuid and o.shipped_at is not null`);
}

/** The dataset in this database, generated first if it is not there yet. */
export async function ensureDataset(database: Database, scale: '10k-per-org' | '1M-org', orgs = 100): Promise<Dataset> {
  const db = database.db;
  await db.execute(sql`create schema if not exists bench`);
  await db.execute(sql`create table if not exists bench.orders_dataset (scale text primary key, now timestamptz not null, org_id uuid not null, user_id uuid not null)`);
  const [have] = rowsOf<{ now: string | Date; org_id: string; user_id: string }>(await db.execute(sql`select * from bench.orders_dataset where scale = ${scale}`));
  if (have) return { now: new Date(have.now), orgId: have.org_id, userId: have.user_id };

  const t0 = performance.now();
  const now = new Date();
  const plan = scale === '10k-per-org' ? Array.from({ length: orgs }, () => 10_000) : [1_000_000, ...Array.from({ length: 20 }, () => 1_000)];
  const user = await createUser(db);
  let measured = '';
  for (const [i, count] of plan.entries()) {
    const [org] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.organizations (name, time_zone) values (${`Bench ${i}`}, 'America/New_York') returning id`));
    if (i === 0) {
      measured = org.id;
      await db.execute(sql`insert into public.memberships (org_id, user_id, role) values (${org.id}::uuid, ${user.sub}::uuid, 'operator')`);
    }
    await seedOrg(db, org.id, count, now);
  }
  await db.execute(sql`vacuum analyze`);
  await db.execute(sql`insert into bench.orders_dataset values (${scale}, ${now.toISOString()}::timestamptz, ${measured}::uuid, ${user.sub}::uuid)`);
  const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from public.orders`));
  console.log(`(${scale}: generated ${n.toLocaleString('en-US')} orders in ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  return { now, orgId: measured, userId: user.sub };
}
