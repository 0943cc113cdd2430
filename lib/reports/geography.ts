// Geography: orders and sales by the buyer's country and region. Anonymization keeps those two
// (and removes name, street, city, postal code, phone and e-mail), so old orders still count.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { inRange, kpis, orderScope, previous, ratio, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

const SCOPE = (p: ReportParams) => sql`public.orders o left join public.order_buyers b on b.order_id = o.id and b.org_id = o.org_id
  where ${orderScope(p)} and o.status <> 'cancelled' and ${inRange(sql`o.ordered_at`, p.from, p.to, p.timeZone)}`;

type Totals = {
  countries: number;
  regions: number;
  orders: number;
  sales: string;
};

async function totals(tx: Tx, p: ReportParams): Promise<Totals> {
  const [t] = await rows<Totals>(
    tx,
    sql`select count(distinct b.country)::int as countries, (count(distinct (b.country, b.region)) filter (where b.country is not null))::int as regions,
          count(*)::int as orders, coalesce(sum(o.total), 0)::text as sales from ${SCOPE(p)}`,
  );
  return t;
}

export async function geographyReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  // One pass: per country and region, and the grand total (grouping sets).
  const groups = await rows<{ total: number; country: string; region: string; orders: number; sales: string }>(
    tx,
    sql`select grouping(b.country, b.region)::int as total, coalesce(b.country, '') as country, coalesce(b.region, '') as region,
          count(*)::int as orders, coalesce(sum(o.total), 0)::text as sales
        from ${SCOPE(p)} group by grouping sets ((b.country, b.region), ()) order by 1, sum(o.total) desc, 2, 3`,
  );
  const byRegion = groups.filter((g) => g.total === 0);
  const all = groups.find((g) => g.total !== 0);
  const now: Totals = {
    countries: new Set(byRegion.filter((g) => g.country).map((g) => g.country)).size,
    regions: byRegion.filter((g) => g.country).length,
    orders: all?.orders ?? 0,
    sales: all?.sales ?? '0',
  };
  const before = await totals(tx, previous(p));
  const total = Number(now.sales);
  const table = byRegion.map(({ total: _t, ...r }) => ({ ...r, share: ratio(Number(r.sales), total) }));
  return {
    name: 'geography',
    title: 'Geography',
    kpis: kpis<Totals>(
      [
        { key: 'sales', label: 'Sales', type: 'money' },
        { key: 'orders', label: 'Orders', type: 'int' },
        { key: 'countries', label: 'Countries', type: 'int' },
        { key: 'regions', label: 'Regions', type: 'int' },
      ],
      now,
      before,
    ),
    chart: {
      kind: 'bar',
      bucket: 'category',
      series: [{ key: 'sales', label: 'Sales', type: 'money' }],
      points: table.slice(0, 10).map((r) => ({ label: [r.region, r.country].filter(Boolean).join(', ') || 'Unknown', sales: Number(r.sales) })),
    },
    tables: [
      {
        title: 'By country and region',
        columns: [
          { key: 'country', label: 'Country', type: 'text' },
          { key: 'region', label: 'Region', type: 'text' },
          { key: 'orders', label: 'Orders', type: 'int' },
          { key: 'sales', label: 'Sales', type: 'money' },
          { key: 'share', label: 'Share', type: 'percent' },
        ],
        rows: table,
      },
    ],
    empty: now.orders === 0 ? { title: 'No orders in this period', text: 'No orders were placed in this range with these filters. Widen the range or clear the filters.' } : undefined,
  };
}
