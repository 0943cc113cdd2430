import 'server-only';
// What the order page shows about shipping: the order's labels, and the ship-from locations and
// packages to buy one with. Read in the person's transaction (RLS).
import type { Tx } from '@/lib/db';
import type { OrderStatus } from '@/lib/model';
import type { BuyerView } from '@/lib/orders/detail';
import { listOrderShipments } from './list';
import { listPresets, listShipFrom } from './settings';
import { ACTIVE_STATES } from './shippable';
import type { ShipmentView } from './types';

export async function loadOrderShipping(tx: Tx, orgId: string, orderId: string) {
  const shipments = await listOrderShipments(tx, orgId, orderId);
  const locations = (await listShipFrom(tx, orgId)).map((l) => ({ id: l.id, name: l.name, isDefault: l.isDefault }));
  return { shipments, locations, presets: await listPresets(tx, orgId) };
}

/** The Ship panel is offered when a purchase could succeed (the server checks all of it again). */
/** Whether the Ship panel belongs on the order page: open, not on hold, an address to ship to, no live label. */
export function canShip(order: { status: OrderStatus; hold: { onHold: boolean }; buyer: BuyerView | null }, shipments: ShipmentView[]): boolean {
  if (order.hold.onHold || ['shipped', 'delivered', 'cancelled'].includes(order.status)) return false;
  // No address (never shared, or anonymized): the Ship to card says why; nothing to quote.
  if (!order.buyer || order.buyer.anonymized) return false;
  return !shipments.some((s) => (ACTIVE_STATES as readonly string[]).includes(s.status));
}

/** The stored ship-to as the correction form shows it; null when there is none to correct. */
export function shipToValues(buyer: BuyerView | null) {
  if (!buyer || buyer.anonymized) return null;
  const [street1 = '', ...rest] = buyer.addressLines;
  return { street1, street2: rest.join(' '), city: buyer.city ?? '', state: buyer.region ?? '', zip: buyer.postalCode ?? '' };
}
