// Orders by status now (of the orders placed in the range), and the flow over the range: how many
// were placed, shipped, delivered and cancelled each day (each counted on its own date).
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { ORDER_STATUSES } from '@/lib/model';
import { bucketFor } from './range';
import { bucketOf, fillBuckets, inRange, kpis, orderScope, previous, ratio, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

const EVENTS = { placed: 'ordered_at', shipped: 'shipped_at', delivered: 'delivered_at', cancelled: 'cancelled_at' } as const;
type Event = keyof typeof EVENTS;
type Flow = Record<Event, number>;

const EVENT_LIST = Object.keys(EVENTS) as Event[];

/** Each order's events in the range, one row per (bucket, event), and per event over the range. */
async function flow(tx: Tx, p: ReportParams, withBuckets: boolean): Promise<{ totals: Flow; buckets: Array<{ bucket: string; event: Event; n: number }> }> {
  const inAny = sql.join(EVENT_LIST.map((e) => sql`(${inRange(sql.raw(`o.${EVENTS[e]}`), p.from, p.to, p.timeZone)})`), sql` or `);
  const values = sql.join(EVENT_LIST.map((e) => sql`(${e}, ${sql.raw(`o.${EVENTS[e]}`)})`), sql`, `);
  const found = await rows<{ bucket: string | null; event: Event; n: number }>(
    tx,
    sql`select ${withBuckets ? bucketOf(sql`e.at`, p) : sql`null`} as bucket, e.event, count(*)::int as n
        from public.orders o cross join lateral (values ${values}) as e(event, at)
        where ${orderScope(p)} and (${inAny}) and ${inRange(sql`e.at`, p.from, p.to, p.timeZone)}
        group by grouping sets ((1, 2), (2))`,
  );
  const totals = Object.fromEntries(EVENT_LIST.map((e) => [e, 0])) as Flow;
  for (const r of found) if (r.bucket === null) totals[r.event] = r.n;
  return { totals, buckets: found.filter((r): r is { bucket: string; event: Event; n: number } => r.bucket !== null) };
}

export async function statusReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  const current = await flow(tx, p, true);
  const [now, before] = [current.totals, (await flow(tx, previous(p), false)).totals];
  const perBucket = new Map<string, Partial<Flow>>();
  for (const r of current.buckets) perBucket.set(r.bucket, { ...perBucket.get(r.bucket), [r.event]: r.n });
  const points = fillBuckets(p, [...perBucket].map(([bucket, f]) => ({ bucket, ...f })), EVENT_LIST);
  const byStatus = await rows<{ status: string; orders: number; value: string }>(
    tx,
    sql`select o.status, count(*)::int as orders, coalesce(sum(o.total), 0)::text as value from public.orders o
        where ${orderScope(p)} and ${inRange(sql`o.ordered_at`, p.from, p.to, p.timeZone)} group by o.status`,
  );
  const placed = byStatus.reduce((n, r) => n + r.orders, 0);
  const statusRows = ORDER_STATUSES.map((status) => {
    const r = byStatus.find((x) => x.status === status);
    return { status, orders: r?.orders ?? 0, share: ratio(r?.orders ?? 0, placed), value: r?.value ?? '0' };
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
    tables: [
      {
        title: 'Status now of the orders placed in the range',
        columns: [
          { key: 'status', label: 'Status', type: 'text' },
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
