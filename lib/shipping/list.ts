import 'server-only';
// One page of the organization's shipments, newest first. Filtered by org explicitly and read
// under RLS.
import { count, desc, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { orders, shipments } from '@/lib/db/schema';
import { pageWindow } from '@/lib/paging';

export const SHIPMENTS_PAGE_SIZE = 50;

export async function listShipments(tx: Tx, orgId: string, requestedPage: number) {
  const [{ total }] = await tx.select({ total: count() }).from(shipments).where(eq(shipments.orgId, orgId));
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
      createdAt: shipments.createdAt,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(eq(shipments.orgId, orgId))
    .orderBy(desc(shipments.createdAt), desc(shipments.id))
    .limit(w.limit)
    .offset(w.offset);
  return { rows, total, page: w.page, pageCount: w.pageCount };
}
