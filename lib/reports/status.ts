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

const col = (e: Event): SQL => sql.raw(`o.${EVENTS[e]}`);

async function flowTotals(tx: Tx, p: ReportParams): Promise<Flow> {
  const parts = (Object.keys(EVENTS) as Event[]).map(
    (e) => sql`(select count(*)::int from public.orders o where ${orderScope(p)} and ${inRange(col(e), p.from, p.to, p.timeZone)}) as ${sql.raw(e)}`,
  );
  const [r] = await rows<Flow>(tx, sql`select ${sql.join(parts, sql`, `)}`);
  return r;
}

export async function statusReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  const [now, before] = [await flowTotals(tx, p), await flowTotals(tx, previous(p))];
  const perBucket = new Map<string, Partial<Flow>>();
  for (const e of Object.keys(EVENTS) as Event[]) {
    const found = await rows<{ bucket: string; n: number }>(
      tx,
      sql`select ${bucketOf(col(e), p)} as bucket, count(*)::int as n from public.orders o
          where ${orderScope(p)} and ${inRange(col(e), p.from, p.to, p.timeZone)} group by 1`,
    );
    for (const r of found) perBucket.set(r.bucket, { ...perBucket.get(r.bucket), [e]: r.n });
  }
  const points = fillBuckets(p, [...perBucket].map(([bucket, f]) => ({ bucket, ...f }) as { bucket: string } & Flow), ['placed', 'shipped', 'delivered', 'cancelled']);
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
