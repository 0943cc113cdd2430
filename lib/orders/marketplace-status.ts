// What a marketplace's own status codes mean, in words, for the order page. The sync keeps the
// raw values (`orders.marketplace_status`: Walmart's line statuses joined by commas, Amazon's one
// fulfillment status, eBay's "fulfillment/payment/cancel" triple); one table per marketplace says
// what each documented value means. A value a marketplace adds later is shown as it came.
import type { Marketplace } from '@/lib/model';

/** Walmart order-line statuses (Orders API `orderLineStatus.status`). */
export const WALMART_STATUS_WORDS: Readonly<Record<string, string>> = {
  Created: 'New, not yet acknowledged',
  Acknowledged: 'Acknowledged, to ship',
  Shipped: 'Shipped',
  Delivered: 'Delivered',
  Cancelled: 'Cancelled',
  Refund: 'Refunded',
};

/** Amazon Orders v2026-01-01 FulfillmentStatus, and the same states as Orders v0 OrderStatus. */
export const AMAZON_STATUS_WORDS: Readonly<Record<string, string>> = {
  PENDING_AVAILABILITY: 'Pre-order, not yet released',
  PENDING: 'Payment not yet authorized',
  UNSHIPPED: 'Paid, to ship',
  PARTIALLY_SHIPPED: 'Partly shipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Cancelled',
  UNFULFILLABLE: 'Cannot be fulfilled',
  PendingAvailability: 'Pre-order, not yet released',
  Pending: 'Payment not yet authorized',
  Unshipped: 'Paid, to ship',
  PartiallyShipped: 'Partly shipped',
  Shipped: 'Shipped',
  InvoiceUnconfirmed: 'Shipped, invoice not yet confirmed',
  Canceled: 'Cancelled',
  Unfulfillable: 'Cannot be fulfilled',
  UNKNOWN: 'No status given',
};

/** eBay's three fields, in the order the sync stores them: fulfillment / payment / cancellation. */
export const EBAY_STATUS_WORDS: Readonly<{ fulfillment: Record<string, string>; payment: Record<string, string>; cancel: Record<string, string> }> = {
  fulfillment: { NOT_STARTED: 'Not shipped yet', IN_PROGRESS: 'Partly shipped', FULFILLED: 'Shipped' },
  payment: {
    PAID: 'paid',
    PENDING: 'payment pending',
    FAILED: 'payment failed',
    FULLY_REFUNDED: 'refunded in full',
    PARTIALLY_REFUNDED: 'partly refunded',
  },
  cancel: { NONE_REQUESTED: 'no cancellation requested', IN_PROGRESS: 'buyer asked to cancel', CANCELED: 'cancelled' },
};

const word = (table: Readonly<Record<string, string>>, code: string) => (Object.hasOwn(table, code) ? table[code] : code);
const sentence = (parts: string[]) => {
  const s = parts.filter(Boolean).join(', ');
  return s ? s[0].toUpperCase() + s.slice(1) : s;
};

/** "Not shipped yet, paid, no cancellation requested" for eBay's "NOT_STARTED/PAID/NONE_REQUESTED". */
export function describeMarketplaceStatus(marketplace: Marketplace | string, raw: string | null | undefined): string {
  const code = (raw ?? '').trim();
  if (!code) return 'No status given';
  switch (marketplace) {
    case 'walmart': {
      // One status per line; "Shipped,Acknowledged" means some lines shipped and some not.
      const words = [...new Set(code.split(',').map((c) => word(WALMART_STATUS_WORDS, c.trim())))];
      return words.length === 1 ? words[0] : `Lines: ${words.map((w) => w.toLowerCase()).join('; ')}`;
    }
    case 'amazon':
      return word(AMAZON_STATUS_WORDS, code);
    case 'ebay': {
      const [fulfillment, payment, cancel] = code.split('/');
      return sentence([
        word(EBAY_STATUS_WORDS.fulfillment, fulfillment ?? ''),
        payment && payment !== '-' ? word(EBAY_STATUS_WORDS.payment, payment) : '',
        cancel && cancel !== '-' ? word(EBAY_STATUS_WORDS.cancel, cancel) : '',
      ]);
    }
    default:
      return code;
  }
}
