// Top SKUs: units, revenue (quantity × unit price), orders and share of revenue for the items of
// orders placed in the range, cancelled orders left out; per SKU, marketplace and currency.
// Read from report_sku_periods and report_sku_days.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { blockRows, currencyNote, kpis, mainCurrency, previous, ratio, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

type Totals = {
  skus: number;
  units: number;
  revenue: string;
};

type SkuRow = { sku: string; marketplace: string; currency: string; title: string | null; units: number; revenue: string; orders: number };

/**
 * Per SKU, marketplace and currency over the range (orders not cancelled): the range's calendar
 * blocks (lib/reports/blocks.ts) from report_sku_periods and report_sku_days, signed. Per title
 * first: a title counts when day rows with it remain in the range, and the SKU shows the greatest.
 * Units and orders are summed as integers (a sum of bigint is numeric, and slower), as the totals
 * below always were.
 */
function PER_SKU(p: ReportParams): SQL {
  const cols = sql`r.sku, r.marketplace, r.currency, r.title, r.units, r.revenue, r.orders`;
  const signed = blockRows(p, { table: sql`public.report_sku_days`, cols: sql`1 as days, ${cols}` }, { table: sql`public.report_sku_periods`, cols: sql`r.days, ${cols}` });
  return sql`select t.sku, t.marketplace, t.currency, max(t.title) as title, sum(t.units)::int as units, sum(t.revenue) as revenue, sum(t.orders)::int as orders
    from (select x.sku, x.marketplace, x.currency::text as currency, x.title, sum(x.sign * x.units::int)::int as units, sum(x.sign * x.revenue) as revenue,
            sum(x.sign * x.orders)::int as orders
          from (${signed}) x group by x.sku, x.marketplace, x.currency, x.title having sum(x.sign * x.days) > 0) t
    group by t.sku, t.marketplace, t.currency`;
}

type Tiles = Totals & { currency: string; currencies: string[] };

/** Tiles from per-currency sums: SKU and unit counts over every currency, revenue in `main` only. */
function tilesOf(per: Array<{ currency: string; units: number; revenue: string }>, skus: number, main: string): Tiles {
  return { skus, units: per.reduce((n, t) => n + t.units, 0), revenue: per.find((t) => t.currency === main)?.revenue ?? '0', currency: main, currencies: per.map((t) => t.currency) };
}

/** The previous period's tiles (one pass: per currency and overall). */
async function tiles(tx: Tx, p: ReportParams, currency: string): Promise<Tiles> {
  const sets = await rows<Totals & { overall: number; currency: string }>(
    tx,
    sql`select grouping(s.currency)::int as overall, s.currency, count(distinct s.sku)::int as skus, sum(s.units)::int as units, sum(s.revenue)::text as revenue
        from (${PER_SKU(p)}) s group by grouping sets ((s.currency), ())`,
  );
  return tilesOf(sets.filter((t) => t.overall === 0), sets.find((t) => t.overall === 1)?.skus ?? 0, currency);
}

/**
 * The range's tiles and its top 200 by revenue in one pass over the rollups: part 0 holds the
 * per-currency sums, part 1 the SKUs, the tiles' currency (most orders, then alphabetical, as
 * mainCurrency) first, each with its currency's own total (shares never mix currencies).
 */
async function tilesAndTop(tx: Tx, p: ReportParams): Promise<{ now: Tiles; top: Array<SkuRow & { currency_revenue: string }> }> {
  const found = await rows<SkuRow & { part: number; ord: unknown; skus: number; currency_revenue: string }>(
    tx,
    sql`with s as materialized (${PER_SKU(p)}),
          c as (select s.currency, sum(s.units)::int as units, sum(s.revenue) as revenue, sum(s.orders)::int as orders from s group by s.currency),
          m as (select c.currency from c order by c.orders desc, c.currency limit 1)
        select 0 as part, 0::bigint as ord, c.currency, null as sku, null as marketplace, null as title, c.units, c.revenue::text as revenue, c.orders,
          (select count(distinct s.sku) from s)::int as skus, null as currency_revenue
        from c
        union all
        select 1, row_number() over (order by t.main desc, t.revenue desc, t.sku, t.marketplace, t.currency), t.currency, t.sku, t.marketplace, t.title,
          t.units, t.revenue::text, t.orders, null, (select c.revenue from c where c.currency = t.currency)::text
        from (select s.*, s.currency = (select m.currency from m) as main from s
              order by main desc, s.revenue desc, s.sku, s.marketplace, s.currency limit 200) t
        order by 1, 2`,
  );
  const per = found.filter((r) => r.part === 0);
  return { now: tilesOf(per, per[0]?.skus ?? 0, mainCurrency(per)), top: found.filter((r) => r.part === 1).map(({ part: _p, ord: _o, skus: _s, ...r }) => r) };
}

export async function skusReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  const { now, top } = await tilesAndTop(tx, p);
  const before = await tiles(tx, previous(p), now.currency);
  const table = top.map(({ currency_revenue, ...r }) => ({ ...r, share: ratio(Number(r.revenue), Number(currency_revenue)) }));
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
      now.currency,
    ),
    notes: currencyNote(now.currency, now.currencies),
    chart: {
      kind: 'bar',
      currency: now.currency,
      bucket: 'category',
      series: [{ key: 'revenue', label: `Revenue (${now.currency})`, type: 'money' }],
      points: table.filter((r) => r.currency === now.currency).slice(0, 10).map((r) => ({ label: r.sku || '(no SKU)', revenue: Number(r.revenue) })),
    },
    tables: [
      {
        title: 'SKUs by revenue (top 200)',
        columns: [
          { key: 'sku', label: 'SKU', type: 'text' },
          { key: 'marketplace', label: 'Marketplace', type: 'text' },
          { key: 'title', label: 'Title', type: 'text' },
          { key: 'currency', label: 'Currency', type: 'text' },
          { key: 'units', label: 'Units', type: 'int' },
          { key: 'revenue', label: 'Revenue', type: 'money' },
          { key: 'orders', label: 'Orders', type: 'int' },
          { key: 'share', label: 'Share of its currency', type: 'percent' },
        ],
        rows: table,
      },
    ],
    empty: now.units === 0 ? { title: 'No items sold in this period', text: 'No order items in this range with these filters. Widen the range or clear the filters.' } : undefined,
  };
}
