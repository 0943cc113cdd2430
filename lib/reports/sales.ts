// Sales: orders, units, gross sales (item subtotal), shipping charged, tax, total and average order
// value over the range; cancelled orders counted apart. Per day/week and per account and currency.
// Read from report_order_days (one row per account, local day, status and currency).
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { bucketFor } from './range';
import { bucketOfDay, currencyNote, fillBuckets, kpis, mainCurrency, perUnit, previous, rollupScope, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

type Totals = {
  currency: string;
  orders: number;
  units: number;
  gross: string;
  shipping: string;
  tax: string;
  total: string;
  aov: string | null;
  cancelled: number;
  cancelled_total: string;
};

const LIVE = sql`r.status <> 'cancelled'`;
const SUMS = sql`
  coalesce(sum(r.orders) filter (where ${LIVE}), 0)::int as orders,
  coalesce(sum(r.units) filter (where ${LIVE}), 0)::int as units,
  coalesce(sum(r.subtotal) filter (where ${LIVE}), 0)::text as gross,
  coalesce(sum(r.shipping) filter (where ${LIVE}), 0)::text as shipping,
  coalesce(sum(r.tax) filter (where ${LIVE}), 0)::text as tax,
  coalesce(sum(r.total) filter (where ${LIVE}), 0)::text as total,
  coalesce(sum(r.orders) filter (where r.status = 'cancelled'), 0)::int as cancelled,
  coalesce(sum(r.total) filter (where r.status = 'cancelled'), 0)::text as cancelled_total`;

const ZERO = (currency: string): Totals => ({ currency, orders: 0, units: 0, gross: '0', shipping: '0', tax: '0', total: '0', aov: null, cancelled: 0, cancelled_total: '0' });

/** The tiles' figures: counts over every currency, money in `currency` only. */
function tiles(perCurrency: Totals[], currency: string): Totals {
  const main = perCurrency.find((t) => t.currency === currency) ?? ZERO(currency);
  const count = (k: 'orders' | 'units' | 'cancelled') => perCurrency.reduce((n, t) => n + t[k], 0);
  return { ...main, orders: count('orders'), units: count('units'), cancelled: count('cancelled'), aov: perUnit(main.total, main.orders) };
}

export async function salesReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  // One pass over the range: per bucket, per account, per currency (grouping sets); the previous
  // period's sums go out with it (one round trip).
  const [groups, before] = await Promise.all([rows<Totals & { per_bucket: number; per_account: number; bucket: string | null; account: string | null; marketplace: string | null }>(
    tx,
    sql`select grouping(r.bucket)::int as per_bucket, grouping(r.marketplace_account_id)::int as per_account, r.bucket,
          a.display_name as account, r.marketplace, r.currency::text as currency, ${SUMS}
        from (select r.*, ${bucketOfDay(p)} as bucket from public.report_order_days r where ${rollupScope(p)}) r
          join public.marketplace_accounts a on a.id = r.marketplace_account_id and a.org_id = r.org_id
        group by grouping sets ((r.bucket, r.currency), (r.marketplace_account_id, a.display_name, r.marketplace, r.currency), (r.currency))`,
  ), rows<Totals>(
    tx,
    sql`select r.currency::text as currency, ${SUMS} from public.report_order_days r where ${rollupScope(previous(p))} group by r.currency`,
  )]);
  const perCurrency = groups.filter((g) => g.per_bucket === 1 && g.per_account === 1);
  const currency = mainCurrency(perCurrency);
  const now = tiles(perCurrency, currency);
  const perBucket = groups.filter((g) => g.per_bucket === 0 && g.currency === currency).map((g) => ({ bucket: g.bucket!, gross: g.gross, orders: g.orders }));
  const perAccount = groups
    .filter((g) => g.per_account === 0)
    .sort((x, y) => String(x.account).localeCompare(String(y.account)) || x.currency.localeCompare(y.currency))
    .map(({ per_bucket: _b, per_account: _a, bucket: _k, ...r }) => ({ ...r, aov: perUnit(r.total, r.orders) }));
  return {
    name: 'sales',
    title: 'Sales',
    kpis: kpis<Totals>(
      [
        { key: 'gross', label: 'Gross sales', type: 'money' },
        { key: 'orders', label: 'Orders', type: 'int' },
        { key: 'units', label: 'Units', type: 'int' },
        { key: 'aov', label: 'Average order value', type: 'money' },
        { key: 'shipping', label: 'Shipping charged', type: 'money' },
        { key: 'tax', label: 'Tax', type: 'money' },
        { key: 'cancelled', label: 'Cancelled orders', type: 'int' },
      ],
      now,
      tiles(before, currency),
      currency,
    ),
    notes: currencyNote(currency, perCurrency.map((t) => t.currency)),
    chart: {
      kind: 'bar',
      currency: currency,
      bucket: bucketFor(p.from, p.to),
      series: [{ key: 'gross', label: `Gross sales (${currency})`, type: 'money' }],
      points: fillBuckets(p, perBucket, ['gross', 'orders']),
    },
    tables: [
      {
        title: 'By account',
        columns: [
          { key: 'account', label: 'Account', type: 'text' },
          { key: 'marketplace', label: 'Marketplace', type: 'text' },
          { key: 'currency', label: 'Currency', type: 'text' },
          { key: 'orders', label: 'Orders', type: 'int' },
          { key: 'units', label: 'Units', type: 'int' },
          { key: 'gross', label: 'Gross sales', type: 'money' },
          { key: 'shipping', label: 'Shipping charged', type: 'money' },
          { key: 'tax', label: 'Tax', type: 'money' },
          { key: 'total', label: 'Total', type: 'money' },
          { key: 'aov', label: 'Average order value', type: 'money' },
          { key: 'cancelled', label: 'Cancelled', type: 'int' },
          { key: 'cancelled_total', label: 'Cancelled value', type: 'money' },
        ],
        rows: perAccount,
      },
    ],
    empty:
      now.orders + now.cancelled === 0
        ? { title: 'No orders in this period', text: 'No orders were placed in this range with these filters. Widen the range or clear the filters; new orders arrive with each sync.' }
        : undefined,
  };
}
