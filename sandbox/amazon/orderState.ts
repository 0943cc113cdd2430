// An Amazon order as of "now": the shared simOrder timeline (payment pending, buyer
// cancellation, shipments made outside this app) plus the overlay of what API calls changed.
// Only orders touched by confirmShipment are kept in memory.
import { lastModified, orderCount, simOrder, type AccountProfile, type SimOrder } from '@/sandbox/core/catalog';
import { intBetween, rngFor } from '@/sandbox/core/random';
import { orderIdFor, orderItemIdFor } from './ids';

export type OrderStatus = 'Pending' | 'Unshipped' | 'PartiallyShipped' | 'Shipped' | 'Canceled';
export const ORDER_STATUSES: readonly string[] = [
  'PendingAvailability', 'Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'InvoiceUnconfirmed', 'Canceled', 'Unfulfillable',
];

export interface ShipmentPackage {
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: number;
  confirmedAt: number;
  items: Array<{ orderItemId: string; quantity: number }>;
}

export interface Overlay {
  /** When the first API change happened: timeline events after it no longer apply. */
  since: number;
  lastUpdate: number;
  /** Quantity shipped through the API, per line (index = lineNumber - 1). */
  shipped: number[];
  packages: ShipmentPackage[];
}

export interface OrderView {
  index: number;
  id: string;
  order: SimOrder;
  itemIds: string[];
  status: OrderStatus;
  /** Payment authorised (the order leaves Pending) at this time. */
  paymentAt: number;
  shipped: number[];
  lastUpdate: number;
  packages: ShipmentPackage[];
  /** Set for shipments the seller made outside this app (time of each part). */
  timelineShipments: Array<{ at: number; lines: number[] }>;
}

export function paymentTime(profile: AccountProfile, o: SimOrder): number {
  return o.createdAt + intBetween(rngFor(profile.seed, 'payment', o.index), 5, 30) * 60_000;
}

export function orderExists(profile: AccountProfile, index: number, now: number): boolean {
  return Number.isInteger(index) && index >= 0 && index < orderCount(profile, now);
}

export function viewOrder(profile: AccountProfile, index: number, overlay: Overlay | undefined, now: number): OrderView {
  const o = simOrder(profile, index);
  const cutoff = overlay ? Math.min(now, overlay.since) : now;
  const paymentAt = paymentTime(profile, o);
  const shipped = o.lines.map(() => 0);
  const timelineShipments: OrderView['timelineShipments'] = [];
  const all = o.lines.map((_, i) => i);
  if (o.shippedAt !== null && o.shippedAt <= cutoff) {
    if (o.partialShipAt !== null) {
      timelineShipments.push({ at: o.partialShipAt, lines: all.slice(0, -1) });
      timelineShipments.push({ at: o.shippedAt, lines: all.slice(-1) });
    } else timelineShipments.push({ at: o.shippedAt, lines: all });
  } else if (o.partialShipAt !== null && o.partialShipAt <= cutoff) {
    timelineShipments.push({ at: o.partialShipAt, lines: all.slice(0, -1) });
  }
  for (const s of timelineShipments) for (const i of s.lines) shipped[i] = o.lines[i].quantity;
  if (overlay) overlay.shipped.forEach((q, i) => (shipped[i] = Math.min(o.lines[i].quantity, shipped[i] + q)));

  let lastUpdate = Math.max(lastModified(o, cutoff), paymentAt <= now ? paymentAt : o.createdAt);
  if (overlay) lastUpdate = Math.max(lastUpdate, overlay.lastUpdate);

  const ordered = o.lines.reduce((s, l) => s + l.quantity, 0);
  const shippedTotal = shipped.reduce((s, q) => s + q, 0);
  let status: OrderStatus;
  if (o.cancelledAt !== null && o.cancelledAt <= cutoff) status = 'Canceled';
  else if (now < paymentAt) status = 'Pending';
  else if (shippedTotal === 0) status = 'Unshipped';
  else status = shippedTotal >= ordered ? 'Shipped' : 'PartiallyShipped';

  return {
    index,
    id: orderIdFor(profile.seed, index),
    order: o,
    itemIds: o.lines.map((l) => orderItemIdFor(profile.seed, index, l.lineNumber)),
    status,
    paymentAt,
    shipped,
    lastUpdate,
    packages: overlay?.packages ?? [],
    timelineShipments,
  };
}

/** Orders changed by API calls, per selling partner. */
export class OverlayStore {
  private readonly bySeller = new Map<string, Map<number, Overlay>>();

  get(sellerId: string, index: number): Overlay | undefined {
    return this.bySeller.get(sellerId)?.get(index);
  }

  forSeller(sellerId: string): ReadonlyMap<number, Overlay> {
    return this.bySeller.get(sellerId) ?? new Map();
  }

  addShipment(sellerId: string, view: OrderView, pkg: ShipmentPackage, lineQty: number[], now: number): void {
    let m = this.bySeller.get(sellerId);
    if (!m) this.bySeller.set(sellerId, (m = new Map()));
    const o = m.get(view.index) ?? { since: now, lastUpdate: now, shipped: view.order.lines.map(() => 0), packages: [] };
    lineQty.forEach((q, i) => (o.shipped[i] += q));
    o.packages.push(pkg);
    o.lastUpdate = now;
    m.set(view.index, o);
  }
}
