// Geography: orders and sales by the buyer's country and region. Anonymization keeps those two
// (and removes name, street, city, postal code, phone and e-mail), so old orders still count.
// Read from report_geo_days, per currency.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { currencyNote, kpis, mainCurrency, previous, ratio, rollupScope, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

type Totals = {
  countries: number;
  regions: number;
  orders: number;
  sales: string;
};

type Region = { country: string; region: string; currency: string; orders: number; sales: string; currency_sales: string };

/** Per country, region and currency over the range, from report_geo_days (orders not cancelled). */
const perRegion = (tx: Tx, p: ReportParams) =>
  rows<Region>(
    tx,
    sql`select r.country, r.region, r.currency::text as currency, sum(r.orders)::int as orders, sum(r.sales)::text as sales,
          (sum(sum(r.sales)) over (partition by r.currency))::text as currency_sales
        from public.report_geo_days r where ${rollupScope(p)}
        group by r.country, r.region, r.currency having sum(r.orders) <> 0 order by r.currency, sum(r.sales) desc, 1, 2`,
  );

/** Tiles: counts over every currency, sales in `currency` only. */
function tiles(regions: Region[], currency: string): Totals {
  const known = regions.filter((g) => g.country);
  return {
    countries: new Set(known.map((g) => g.country)).size,
    regions: new Set(known.map((g) => `${g.country}/${g.region}`)).size,
    orders: regions.reduce((n, g) => n + g.orders, 0),
    sales: regions.find((g) => g.currency === currency)?.currency_sales ?? '0',
  };
}

export async function geographyReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  // The range and the previous period, sent together (one round trip).
  const [byRegion, byRegionBefore] = await Promise.all([perRegion(tx, p), perRegion(tx, previous(p))]);
  const currency = mainCurrency(byRegion);
  const now = tiles(byRegion, currency);
  const before = tiles(byRegionBefore, currency);
  const table = [...byRegion]
    .sort((x, y) => Number(y.currency === currency) - Number(x.currency === currency))
    .map(({ currency_sales, ...r }) => ({ ...r, share: ratio(Number(r.sales), Number(currency_sales)) }));
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
      currency,
    ),
    notes: currencyNote(currency, byRegion.map((r) => r.currency)),
    chart: {
      kind: 'bar',
      currency: currency,
      bucket: 'category',
      series: [{ key: 'sales', label: `Sales (${currency})`, type: 'money' }],
      points: table.filter((r) => r.currency === currency).slice(0, 10).map((r) => ({ label: [r.region, r.country].filter(Boolean).join(', ') || 'Unknown', sales: Number(r.sales) })),
    },
    tables: [
      {
        title: 'By country and region',
        columns: [
          { key: 'country', label: 'Country', type: 'text' },
          { key: 'region', label: 'Region', type: 'text' },
          { key: 'currency', label: 'Currency', type: 'text' },
          { key: 'orders', label: 'Orders', type: 'int' },
          { key: 'sales', label: 'Sales', type: 'money' },
          { key: 'share', label: 'Share of its currency', type: 'percent' },
        ],
        rows: table,
      },
    ],
    empty: now.orders === 0 ? { title: 'No orders in this period', text: 'No orders were placed in this range with these filters. Widen the range or clear the filters.' } : undefined,
  };
}
