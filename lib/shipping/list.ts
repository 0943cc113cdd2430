import 'server-only';
// One page of the organization's shipments, newest first. Filtered by org explicitly and read
// under RLS.
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import { orders, shipments, type ShipmentStatus } from '@/lib/db/schema';
import { pageWindow } from '@/lib/paging';
import type { ShipmentView } from './types';

export const SHIPMENTS_PAGE_SIZE = 50;

export const SHIPMENT_FILTERS = ['all', 'active', 'purchased', 'voided', 'problems'] as const;
export type ShipmentFilter = (typeof SHIPMENT_FILTERS)[number];

const FILTER_STATES: Record<Exclude<ShipmentFilter, 'all'>, ShipmentStatus[]> = {
  active: ['purchasing', 'purchased', 'unknown', 'refund_pending'],
  purchased: ['purchased'],
  voided: ['refund_pending', 'refunded', 'voided'],
  problems: ['failed', 'unknown'],
};

/** Label spend of the calendar month so far, in the organization's time zone: labels bought and not refunded. */
export async function labelSpendThisMonth(tx: Tx, orgId: string, now: Date = new Date()): Promise<{ amount: string; currency: string }[]> {
  const rows = rowsOf<{ amount: string; currency: string }>(
    await tx.execute(sql`with z as (select coalesce((select time_zone from public.organizations where id = ${orgId}::uuid), 'UTC') as tz)
      select coalesce(sum(label_cost), 0)::text as amount, coalesce(currency, 'USD') as currency from public.shipments, z
      where org_id = ${orgId}::uuid and source = 'label' and status in ('purchased', 'refund_pending')
        and created_at >= date_trunc('month', ${now.toISOString()}::timestamptz at time zone z.tz) at time zone z.tz
      group by currency`),
  );
  return rows.length ? rows : [{ amount: '0', currency: 'USD' }];
}

export async function listShipments(tx: Tx, orgId: string, requestedPage: number, filter: ShipmentFilter = 'all') {
  const where = filter === 'all' ? eq(shipments.orgId, orgId) : and(eq(shipments.orgId, orgId), inArray(shipments.status, FILTER_STATES[filter]));
  const [{ total }] = await tx.select({ total: count() }).from(shipments).where(where);
  const w = pageWindow(requestedPage, total, SHIPMENTS_PAGE_SIZE);
  const rows = await tx
    .select({
      id: shipments.id,
      orderId: shipments.orderId,
      externalOrderId: orders.externalOrderId,
      marketplace: orders.marketplace,
      status: shipments.status,
      carrier: shipments.carrier,
      serviceLevel: shipments.serviceLevel,
      trackingNumber: shipments.trackingNumber,
      labelCost: shipments.labelCost,
      currency: shipments.currency,
      push: shipments.trackingPushStatus,
      delivery: shipments.deliveryStatus,
      pushError: shipments.trackingPushError,
      source: shipments.source,
      labelUrl: shipments.labelUrl,
      createdBy: shipments.createdBy,
      createdAt: shipments.createdAt,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(where)
    .orderBy(desc(shipments.createdAt), desc(shipments.id))
    .limit(w.limit)
    .offset(w.offset);
  // Who bought each label: the organization's members as the member list shows them.
  const members = rows.some((r) => r.createdBy)
    ? rowsOf<{ user_id: string; email: string }>(await tx.execute(sql`select user_id, email from private.org_members(${orgId}::uuid)`))
    : [];
  const email = new Map(members.map((m) => [m.user_id, m.email]));
  return { rows: rows.map((r) => ({ ...r, boughtBy: r.createdBy ? (email.get(r.createdBy) ?? 'a former member') : null })), total, page: w.page, pageCount: w.pageCount };
}

/** The labels of one order, newest first (read under RLS). */
export async function listOrderShipments(tx: Tx, orgId: string, orderId: string): Promise<ShipmentView[]> {
  const rows = await tx
    .select({
      id: shipments.id, status: shipments.status, carrier: shipments.carrier, serviceLevel: shipments.serviceLevel,
      trackingNumber: shipments.trackingNumber, trackingUrl: shipments.trackingUrl, labelUrl: shipments.labelUrl,
      labelCost: shipments.labelCost, currency: shipments.currency, error: shipments.error, createdAt: shipments.createdAt,
    })
    .from(shipments)
    .where(and(eq(shipments.orgId, orgId), eq(shipments.orderId, orderId), eq(shipments.source, 'label')))
    .orderBy(desc(shipments.createdAt))
    .limit(10);
  return rows;
}
