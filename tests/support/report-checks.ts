// What the Top SKUs and Label spend reports show from their rollups, checked against the plain
// SQL of the raw rows over the same range (the queries those reports ran before the rollups):
// every row of their tables, in order, and their tiles. Used by lib/reports/rollups.test.ts after
// random write sequences, over ranges that read whole months and years minus days and ranges
// that cut an order's labels apart.
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import { runReport } from '@/lib/reports';
import { parseReportQuery } from '@/lib/reports/params';
import type { ReportName, ReportResult } from '@/lib/reports/types';

export type Range = { from: string; to: string; now: string; marketplace?: 'walmart' | 'ebay' };

const money = (v: unknown) => (v === null || v === undefined ? null : Number(v).toFixed(2));
const clean = (rows: Array<Record<string, unknown>>, keys: string[], moneyKeys: string[]) =>
  rows.map((r) => Object.fromEntries(keys.map((k) => [k, moneyKeys.includes(k) ? money(r[k]) : r[k] ?? null])));

async function run(db: Db, user: Claims, orgId: string, zone: string, name: ReportName, r: Range): Promise<ReportResult> {
  const p = parseReportQuery({ from: r.from, to: r.to, ...(r.marketplace ? { marketplace: r.marketplace } : {}) }, { orgId, timeZone: zone, now: new Date(`${r.now}T12:00:00Z`) });
  if (!p.ok) throw new Error(p.error);
  return runAsUser(db, user, (tx) => runReport(tx, name, p.value));
}

/** Raw rows of `text` with $org, $lo, $hi (the range's local midnights) and $mk (the marketplace filter) spliced in. */
async function raw(db: Db, text: string, orgId: string, zone: string, r: Range): Promise<Array<Record<string, unknown>>> {
  const lo = `('${r.from}'::date::timestamp at time zone '${zone}')`;
  const hi = `(('${r.to}'::date + 1)::timestamp at time zone '${zone}')`;
  const mk = r.marketplace ? `o.marketplace = '${r.marketplace}'` : 'true';
  return rowsOf(await db.execute(sql.raw(text.replaceAll('$org', `'${orgId}'::uuid`).replaceAll('$lo', lo).replaceAll('$hi', hi).replaceAll('$mk', mk))));
}

export async function expectSkusMatchRaw(db: Db, user: Claims, orgId: string, zone: string, r: Range): Promise<void> {
  const shown = await run(db, user, orgId, zone, 'skus', r);
  const rows = await raw(db, `select coalesce(i.sku, '') as sku, o.marketplace, o.currency::text as currency, max(i.title) as title, sum(i.quantity)::int as units,
      sum(i.quantity * i.unit_price)::text as revenue, count(distinct o.id)::int as orders
    from public.orders o join public.order_items i on i.order_id = o.id
    where o.org_id = $org and o.status <> 'cancelled' and o.ordered_at >= $lo and o.ordered_at < $hi and $mk group by 1, 2, 3`, orgId, zone, r);
  const keys = ['sku', 'marketplace', 'currency', 'title', 'units', 'revenue', 'orders'];
  const sort = (xs: Array<Record<string, unknown>>) => xs.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const label = `skus ${JSON.stringify(r)}`;
  expect(sort(clean(shown.tables[0].rows, keys, ['revenue'])), label).toEqual(sort(clean(rows, keys, ['revenue'])));
  expect(shown.kpis.find((k) => k.key === 'skus')!.value, label).toBe(new Set(rows.map((x) => x.sku)).size);
  expect(shown.kpis.find((k) => k.key === 'units')!.value, label).toBe(rows.reduce((n, x) => n + Number(x.units), 0));
}

// The label report's queries as they were before its rollups, over shipments, orders and buyers.
const BOUGHT = `s.label_cost is not null and s.status in ('purchased', 'refund_pending', 'refunded', 'voided')`;
const LIVE = `s.status not in ('refunded', 'voided')`;
const FROM = `from public.shipments s join public.orders o on o.id = s.order_id left join public.order_buyers b on b.order_id = o.id
  where s.org_id = $org and $mk and ${BOUGHT} and s.created_at >= $lo and s.created_at < $hi`;
const SPEND = `count(*)::int as labels, sum(s.label_cost)::text as gross, coalesce(sum(s.label_cost) filter (where not (${LIVE})), 0)::text as refunds,
  coalesce(sum(s.label_cost) filter (where ${LIVE}), 0)::text as net`;
const CUR = `coalesce(s.currency, o.currency)::text`;

export async function expectLabelsMatchRaw(db: Db, user: Claims, orgId: string, zone: string, r: Range): Promise<void> {
  const shown = await run(db, user, orgId, zone, 'labels', r);
  const label = `labels ${JSON.stringify(r)}`;
  const byCur = await raw(db, `select ${CUR} as currency, count(*)::int as n ${FROM} group by 1 order by 2 desc, 1`, orgId, zone, r);
  const main = (byCur[0]?.currency as string) ?? 'USD';
  const ordered = (keys: string) => `order by ${CUR} = '${main}' desc, ${CUR}, sum(s.label_cost) filter (where ${LIVE}) desc nulls last, ${keys}`;
  const service = await raw(db, `select coalesce(s.carrier, '') as carrier, coalesce(s.service_level, '') as service, ${CUR} as currency, ${SPEND}
    ${FROM} group by s.carrier, s.service_level, ${CUR} ${ordered('1, 2')}`, orgId, zone, r);
  const region = await raw(db, `select coalesce(b.country, '') as country, coalesce(b.region, '') as region, ${CUR} as currency, ${SPEND}
    ${FROM} group by b.country, b.region, ${CUR} ${ordered('1, 2')}`, orgId, zone, r);
  const perOrder = await raw(db, `select o.external_order_id as order, o.marketplace, o.shipping_total::text as charged, sum(s.label_cost)::text as cost,
      (o.shipping_total - sum(s.label_cost))::text as margin
    ${FROM} and ${LIVE} and ${CUR} = o.currency and o.currency = '${main}' group by o.id order by o.shipping_total - sum(s.label_cost), 1 limit 100`, orgId, zone, r);
  const spendKeys = ['currency', 'labels', 'gross', 'refunds', 'net'];
  expect(clean(shown.tables[0].rows, ['carrier', 'service', ...spendKeys], ['gross', 'refunds', 'net']), label).toEqual(clean(service, ['carrier', 'service', ...spendKeys], ['gross', 'refunds', 'net']));
  expect(clean(shown.tables[1].rows, ['country', 'region', ...spendKeys], ['gross', 'refunds', 'net']), label).toEqual(clean(region, ['country', 'region', ...spendKeys], ['gross', 'refunds', 'net']));
  // Ties on margin and order number may come in either order; the rows of each margin must agree.
  const orderKeys = ['order', 'marketplace', 'charged', 'cost', 'margin'];
  const sorted = (xs: Array<Record<string, unknown>>) => clean(xs, orderKeys, ['charged', 'cost', 'margin']).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (perOrder.length < 100) expect(sorted(shown.tables[2].rows), label).toEqual(sorted(perOrder));
  const [t] = await raw(db, `select coalesce(sum(charged), 0)::text as charged, coalesce(sum(charged - cost), 0)::text as margin from (
      select o.shipping_total as charged, sum(s.label_cost) as cost ${FROM} and ${LIVE} and ${CUR} = o.currency and o.currency = '${main}' group by o.id) x`, orgId, zone, r);
  const kpi = (k: string) => shown.kpis.find((x) => x.key === k)!.value;
  expect([kpi('charged'), kpi('margin')], label).toEqual([Number(t.charged), Number(t.margin)]);
  const all = byCur.length ? await raw(db, `select ${SPEND} ${FROM} and ${CUR} = '${main}'`, orgId, zone, r) : [{ labels: 0, net: '0', refunds: '0' }];
  expect([kpi('labels'), kpi('net'), kpi('refunds')], label).toEqual([all[0].labels, Number(all[0].net), Number(all[0].refunds)]);
}
