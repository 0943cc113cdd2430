// Every documented Amazon order status, mapped to ESM's normalized status. Both enums are listed:
// Orders v2026-01-01 FulfillmentStatus (what this connector reads) and Orders v0 OrderStatus (the
// same states in CamelCase; kept so a v0 payload or an ORDER_CHANGE notification maps the same).
import type { OrderStatus } from '@/lib/marketplaces/types';

export const AMAZON_STATUS_TABLE: Readonly<Record<string, OrderStatus>> = {
  // v2026-01-01 FulfillmentStatus
  PENDING_AVAILABILITY: 'pending', // pre-order, payment not authorised, release date in the future
  PENDING: 'pending', // placed, not ready to ship (payment authorisation)
  UNSHIPPED: 'unshipped',
  PARTIALLY_SHIPPED: 'partially_shipped',
  SHIPPED: 'shipped',
  CANCELLED: 'cancelled',
  // "cannot be fulfilled" (Amazon-fulfilled, non-Amazon-site orders): it will never ship.
  UNFULFILLABLE: 'cancelled',
  // v0 OrderStatus
  PendingAvailability: 'pending',
  Pending: 'pending',
  Unshipped: 'unshipped',
  PartiallyShipped: 'partially_shipped',
  Shipped: 'shipped',
  // "All items shipped; the seller has not confirmed the invoice was sent" (invoice-required marketplaces).
  InvoiceUnconfirmed: 'shipped',
  Canceled: 'cancelled',
  Unfulfillable: 'cancelled',
};

/**
 * An unknown value must not stop a sync: it becomes 'pending', the one status that never asks
 * anybody to ship or refund, and the caller keeps the raw value in marketplaceStatus.
 */
export function mapAmazonStatus(raw: string | null | undefined): OrderStatus {
  return (raw && Object.hasOwn(AMAZON_STATUS_TABLE, raw) ? AMAZON_STATUS_TABLE[raw] : undefined) ?? 'pending';
}
