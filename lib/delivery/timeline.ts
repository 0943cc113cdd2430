// The tracking timeline of an order's live labels, read as the person under RLS: each label's
// delivery status, expected delivery, the carrier's tracking page and its scans, newest first.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { shipmentTrackingEvents, shipments, type DeliveryStatus } from '@/lib/db/schema';

export interface TrackingView {
  shipmentId: string;
  carrier: string | null;
  trackingNumber: string;
  trackingUrl: string | null;
  status: DeliveryStatus;
  statusAt: Date | null;
  eta: Date | null;
  deliveredAt: Date | null;
  events: Array<{ id: string; status: DeliveryStatus; details: string | null; at: Date }>;
}

export async function loadTracking(tx: Tx, orderId: string): Promise<TrackingView[]> {
  const rows = await tx
    .select()
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), inArray(shipments.status, ['purchased', 'refund_pending'])))
    .orderBy(desc(shipments.createdAt))
    .limit(10);
  const live = rows.filter((r) => r.trackingNumber);
  if (!live.length) return [];
  const events = await tx
    .select()
    .from(shipmentTrackingEvents)
    .where(inArray(shipmentTrackingEvents.shipmentId, live.map((r) => r.id)))
    .orderBy(desc(shipmentTrackingEvents.occurredAt), desc(shipmentTrackingEvents.createdAt))
    .limit(200);
  return live.map((r) => ({
    shipmentId: r.id,
    carrier: r.carrier,
    trackingNumber: r.trackingNumber!,
    trackingUrl: r.trackingUrl,
    status: r.deliveryStatus ?? 'unknown',
    statusAt: r.deliveryStatusAt,
    eta: r.deliveryEta,
    deliveredAt: r.deliveredAt,
    events: events.filter((e) => e.shipmentId === r.id).map((e) => ({ id: e.id, status: e.status, details: e.details, at: e.occurredAt })),
  }));
}
