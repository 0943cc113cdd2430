import 'server-only';
// What the bulk pages read, under RLS in the person's transaction: the orders a label can be
// bought for now, and the labels of a batch for its merged PDF.
import { and, asc, eq, exists, inArray, isNotNull, isNull, notExists, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { orderBuyers, orders, shipments } from '@/lib/db/schema';
import type { Marketplace } from '@/lib/model';
import { BATCH_MAX } from './batch';
import { ACTIVE_STATES } from './shippable';

export interface ReadyOrder {
  id: string;
  externalOrderId: string;
  marketplace: Marketplace;
  shipBy: Date | null;
  total: string;
  currency: string;
}

/** Open orders a label can be bought for now; `among` narrows them to a selection (Orders → Buy labels). */
export async function listReadyOrders(tx: Tx, orgId: string, among?: string[]): Promise<ReadyOrder[]> {
  return tx
    .select({ id: orders.id, externalOrderId: orders.externalOrderId, marketplace: orders.marketplace, shipBy: orders.shipBy, total: orders.total, currency: orders.currency })
    .from(orders)
    .where(
      and(
        eq(orders.orgId, orgId),
        among ? inArray(orders.id, among) : undefined,
        inArray(orders.status, ['pending', 'unshipped', 'partially_shipped']),
        eq(orders.onHold, false),
        notExists(tx.select({ one: sql`1` }).from(shipments).where(and(eq(shipments.orderId, orders.id), eq(shipments.source, 'label'), inArray(shipments.status, [...ACTIVE_STATES])))),
        // An address to ship to: never shared or anonymized is not ready.
        exists(tx.select({ one: sql`1` }).from(orderBuyers).where(and(eq(orderBuyers.orderId, orders.id), isNull(orderBuyers.anonymizedAt), isNotNull(orderBuyers.addressLine1)))),
      ),
    )
    .orderBy(sql`${orders.shipBy} asc nulls last`, asc(orders.orderedAt))
    .limit(BATCH_MAX);
}

/** Label URLs of these shipments that are still live, in the given order. */
export async function liveLabelUrls(tx: Tx, orgId: string, shipmentIds: string[]): Promise<string[]> {
  if (!shipmentIds.length) return [];
  const rows = await tx
    .select({ id: shipments.id, url: shipments.labelUrl })
    .from(shipments)
    .where(and(eq(shipments.orgId, orgId), inArray(shipments.id, shipmentIds), inArray(shipments.status, ['purchased', 'refund_pending'])));
  const byId = new Map(rows.map((r) => [r.id, r.url]));
  return shipmentIds.map((id) => byId.get(id)).filter((u): u is string => !!u);
}

export interface BatchLabel {
  carrier: string | null;
  service: string | null;
  trackingNumber: string | null;
  cost: string | null;
  currency: string | null;
  status: string;
}

/** What each label a batch bought is now: carrier, service, cost and tracking, as on the Shipments page. */
export async function batchLabels(tx: Tx, orgId: string, shipmentIds: string[]): Promise<Map<string, BatchLabel>> {
  if (!shipmentIds.length) return new Map();
  const rows = await tx
    .select({
      id: shipments.id, carrier: shipments.carrier, service: shipments.serviceLevel, trackingNumber: shipments.trackingNumber,
      cost: shipments.labelCost, currency: shipments.currency, status: shipments.status,
    })
    .from(shipments)
    .where(and(eq(shipments.orgId, orgId), inArray(shipments.id, shipmentIds)));
  return new Map(rows.map(({ id, ...label }) => [id, label]));
}

/** Marketplace order numbers of these orders (what people recognize). */
export async function orderNumbers(tx: Tx, orgId: string, orderIds: string[]): Promise<Map<string, string>> {
  if (!orderIds.length) return new Map();
  const rows = await tx.select({ id: orders.id, n: orders.externalOrderId }).from(orders).where(and(eq(orders.orgId, orgId), inArray(orders.id, orderIds)));
  return new Map(rows.map((r) => [r.id, r.n]));
}
