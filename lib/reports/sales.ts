// Sales: orders, units, gross sales (item subtotal), shipping charged, tax, total and average order
// value over the range; cancelled orders counted apart. Per day/week and per account.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { bucketFor } from './range';
import { bucketOf, fillBuckets, inRange, kpis, orderScope, perUnit, previous, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

type Totals = {
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

const LIVE = sql`o.status <> 'cancelled'`;
const SUMS = sql`
  count(*) filter (where ${LIVE})::int as orders,
  coalesce(sum(o.item_count) filter (where ${LIVE}), 0)::int as units,
  coalesce(sum(o.subtotal) filter (where ${LIVE}), 0)::text as gross,
  coalesce(sum(o.shipping_total) filter (where ${LIVE}), 0)::text as shipping,
  coalesce(sum(o.tax_total) filter (where ${LIVE}), 0)::text as tax,
  coalesce(sum(o.total) filter (where ${LIVE}), 0)::text as total,
  count(*) filter (where o.status = 'cancelled')::int as cancelled,
  coalesce(sum(o.total) filter (where o.status = 'cancelled'), 0)::text as cancelled_total`;

async function totals(tx: Tx, p: ReportParams): Promise<Totals> {
  const [t] = await rows<Totals>(tx, sql`select ${SUMS} from public.orders o
    where ${orderScope(p)} and ${inRange(sql`o.ordered_at`, p.from, p.to, p.timeZone)}`);
  return { ...t, aov: perUnit(t.total, t.orders) };
}

export async function salesReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  // One pass over the range: per bucket, per account and the grand total (grouping sets).
  const groups = await rows<Totals & { per_bucket: number; per_account: number; bucket: string | null; account: string | null; marketplace: string | null }>(
    tx,
    sql`select grouping(o.bucket)::int as per_bucket, grouping(o.account_id)::int as per_account, o.bucket, a.display_name as account, o.marketplace, ${SUMS}
        from (select o.*, o.marketplace_account_id as account_id, ${bucketOf(sql`o.ordered_at`, p)} as bucket from public.orders o
              where ${orderScope(p)} and ${inRange(sql`o.ordered_at`, p.from, p.to, p.timeZone)}) o
          join public.marketplace_accounts a on a.id = o.account_id and a.org_id = o.org_id
        group by grouping sets ((o.bucket), (o.account_id, a.display_name, o.marketplace), ())`,
  );
  const total = groups.find((g) => g.per_bucket === 1 && g.per_account === 1);
  const now: Totals = total ? { ...total, aov: perUnit(total.total, total.orders) } : await totals(tx, p);
  const before = await totals(tx, previous(p));
  const perBucket = groups.filter((g) => g.per_bucket === 0).map((g) => ({ bucket: g.bucket!, gross: g.gross, orders: g.orders }));
  const perAccount = groups
    .filter((g) => g.per_account === 0)
    .sort((x, y) => Number(y.gross) - Number(x.gross) || String(x.account).localeCompare(String(y.account)))
    .map(({ per_bucket: _b, per_account: _a, bucket: _k, ...r }) => r);
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
      before,
    ),
    chart: {
      kind: 'bar',
      bucket: bucketFor(p.from, p.to),
      series: [{ key: 'gross', label: 'Gross sales', type: 'money' }],
      points: fillBuckets(p, perBucket, ['gross', 'orders']),
    },
    tables: [
      {
        title: 'By account',
        columns: [
          { key: 'account', label: 'Account', type: 'text' },
          { key: 'marketplace', label: 'Marketplace', type: 'text' },
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
        rows: perAccount.map((r) => ({ ...r, aov: perUnit(r.total, r.orders) })),
      },
    ],
    empty:
      now.orders + now.cancelled === 0
        ? { title: 'No orders in this period', text: 'No orders were placed in this range with these filters. Widen the range or clear the filters; new orders arrive with each sync.' }
        : undefined,
  };
}
