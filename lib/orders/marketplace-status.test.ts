import { describe, expect, it } from 'vitest';
import { AMAZON_STATUS_TABLE } from '@/lib/marketplaces/amazon/status';
import { CANCEL_STATES, ORDER_FULFILLMENT_STATUSES, PAYMENT_STATUSES } from '@/lib/marketplaces/ebay/status';
import { WALMART_LINE_STATUSES } from '@/lib/marketplaces/walmart/status';
import { AMAZON_STATUS_WORDS, EBAY_STATUS_WORDS, WALMART_STATUS_WORDS, describeMarketplaceStatus } from './marketplace-status';

describe('describeMarketplaceStatus', () => {
  it('has words for every status each connector knows', () => {
    expect(Object.keys(WALMART_STATUS_WORDS).sort()).toEqual([...WALMART_LINE_STATUSES].sort());
    for (const code of Object.keys(AMAZON_STATUS_TABLE)) expect(AMAZON_STATUS_WORDS, code).toHaveProperty(code);
    expect(Object.keys(EBAY_STATUS_WORDS.fulfillment).sort()).toEqual([...ORDER_FULFILLMENT_STATUSES].sort());
    expect(Object.keys(EBAY_STATUS_WORDS.payment).sort()).toEqual([...PAYMENT_STATUSES].sort());
    expect(Object.keys(EBAY_STATUS_WORDS.cancel).sort()).toEqual([...CANCEL_STATES].sort());
  });

  it('Walmart: one status, or the lines when they differ', () => {
    expect(describeMarketplaceStatus('walmart', 'Created')).toBe('New, not yet acknowledged');
    expect(describeMarketplaceStatus('walmart', 'Acknowledged,Acknowledged')).toBe('Acknowledged, to ship');
    expect(describeMarketplaceStatus('walmart', 'Shipped,Acknowledged')).toBe('Lines: shipped; acknowledged, to ship');
    expect(describeMarketplaceStatus('walmart', 'Refund')).toBe('Refunded');
  });

  it('Amazon: both enums read the same', () => {
    expect(describeMarketplaceStatus('amazon', 'UNSHIPPED')).toBe('Paid, to ship');
    expect(describeMarketplaceStatus('amazon', 'Unshipped')).toBe('Paid, to ship');
    expect(describeMarketplaceStatus('amazon', 'InvoiceUnconfirmed')).toBe('Shipped, invoice not yet confirmed');
  });

  it('eBay: fulfillment, payment and cancellation in one sentence', () => {
    expect(describeMarketplaceStatus('ebay', 'NOT_STARTED/PAID/NONE_REQUESTED')).toBe('Not shipped yet, paid, no cancellation requested');
    expect(describeMarketplaceStatus('ebay', 'NOT_STARTED/PENDING/IN_PROGRESS')).toBe('Not shipped yet, payment pending, buyer asked to cancel');
    expect(describeMarketplaceStatus('ebay', 'FULFILLED/-/-')).toBe('Shipped');
  });

  it('keeps a code it does not know, and says when there is none', () => {
    expect(describeMarketplaceStatus('amazon', 'NEW_THING')).toBe('NEW_THING');
    expect(describeMarketplaceStatus('walmart', 'Created,Mystery')).toBe('Lines: new, not yet acknowledged; mystery');
    expect(describeMarketplaceStatus('ebay', '')).toBe('No status given');
  });
});
