// Top SKUs: units, revenue (quantity × unit price), orders and share of revenue for the items of
// orders placed in the range, cancelled orders left out; per SKU and marketplace.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { inRange, kpis, orderScope, previous, ratio, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

const ITEMS = (p: ReportParams) => sql`public.order_items i join public.orders o on o.id = i.order_id and o.org_id = i.org_id
  where i.org_id = ${p.orgId}::uuid and ${orderScope(p)} and o.status <> 'cancelled'
    and ${inRange(sql`o.ordered_at`, p.from, p.to, p.timeZone)}`;

type Totals = {
  skus: number;
  units: number;
  revenue: string;
};

async function totals(tx: Tx, p: ReportParams): Promise<Totals> {
  const [t] = await rows<Totals>(
    tx,
    sql`select count(distinct coalesce(i.sku, ''))::int as skus, coalesce(sum(i.quantity), 0)::int as units,
          coalesce(sum(i.quantity * i.unit_price), 0)::text as revenue from ${ITEMS(p)}`,
  );
  return t;
}

export async function skusReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  // One pass: per SKU and marketplace, with the totals over all of them alongside the top 200.
  const top = await rows<{ sku: string; marketplace: string; title: string | null; units: number; revenue: string; orders: number; all_skus: number; all_units: number; all_revenue: string }>(
    tx,
    sql`with per_sku as (
          select coalesce(i.sku, '') as sku, o.marketplace, max(i.title) as title, sum(i.quantity)::int as units,
            sum(i.quantity * i.unit_price) as revenue, count(distinct o.id)::int as orders from ${ITEMS(p)} group by 1, 2)
        select sku, marketplace, title, units, revenue::text as revenue, orders,
          (select count(distinct sku) from per_sku)::int as all_skus, (sum(units) over ())::int as all_units, (sum(revenue) over ())::text as all_revenue
        from per_sku order by per_sku.revenue desc, 1, 2 limit 200`,
  );
  const now: Totals = top[0] ? { skus: top[0].all_skus, units: top[0].all_units, revenue: top[0].all_revenue } : { skus: 0, units: 0, revenue: '0' };
  const before = await totals(tx, previous(p));
  const total = Number(now.revenue);
  const table = top.map(({ all_skus: _s, all_units: _u, all_revenue: _r, ...r }) => ({ ...r, share: ratio(Number(r.revenue), total) }));
  return {
    name: 'skus',
    title: 'Top SKUs',
    kpis: kpis<Totals>(
      [
        { key: 'revenue', label: 'Item revenue', type: 'money' },
        { key: 'units', label: 'Units sold', type: 'int' },
        { key: 'skus', label: 'SKUs sold', type: 'int' },
      ],
      now,
      before,
    ),
    chart: {
      kind: 'bar',
      bucket: 'category',
      series: [{ key: 'revenue', label: 'Revenue', type: 'money' }],
      points: table.slice(0, 10).map((r) => ({ label: r.sku || '(no SKU)', revenue: Number(r.revenue) })),
    },
    tables: [
      {
        title: 'SKUs by revenue (top 200)',
        columns: [
          { key: 'sku', label: 'SKU', type: 'text' },
          { key: 'marketplace', label: 'Marketplace', type: 'text' },
          { key: 'title', label: 'Title', type: 'text' },
          { key: 'units', label: 'Units', type: 'int' },
          { key: 'revenue', label: 'Revenue', type: 'money' },
          { key: 'orders', label: 'Orders', type: 'int' },
          { key: 'share', label: 'Share', type: 'percent' },
        ],
        rows: table,
      },
    ],
    empty: now.units === 0 ? { title: 'No items sold in this period', text: 'No order items in this range with these filters. Widen the range or clear the filters.' } : undefined,
  };
}
