// The column-range checks run before the upsert: one value Postgres would refuse (and with it the
// whole page's statement) sends only its record to quarantine.
import { describe, expect, it } from 'vitest';
import type { NormalizedListing, NormalizedOrder } from '@/lib/marketplaces/types';
import { listingOutOfRange, ORDER_RECORDS, orderOutOfRange, screenPage } from './quarantine';

const order = (over: Partial<NormalizedOrder> = {}, item: Partial<NormalizedOrder['items'][number]> = {}): NormalizedOrder => ({
  externalOrderId: 'PO-1', status: 'unshipped', marketplaceStatus: 'Created', orderedAt: new Date(0), updatedAt: new Date(1),
  shipBy: null, deliverBy: null, shippedAt: null, deliveredAt: null, cancelledAt: null, currency: 'USD',
  subtotal: '9999999999.99', shippingTotal: '0.00', taxTotal: '-0.01', total: '1.00',
  items: [{ lineId: '1', sku: null, title: null, quantity: 2_147_483_647, quantityShipped: 0, unitPrice: '1.00', marketplaceStatus: null, ...item }],
  buyer: null, ...over,
});
const listing = (over: Partial<NormalizedListing> = {}): NormalizedListing => ({
  sku: 'SKU-1', externalListingId: null, title: null, imageUrls: [], attributes: {}, price: '12.50', currency: 'USD', quantity: 3,
  publishStatus: 'published', marketplaceStatus: null, updatedAt: null, ...over,
});

describe('column ranges', () => {
  it('accepts the edges of numeric(12,2) and int', () => {
    expect(orderOutOfRange(order())).toBeNull();
    expect(listingOutOfRange(listing({ price: '-9999999999.99', quantity: -2_147_483_647 }))).toBeNull();
  });

  it.each([
    [order({ total: '10000000000.00' }), 'total beyond the range ESM stores (numeric(12,2))'],
    [order({ subtotal: '1000000000000.00' }), 'subtotal beyond the range ESM stores (numeric(12,2))'],
    [order({}, { unitPrice: '12345678901.00' }), 'a line unit price beyond the range ESM stores (numeric(12,2))'],
    [order({}, { quantity: 2_147_483_648 }), 'a line quantity beyond the range ESM stores (int)'],
    [order({ items: [order().items[0], { ...order().items[0], lineId: '2', quantity: 1 }] }), 'item count beyond the range ESM stores (int)'],
    [order({ shipBy: new Date(Number.NaN) }), 'ship-by date is not a valid time'],
  ])('rejects an order: %#', (o, reason) => {
    expect(orderOutOfRange(o)).toBe(reason);
  });

  it('rejects listings beyond range', () => {
    expect(listingOutOfRange(listing({ price: '10000000000.00' }))).toBe('price beyond the range ESM stores (numeric(12,2))');
    expect(listingOutOfRange(listing({ quantity: 3_000_000_000 }))).toBe('quantity beyond the range ESM stores (int)');
  });

  it('screens a page: the rest is kept, the connector rejections carried along', () => {
    const bad = order({ externalOrderId: 'PO-2', total: '99999999999.00' });
    const prior = [{ kind: 'order' as const, externalId: 'PO-3', reason: 'unreadable field orderDate (invalid_type)' }];
    const { ok, rejected } = screenPage(ORDER_RECORDS, [order(), bad], prior);
    expect(ok.map((o) => o.externalOrderId)).toEqual(['PO-1']);
    expect(rejected).toEqual([...prior, { kind: 'order', externalId: 'PO-2', reason: 'total beyond the range ESM stores (numeric(12,2))' }]);
  });
});
