// Top SKUs: units, revenue (quantity × unit price), orders and share of revenue for the items of
// orders placed in the range, cancelled orders left out; per SKU, marketplace and currency.
// Read from report_sku_days.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { currencyNote, kpis, mainCurrency, previous, ratio, rollupScope, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

type Totals = {
  skus: number;
  units: number;
  revenue: string;
};

type SkuRow = { sku: string; marketplace: string; currency: string; title: string | null; units: number; revenue: string; orders: number };

/** Per SKU, marketplace and currency over the range, from report_sku_days (orders not cancelled). */
const PER_SKU = (p: ReportParams) => sql`select r.sku, r.marketplace, r.currency::text as currency, max(r.title) as title, sum(r.units)::int as units,
    sum(r.revenue) as revenue, sum(r.orders)::int as orders
  from public.report_sku_days r where ${rollupScope(p)} group by r.sku, r.marketplace, r.currency`;

async function perCurrency(tx: Tx, p: ReportParams): Promise<Array<Totals & { currency: string; orders: number }>> {
  return rows(
    tx,
    sql`select s.currency, count(distinct s.sku)::int as skus, sum(s.units)::int as units, sum(s.revenue)::text as revenue, sum(s.orders)::int as orders
        from (${PER_SKU(p)}) s group by s.currency`,
  );
}

/** Tiles: SKU and unit counts over every currency, revenue in `currency` only. */
async function tiles(tx: Tx, p: ReportParams, currency?: string): Promise<Totals & { currency: string; currencies: string[] }> {
  const per = await perCurrency(tx, p);
  const main = currency ?? mainCurrency(per);
  const [{ skus }] = await rows<{ skus: number }>(tx, sql`select count(distinct r.sku)::int as skus from public.report_sku_days r where ${rollupScope(p)}`);
  return { skus, units: per.reduce((n, t) => n + t.units, 0), revenue: per.find((t) => t.currency === main)?.revenue ?? '0', currency: main, currencies: per.map((t) => t.currency) };
}

export async function skusReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  const now = await tiles(tx, p);
  const before = await tiles(tx, previous(p), now.currency);
  // The top 200 by revenue within each currency's own total (shares never mix currencies).
  const top = await rows<SkuRow & { currency_revenue: string }>(
    tx,
    sql`select s.sku, s.marketplace, s.currency, s.title, s.units, s.revenue::text as revenue, s.orders,
          (sum(s.revenue) over (partition by s.currency))::text as currency_revenue
        from (${PER_SKU(p)}) s order by s.currency = ${now.currency} desc, s.revenue desc, 1, 2, 3 limit 200`,
  );
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
