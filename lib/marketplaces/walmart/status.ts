// Walmart has no order-level status: every order line carries one or more status entries
// (`orderLineStatus[]`, each with a quantity). The order's normalized status is derived from them.
import type { OrderStatus } from '@/lib/marketplaces/types';

/** Every `orderLineStatus.status` value in the Orders spec enum. */
export const WALMART_LINE_STATUSES = ['Created', 'Acknowledged', 'Shipped', 'Delivered', 'Cancelled', 'Refund'] as const;
export type WalmartLineStatus = (typeof WALMART_LINE_STATUSES)[number];

/** What a quantity in this status means for the order, as if every unit were in it. */
export const LINE_STATUS_TABLE: Record<WalmartLineStatus, OrderStatus> = {
  Created: 'unshipped',
  Acknowledged: 'unshipped',
  Shipped: 'shipped',
  Delivered: 'delivered',
  Cancelled: 'cancelled',
  // Walmart refunds after the goods went out (returns); before shipment a line is Cancelled.
  // Nothing is left to ship, so the unit counts as done.
  Refund: 'delivered',
};

/** An unknown value must not stop a sync: it means "we can't tell yet", never "ship it". */
export const UNKNOWN_LINE_STATUS: OrderStatus = 'pending';

export function lineStatusToNormalized(status: string): OrderStatus {
  return Object.hasOwn(LINE_STATUS_TABLE, status) ? LINE_STATUS_TABLE[status as WalmartLineStatus] : UNKNOWN_LINE_STATUS;
}

/** Quantities in these statuses have left the seller's hands. */
export function countsAsShipped(status: string): boolean {
  const s = lineStatusToNormalized(status);
  return s === 'shipped' || s === 'delivered';
}

export interface StatusEntry {
  status: string;
  quantity: number;
}

/**
 * The order's status from all its lines' entries: cancelled units are ignored unless nothing
 * else is left; all delivered → delivered; all out (shipped or delivered) → shipped; some out and
 * others still open → partially_shipped; none out → unshipped (pending if only unknown values).
 */
export function orderStatusFromLines(entries: StatusEntry[]): OrderStatus {
  const withQty = entries.filter((e) => e.quantity > 0);
  const considered = withQty.length ? withQty : entries;
  const kinds = new Set(considered.map((e) => lineStatusToNormalized(e.status)));
  if (kinds.size === 0) return UNKNOWN_LINE_STATUS;
  kinds.delete('cancelled');
  if (kinds.size === 0) return 'cancelled';
  const out = kinds.has('shipped') || kinds.has('delivered');
  const open = kinds.has('unshipped') || kinds.has('pending') || kinds.has('partially_shipped');
  if (out && open) return 'partially_shipped';
  if (out) return kinds.has('shipped') ? 'shipped' : 'delivered';
  return kinds.has('unshipped') ? 'unshipped' : UNKNOWN_LINE_STATUS;
}

/** The raw statuses, each once in order of appearance ("Shipped,Acknowledged"). */
export function rawStatusSummary(entries: StatusEntry[]): string {
  return [...new Set(entries.map((e) => e.status))].join(',');
}
