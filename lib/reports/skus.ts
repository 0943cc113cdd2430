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
 * The range's rollup rows, signed (lib/reports/blocks.ts): the calendar blocks from
 * report_sku_periods and report_sku_days, each row with `sign` and `days` (a day row is one day).
 */
function SIGNED(p: ReportParams): SQL {
  const cols = sql`r.sku, r.marketplace, r.currency::text as currency, r.title, r.units, r.revenue, r.orders`;
  return blockRows(p, { table: sql`public.report_sku_days`, cols: sql`1 as days, ${cols}` }, { table: sql`public.report_sku_periods`, cols: sql`r.days, ${cols}` });
}

/**
 * Per SKU, marketplace and currency over signed rows `x`: a SKU counts when days with it remain
 * in the range (the blocks subtracted cancel exactly what they take, so its sums are the range's).
 * Units and orders are summed as integers (a sum of bigint is numeric, and slower).
 */
const PER_SKU = (x: SQL) =>
  sql`select x.sku, x.marketplace, x.currency, sum(x.sign * x.units::int)::int as units, sum(x.sign * x.revenue) as revenue, sum(x.sign * x.orders)::int as orders
      from ${x} x group by x.sku, x.marketplace, x.currency having sum(x.sign * x.days) > 0`;

type Tiles = Totals & { currency: string; currencies: string[] };

/** Tiles from per-currency sums: SKU and unit counts over every currency, revenue in `main` only. */
function tilesOf(per: Array<{ currency: string; units: number; revenue: string }>, skus: number, main: string): Tiles {
  return { skus, units: per.reduce((n, t) => n + t.units, 0), revenue: per.find((t) => t.currency === main)?.revenue ?? '0', currency: main, currencies: per.map((t) => t.currency) };
}

type Found = SkuRow & { part: number; ord: unknown; skus: number; currency_revenue: string };

/**
 * Everything the report reads, in one statement (one round trip, one plan):
 * - part 0: the range's sums per currency, and its count of SKUs;
 * - part 1: its top 200 by revenue, the tiles' currency (most orders, then alphabetical, as
 *   mainCurrency) first, each with its currency's own total (shares never mix currencies) and the
 *   greatest title among those with days left in the range, looked up for those 200 only;
 * - part 2: the previous period's sums per currency (overall = 0) and its SKU count (overall = 1).
 */
async function readAll(tx: Tx, p: ReportParams): Promise<{ now: Tiles; before: Tiles; top: Array<SkuRow & { currency_revenue: string }> }> {
  const found = await rows<Found & { overall: number }>(
    tx,
    sql`with x as materialized (${SIGNED(p)}),
          s as materialized (${PER_SKU(sql`x`)}),
          c as (select s.currency, sum(s.units)::int as units, sum(s.revenue) as revenue, sum(s.orders)::int as orders from s group by s.currency),
          m as (select c.currency from c order by c.orders desc, c.currency limit 1),
          top as materialized (select s.*, s.currency = (select m.currency from m) as main from s
                  order by main desc, s.revenue desc, s.sku, s.marketplace, s.currency limit 200),
          titles as (select g.sku, g.marketplace, g.currency, max(g.title) as title
                     from (select x.sku, x.marketplace, x.currency, x.title from x join top t on t.sku = x.sku and t.marketplace = x.marketplace and t.currency = x.currency
                           group by x.sku, x.marketplace, x.currency, x.title having sum(x.sign * x.days) > 0) g
                     group by g.sku, g.marketplace, g.currency),
          ps as (${PER_SKU(sql`(${SIGNED(previous(p))})`)})
        select 0 as part, 0::bigint as ord, null::int as overall, c.currency, null as sku, null as marketplace, null as title, c.units, c.revenue::text as revenue, c.orders,
          (select count(distinct s.sku) from s)::int as skus, null as currency_revenue
        from c
        union all
        select 1, row_number() over (order by t.main desc, t.revenue desc, t.sku, t.marketplace, t.currency), null, t.currency, t.sku, t.marketplace, n.title,
          t.units, t.revenue::text, t.orders, null, (select c.revenue from c where c.currency = t.currency)::text
        from top t left join titles n on n.sku = t.sku and n.marketplace = t.marketplace and n.currency = t.currency
        union all
        select 2, 0, grouping(ps.currency)::int, ps.currency, null, null, null, sum(ps.units)::int, sum(ps.revenue)::text, null, count(distinct ps.sku)::int, null
        from ps group by grouping sets ((ps.currency), ())
        order by 1, 2`,
  );
  const per = found.filter((r) => r.part === 0);
  const now = tilesOf(per, per[0]?.skus ?? 0, mainCurrency(per));
  const prev = found.filter((r) => r.part === 2);
  const before = tilesOf(prev.filter((t) => t.overall === 0), prev.find((t) => t.overall === 1)?.skus ?? 0, now.currency);
  const top = found.filter((r) => r.part === 1).map(({ part: _p, ord: _o, skus: _s, overall: _v, ...r }) => r);
  return { now, before, top };
}

export async function skusReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  const { now, before, top } = await readAll(tx, p);
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
