// eBay status values → ESM's normalized statuses, as tables over every documented enum value
// (developer.ebay.com sell/fulfillment types OrderFulfillmentStatus, LineItemFulfillmentStatusEnum,
// CancelStateEnum, OrderPaymentStatusEnum; sell/inventory OfferStatusEnum, ListingStatusEnum).
// An order's status combines three fields; values eBay adds later fall back to safe defaults and
// the raw values are kept in marketplaceStatus.
import type { OrderStatus, PublishStatus } from '@/lib/marketplaces/types';

export const ORDER_FULFILLMENT_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'FULFILLED'] as const;
export const LINE_FULFILLMENT_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'FULFILLED'] as const;
export const CANCEL_STATES = ['NONE_REQUESTED', 'IN_PROGRESS', 'CANCELED'] as const;
export const PAYMENT_STATUSES = ['PAID', 'PENDING', 'FAILED', 'FULLY_REFUNDED', 'PARTIALLY_REFUNDED'] as const;
export const OFFER_STATUSES = ['PUBLISHED', 'UNPUBLISHED'] as const;
export const LISTING_STATUSES = ['ACTIVE', 'OUT_OF_STOCK', 'INACTIVE', 'ENDED', 'EBAY_ENDED', 'NOT_LISTED'] as const;

/** Shipping progress of the order as a whole. eBay's Fulfillment API never reports delivery. */
export const FULFILLMENT_TO_STATUS: Record<(typeof ORDER_FULFILLMENT_STATUSES)[number], OrderStatus> = {
  NOT_STARTED: 'unshipped',
  IN_PROGRESS: 'partially_shipped',
  FULFILLED: 'shipped',
};

type CancelEffect = 'none' | 'requested' | 'cancelled';
/** IN_PROGRESS = a buyer asked to cancel; until the seller accepts, the order is still to ship. */
export const CANCEL_EFFECT: Record<(typeof CANCEL_STATES)[number], CancelEffect> = {
  NONE_REQUESTED: 'none',
  IN_PROGRESS: 'requested',
  CANCELED: 'cancelled',
};

type PaymentEffect = 'paid' | 'unpaid' | 'refunded';
/** "Once PAID is returned it is safe to ship"; PENDING/FAILED are not; a full refund undoes the sale. */
export const PAYMENT_EFFECT: Record<(typeof PAYMENT_STATUSES)[number], PaymentEffect> = {
  PAID: 'paid',
  PENDING: 'unpaid',
  FAILED: 'unpaid',
  FULLY_REFUNDED: 'refunded',
  PARTIALLY_REFUNDED: 'paid',
};

/** Unknown fulfillment value: 'pending' never prompts anyone to ship something. */
export const UNKNOWN_ORDER_STATUS: OrderStatus = 'pending';

const lookup = <T>(table: Record<string, T>, key: string | null | undefined): T | undefined =>
  key != null && Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;

export interface EbayOrderStatusInput {
  orderFulfillmentStatus: string;
  cancelState?: string | null;
  orderPaymentStatus?: string | null;
}

export function orderStatus(s: EbayOrderStatusInput): OrderStatus {
  const base = lookup(FULFILLMENT_TO_STATUS, s.orderFulfillmentStatus) ?? UNKNOWN_ORDER_STATUS;
  if (lookup(CANCEL_EFFECT, s.cancelState) === 'cancelled') return 'cancelled';
  if (base !== 'unshipped') return base; // shipped goods stay shipped whatever the payment says (returns)
  const pay = lookup(PAYMENT_EFFECT, s.orderPaymentStatus);
  if (pay === 'refunded') return 'cancelled'; // refunded in full before anything shipped
  if (pay === 'unpaid') return 'pending';
  return base;
}

/** The raw values, compact and PII-free: "NOT_STARTED/PAID/NONE_REQUESTED". */
export function marketplaceOrderStatus(s: EbayOrderStatusInput): string {
  return [s.orderFulfillmentStatus, s.orderPaymentStatus ?? '-', s.cancelState ?? '-'].join('/');
}

/**
 * Units of a line known to be shipped. getOrders has no per-line quantities: FULFILLED means the
 * line was assigned to fulfillments; IN_PROGRESS (part of it) cannot be counted without a
 * getShippingFulfillments call per order, so it claims none rather than guessing.
 */
export const LINE_SHIPPED: Record<(typeof LINE_FULFILLMENT_STATUSES)[number], 'all' | 'none'> = {
  NOT_STARTED: 'none',
  IN_PROGRESS: 'none',
  FULFILLED: 'all',
};

export function lineQuantityShipped(status: string | null | undefined, quantity: number): number {
  return lookup(LINE_SHIPPED, status) === 'all' ? quantity : 0;
}

export const OFFER_TO_PUBLISH: Record<(typeof OFFER_STATUSES)[number], PublishStatus> = {
  PUBLISHED: 'published',
  UNPUBLISHED: 'unpublished',
};

/** Refines a PUBLISHED offer by its listing's state. */
export const LISTING_TO_PUBLISH: Record<(typeof LISTING_STATUSES)[number], PublishStatus> = {
  ACTIVE: 'published',
  OUT_OF_STOCK: 'published', // still live, hidden from search until restocked
  INACTIVE: 'unpublished',
  ENDED: 'retired',
  EBAY_ENDED: 'retired',
  NOT_LISTED: 'pending',
};

export function publishStatus(offerStatus: string | null | undefined, listingStatus: string | null | undefined): PublishStatus {
  if (offerStatus == null) return 'unpublished'; // no offer: an inventory item nobody listed
  const byOffer = lookup(OFFER_TO_PUBLISH, offerStatus);
  if (byOffer === undefined) return 'pending';
  if (byOffer !== 'published') return byOffer;
  return lookup(LISTING_TO_PUBLISH, listingStatus) ?? 'published';
}
