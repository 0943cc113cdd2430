import { describe, expect, it } from 'vitest';
import {
  CANCEL_STATES, LINE_FULFILLMENT_STATUSES, LISTING_STATUSES, OFFER_STATUSES, ORDER_FULFILLMENT_STATUSES, PAYMENT_STATUSES,
  lineQuantityShipped, marketplaceOrderStatus, orderStatus, publishStatus,
} from './status';

// The expected status of every documented combination, spelled out independently of the tables.
function expected(f: string, pay: string, cancel: string): string {
  if (cancel === 'CANCELED') return 'cancelled';
  if (f === 'FULFILLED') return 'shipped';
  if (f === 'IN_PROGRESS') return 'partially_shipped';
  if (pay === 'FULLY_REFUNDED') return 'cancelled';
  if (pay === 'PENDING' || pay === 'FAILED') return 'pending';
  return 'unshipped';
}

describe('eBay order status table', () => {
  it('documents exactly eBay’s enum values', () => {
    expect([...ORDER_FULFILLMENT_STATUSES].sort()).toEqual(['FULFILLED', 'IN_PROGRESS', 'NOT_STARTED']);
    expect([...CANCEL_STATES].sort()).toEqual(['CANCELED', 'IN_PROGRESS', 'NONE_REQUESTED']);
    expect([...PAYMENT_STATUSES].sort()).toEqual(['FAILED', 'FULLY_REFUNDED', 'PAID', 'PARTIALLY_REFUNDED', 'PENDING']);
  });

  const combos = ORDER_FULFILLMENT_STATUSES.flatMap((f) => PAYMENT_STATUSES.flatMap((p) => CANCEL_STATES.map((c) => [f, p, c] as const)));
  it.each(combos)('%s / %s / %s', (f, p, c) => {
    expect(orderStatus({ orderFulfillmentStatus: f, orderPaymentStatus: p, cancelState: c })).toBe(expected(f, p, c));
    expect(marketplaceOrderStatus({ orderFulfillmentStatus: f, orderPaymentStatus: p, cancelState: c })).toBe(`${f}/${p}/${c}`);
  });

  it('a cancel request alone does not cancel; the order still has to ship', () => {
    expect(orderStatus({ orderFulfillmentStatus: 'NOT_STARTED', orderPaymentStatus: 'PAID', cancelState: 'IN_PROGRESS' })).toBe('unshipped');
  });

  it('unknown or missing values do not throw and fall back to safe defaults', () => {
    expect(orderStatus({ orderFulfillmentStatus: 'SOMETHING_NEW', orderPaymentStatus: 'PAID', cancelState: 'NONE_REQUESTED' })).toBe('pending');
    expect(orderStatus({ orderFulfillmentStatus: 'NOT_STARTED', orderPaymentStatus: 'NEW_PAY', cancelState: 'NEW_CANCEL' })).toBe('unshipped');
    expect(orderStatus({ orderFulfillmentStatus: 'NOT_STARTED' })).toBe('unshipped');
    expect(orderStatus({ orderFulfillmentStatus: 'toString' })).toBe('pending'); // no prototype lookups
    expect(marketplaceOrderStatus({ orderFulfillmentStatus: 'SOMETHING_NEW' })).toBe('SOMETHING_NEW/-/-');
  });
});

describe('eBay line status table', () => {
  it.each(LINE_FULFILLMENT_STATUSES)('%s', (s) => {
    expect(lineQuantityShipped(s, 3)).toBe(s === 'FULFILLED' ? 3 : 0);
  });
  it('unknown → nothing shipped', () => {
    expect(lineQuantityShipped('NEW', 2)).toBe(0);
    expect(lineQuantityShipped(null, 2)).toBe(0);
  });
});

describe('eBay listing publish status', () => {
  it('documents exactly eBay’s enum values', () => {
    expect([...OFFER_STATUSES].sort()).toEqual(['PUBLISHED', 'UNPUBLISHED']);
    expect([...LISTING_STATUSES].sort()).toEqual(['ACTIVE', 'EBAY_ENDED', 'ENDED', 'INACTIVE', 'NOT_LISTED', 'OUT_OF_STOCK']);
  });
  const want: Record<string, string> = {
    ACTIVE: 'published', OUT_OF_STOCK: 'published', INACTIVE: 'unpublished', ENDED: 'retired', EBAY_ENDED: 'retired', NOT_LISTED: 'pending',
  };
  it.each(LISTING_STATUSES)('PUBLISHED + %s', (l) => expect(publishStatus('PUBLISHED', l)).toBe(want[l]));
  it('offer-only cases and unknowns', () => {
    expect(publishStatus('UNPUBLISHED', undefined)).toBe('unpublished');
    expect(publishStatus('PUBLISHED', undefined)).toBe('published');
    expect(publishStatus('PUBLISHED', 'NEW_LISTING_STATE')).toBe('published');
    expect(publishStatus('NEW_OFFER_STATE', 'ACTIVE')).toBe('pending');
    expect(publishStatus(null, null)).toBe('unpublished');
  });
});
