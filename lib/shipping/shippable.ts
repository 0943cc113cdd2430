import 'server-only';
// Whether an order can get a label now, read in the person's own transaction (RLS decides what
// they see). The answer is a refusal people can act on, or what rates and a purchase need. The
// buyer's address is returned to the caller in memory only: nothing here stores it.
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { orderBuyers, orderItems, orders, shipments } from '@/lib/db/schema';
import { hasRole } from '@/lib/orgs/roles';
import { roleIn } from '@/lib/orgs/roles';
import { isUuid } from '@/lib/orders/detail';
import type { AddressInput } from './addresses';

export const ACTIVE_STATES = ['purchasing', 'purchased', 'unknown', 'refund_pending'] as const;

export type ShipRefusal =
  | 'not_found' | 'forbidden' | 'on_hold' | 'shipped' | 'cancelled' | 'labelled' | 'in_progress' | 'no_address';

export const REFUSALS: Record<ShipRefusal, string> = {
  not_found: 'This order no longer exists or you no longer have access to it.',
  forbidden: "Viewers can't buy or void labels. Ask an admin of your organization for the operator role.",
  on_hold: 'This order is on hold. Release the hold before buying a label.',
  shipped: 'This order has already shipped. Nothing was bought.',
  cancelled: 'This order was cancelled. Nothing was bought.',
  labelled: 'This order already has a label. Void it first to buy another.',
  in_progress: 'A label for this order is being bought right now. Wait a moment and reload.',
  no_address: 'This order has no ship-to address (it may have been anonymized). Nothing was bought.',
};

export interface Shippable {
  orgId: string;
  orderId: string;
  externalOrderId: string;
  deliverBy: Date | null;
  itemCount: number;
  total: number;
  items: Array<{ sku: string | null; quantity: number }>;
  to: AddressInput;
}

export interface ActiveShipment {
  id: string;
  status: (typeof ACTIVE_STATES)[number];
}

export type ShippableAnswer =
  | { ok: true; order: Shippable }
  | { ok: false; refusal: ShipRefusal; active?: ActiveShipment; orgId?: string };

/** The caller's role in the order's organization; null when the order is not theirs to see. */
export async function orderRole(tx: Tx, orderId: string, userId: string) {
  if (!isUuid(orderId)) return null;
  const [o] = await tx.select({ orgId: orders.orgId }).from(orders).where(eq(orders.id, orderId)).limit(1);
  if (!o) return null;
  const role = await roleIn(tx, o.orgId, userId);
  return role ? { orgId: o.orgId, role } : null;
}

export async function loadShippable(tx: Tx, orderId: string, userId: string): Promise<ShippableAnswer> {
  const access = await orderRole(tx, orderId, userId);
  if (!access) return { ok: false, refusal: 'not_found' };
  if (!hasRole(access.role, 'operator')) return { ok: false, refusal: 'forbidden', orgId: access.orgId };
  const [o] = await tx.select().from(orders).where(eq(orders.id, orderId));
  const orgId = o.orgId;
  if (o.status === 'shipped' || o.status === 'delivered') return { ok: false, refusal: 'shipped', orgId };
  if (o.status === 'cancelled') return { ok: false, refusal: 'cancelled', orgId };
  if (o.onHold) return { ok: false, refusal: 'on_hold', orgId };
  const [active] = await tx
    .select({ id: shipments.id, status: shipments.status })
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), eq(shipments.source, 'label'), inArray(shipments.status, [...ACTIVE_STATES])));
  if (active) {
    const a = active as ActiveShipment;
    return { ok: false, refusal: a.status === 'purchasing' || a.status === 'unknown' ? 'in_progress' : 'labelled', active: a, orgId };
  }
  const [b] = await tx.select().from(orderBuyers).where(eq(orderBuyers.orderId, orderId));
  if (!b || b.anonymizedAt || !b.addressLine1 || !b.city || !b.postalCode || !b.country) return { ok: false, refusal: 'no_address', orgId };
  const items = await tx.select({ sku: orderItems.sku, quantity: orderItems.quantity }).from(orderItems).where(eq(orderItems.orderId, orderId));
  return {
    ok: true,
    order: {
      orgId,
      orderId,
      externalOrderId: o.externalOrderId,
      deliverBy: o.deliverBy,
      itemCount: items.reduce((n, i) => n + i.quantity, 0),
      total: Number(o.total),
      items,
      to: {
        name: b.name, street1: b.addressLine1, street2: [b.addressLine2, b.addressLine3].filter(Boolean).join(' ') || null,
        city: b.city, state: b.region ?? '', zip: b.postalCode, country: b.country, phone: b.phone, email: null,
      },
    },
  };
}
