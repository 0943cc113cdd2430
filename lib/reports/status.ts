// Orders by status now (of the orders placed in the range), and the flow over the range: how many
// were placed, shipped, delivered and cancelled each day (each counted on its own date).
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { ORDER_STATUSES } from '@/lib/model';
import { bucketFor } from './range';
import { bucketOfDay, currencyNote, fillBuckets, kpis, mainCurrency, previous, ratio, rollupScope, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

const EVENT_LIST = ['placed', 'shipped', 'delivered', 'cancelled'] as const;
type Event = (typeof EVENT_LIST)[number];
type Flow = Record<Event, number>;

/** Orders per event over the range, and per (bucket, event): from report_flow_days. */
async function flow(tx: Tx, p: ReportParams, withBuckets: boolean): Promise<{ totals: Flow; buckets: Array<{ bucket: string; event: Event; n: number }> }> {
  const found = await rows<{ bucket: string | null; event: Event; n: number }>(
    tx,
    sql`select ${withBuckets ? bucketOfDay(p) : sql`null`} as bucket, r.event, sum(r.orders)::int as n
        from public.report_flow_days r where ${rollupScope(p)}
        group by grouping sets ((1, 2), (2))`,
  );
  const totals = Object.fromEntries(EVENT_LIST.map((e) => [e, 0])) as Flow;
  for (const r of found) if (r.bucket === null) totals[r.event] = r.n;
  return { totals, buckets: found.filter((r): r is { bucket: string; event: Event; n: number } => r.bucket !== null && r.n !== 0) };
}

export async function statusReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  // Three independent statements, sent together (one round trip).
  const [current, previousFlow, byStatus] = await Promise.all([
    flow(tx, p, true),
    flow(tx, previous(p), false),
    rows<{ status: string; currency: string; orders: number; value: string }>(
      tx,
      sql`select r.status, r.currency::text as currency, sum(r.orders)::int as orders, coalesce(sum(r.total), 0)::text as value
          from public.report_order_days r where ${rollupScope(p)} group by r.status, r.currency having sum(r.orders) <> 0`,
    ),
  ]);
  const [now, before] = [current.totals, previousFlow.totals];
  const perBucket = new Map<string, Partial<Flow>>();
  for (const r of current.buckets) perBucket.set(r.bucket, { ...perBucket.get(r.bucket), [r.event]: r.n });
  const points = fillBuckets(p, [...perBucket].map(([bucket, f]) => ({ bucket, ...f })), [...EVENT_LIST]);
  const placed = byStatus.reduce((n, r) => n + r.orders, 0);
  const currency = mainCurrency(byStatus);
  // Every status has a row (zero when none); order value per currency, never added across.
  const statusRows = ORDER_STATUSES.flatMap((status) => {
    const found = byStatus.filter((x) => x.status === status).sort((x, y) => x.currency.localeCompare(y.currency));
    return (found.length ? found : [{ status, currency, orders: 0, value: '0' }]).map((r) => ({ status, currency: r.currency, orders: r.orders, share: ratio(r.orders, placed), value: r.value }));
  });
  return {
    name: 'status',
    title: 'Orders by status',
    kpis: kpis<Flow>(
      [
        { key: 'placed', label: 'Placed', type: 'int' },
        { key: 'shipped', label: 'Shipped', type: 'int' },
        { key: 'delivered', label: 'Delivered', type: 'int' },
        { key: 'cancelled', label: 'Cancelled', type: 'int' },
      ],
      now,
      before,
    ),
    chart: {
      kind: 'line',
      bucket: bucketFor(p.from, p.to),
      series: [
        { key: 'placed', label: 'Placed', type: 'int' },
        { key: 'shipped', label: 'Shipped', type: 'int' },
        { key: 'delivered', label: 'Delivered', type: 'int' },
        { key: 'cancelled', label: 'Cancelled', type: 'int' },
      ],
      points,
    },
    notes: currencyNote(currency, byStatus.map((r) => r.currency)).length
      ? [`Order values are listed per currency (${[...new Set(byStatus.map((r) => r.currency))].sort().join(', ')}); they are not added across currencies.`]
      : [],
    tables: [
      {
        title: 'Status now of the orders placed in the range',
        columns: [
          { key: 'status', label: 'Status', type: 'text' },
          { key: 'currency', label: 'Currency', type: 'text' },
          { key: 'orders', label: 'Orders', type: 'int' },
          { key: 'share', label: 'Share', type: 'percent' },
          { key: 'value', label: 'Order value', type: 'money' },
        ],
        rows: statusRows,
      },
      {
        title: 'Flow per day',
        columns: [
          { key: 'label', label: bucketFor(p.from, p.to) === 'week' ? 'Week of' : 'Day', type: 'date' },
          { key: 'placed', label: 'Placed', type: 'int' },
          { key: 'shipped', label: 'Shipped', type: 'int' },
          { key: 'delivered', label: 'Delivered', type: 'int' },
          { key: 'cancelled', label: 'Cancelled', type: 'int' },
        ],
        rows: points,
      },
    ],
    empty:
      Object.values(now).every((n) => n === 0)
        ? { title: 'No order activity in this period', text: 'Nothing was placed, shipped, delivered or cancelled in this range. Widen the range or clear the filters.' }
        : undefined,
  };
}
