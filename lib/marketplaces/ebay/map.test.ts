import { describe, expect, it } from 'vitest';
import { MarketplaceError } from '@/lib/marketplaces/http';
import fixture from './fixtures/order.json';
import { mapListing, mapOrder, mapOrders } from './map';
import { centsToMoney, decimalToCents } from '@/lib/marketplaces/money';
import { InventoryItem, Offer, Order, OrderPage, describeEbayError, parseWire } from './wire';

const order = (patch: (o: Record<string, unknown>) => void = () => {}) => {
  const o = structuredClone(fixture) as Record<string, unknown>;
  patch(o);
  return parseWire(Order, o, 'test');
};

describe('mapOrder', () => {
  it('maps a recorded-shape order', () => {
    const n = mapOrder(order());
    expect(n).toEqual({
      externalOrderId: '04-07534-15297',
      status: 'partially_shipped',
      marketplaceStatus: 'IN_PROGRESS/PAID/NONE_REQUESTED',
      orderedAt: new Date('2024-05-15T08:25:43.511Z'),
      updatedAt: new Date('2024-05-16T09:00:00.000Z'),
      shipBy: new Date('2024-05-16T06:59:59.000Z'),
      deliverBy: new Date('2024-05-23T07:00:00.000Z'),
      shippedAt: null,
      deliveredAt: null,
      cancelledAt: null,
      currency: 'USD',
      subtotal: '36.00',
      shippingTotal: '4.99',
      taxTotal: '3.24',
      total: '44.23',
      items: [
        { lineId: '10022882332101', sku: 'MUG-CER-11OZ-WHT', title: 'Ceramic Coffee Mug 11 oz, White', quantity: 3, quantityShipped: 3, unitPrice: '10.00', marketplaceStatus: 'FULFILLED' },
        { lineId: '10022882332102', sku: 'CBL-USBC-2M-BLK', title: 'USB-C Charging Cable 2 m, Braided Black', quantity: 3, quantityShipped: 0, unitPrice: '3.33', marketplaceStatus: 'NOT_STARTED' },
      ],
      // Ship-to wins over the registration address; the country code is normalised.
      buyer: {
        buyerRef: 'jsmith_4321',
        name: 'Jane Smith',
        addressLine1: '77 Oak Ave',
        addressLine2: 'Apt 4B',
        addressLine3: null,
        city: 'Portland',
        region: 'OR',
        postalCode: '97201',
        country: 'US',
        phone: '5035550100',
        email: 'jane@members.ebay.com',
      },
    });
  });

  it('keeps buyer PII out of everything but `buyer`', () => {
    const { buyer, ...rest } = mapOrder(order());
    const outside = JSON.stringify(rest);
    for (const pii of ['Jane', 'Smith', '77 Oak', 'Apt 4B', '5035550100', 'jane@', 'jsmith_4321', 'John', '4085551234', 'Hamilton', '97201']) {
      expect(outside).not.toContain(pii);
    }
    expect(buyer).not.toBeNull();
  });

  it('handles eBay’s redaction (no name/line 1 after 90 days, no e-mail after 14) and missing ship-to', () => {
    const n = mapOrder(
      order((o) => {
        const fsi = o.fulfillmentStartInstructions as Array<{ shippingStep: { shipTo: Record<string, unknown> } }>;
        fsi[0].shippingStep.shipTo = { contactAddress: { city: 'Portland', stateOrProvince: 'OR', postalCode: '97201', countryCode: 'US', addressLine2: '' } };
      }),
    );
    expect(n.buyer).toMatchObject({ name: null, addressLine1: null, addressLine2: null, email: null, phone: null, city: 'Portland', buyerRef: 'jsmith_4321' });
    const noShipTo = mapOrder(order((o) => delete o.fulfillmentStartInstructions));
    expect(noShipTo.buyer).toMatchObject({ name: 'John Smith', addressLine1: '2145 Hamilton Ave', country: 'US' });
    expect(noShipTo.deliverBy).toEqual(new Date('2024-05-23T07:00:00.000Z'));
  });

  it('a cancelled order carries its cancel time; totals without a tax container', () => {
    const n = mapOrder(
      order((o) => {
        o.orderFulfillmentStatus = 'NOT_STARTED';
        o.orderPaymentStatus = 'FULLY_REFUNDED';
        o.cancelStatus = { cancelState: 'CANCELED', cancelledDate: '2024-05-15T10:00:00.000Z', cancelRequests: [] };
        o.pricingSummary = { priceSubtotal: { value: '12.99', currency: 'USD' }, deliveryCost: { value: '0.0', currency: 'USD' }, total: { value: '12.99', currency: 'USD' } };
      }),
    );
    expect(n).toMatchObject({ status: 'cancelled', cancelledAt: new Date('2024-05-15T10:00:00.000Z'), subtotal: '12.99', shippingTotal: '0.00', taxTotal: '0.00', total: '12.99' });
  });

  it('rejects only the order that does not match what the connector reads, without echoing values', () => {
    const bad = { ...fixture, orderId: 'ORD-BAD', lineItems: [{ lineItemId: 'x', quantity: 'two', lineItemCost: { value: '1' } }] };
    const badMoney = { ...fixture, orderId: 'ORD-MONEY', pricingSummary: { total: { value: '12,99', currency: 'USD' } } };
    const page = parseWire(OrderPage, { total: 3, orders: [bad, fixture, badMoney] }, 'ebay.getOrders');
    const { records, rejected } = mapOrders(page.orders);
    expect(records.map((o) => o.externalOrderId)).toEqual([fixture.orderId]);
    expect(rejected).toEqual([
      { kind: 'order', externalId: 'ORD-BAD', reason: 'unreadable field lineItems.0.quantity (invalid_type)' },
      { kind: 'order', externalId: 'ORD-MONEY', reason: 'an amount was not a decimal number' },
    ]);
    expect(JSON.stringify(rejected)).not.toContain('12,99');
    // Unknown fields and unknown enum values are fine.
    expect(mapOrders([{ ...fixture, orderFulfillmentStatus: 'NEW', brandNew: { x: 1 } }]).rejected).toEqual([]);
    // The page envelope itself is still checked.
    expect(() => parseWire(OrderPage, { total: 'one', orders: [] }, 'ebay.getOrders')).toThrow(MarketplaceError);
  });
});

describe('mapListing', () => {
  const item = parseWire(
    InventoryItem,
    {
      sku: 'MUG-CER-11OZ-WHT',
      locale: 'en_US',
      product: { title: 'Ceramic Coffee Mug', aspects: { Brand: ['Harbor & Pine'] }, brand: 'Harbor & Pine', imageUrls: ['https://i.example/1.jpg'], upc: ['081234500000'] },
      condition: 'NEW',
      availability: { shipToLocationAvailability: { quantity: 17 } },
    },
    't',
  );
  const offer = (o: Record<string, unknown>) => parseWire(Offer, { sku: 'MUG-CER-11OZ-WHT', marketplaceId: 'EBAY_US', format: 'FIXED_PRICE', ...o }, 't');

  it('joins the item with its published offer', () => {
    const l = mapListing(item, [offer({ offerId: '1', status: 'PUBLISHED', pricingSummary: { price: { value: '12.9', currency: 'USD' } }, listing: { listingId: '110188970512', listingStatus: 'ACTIVE', soldQuantity: 4 } })], 'EBAY_US');
    expect(l).toEqual({
      sku: 'MUG-CER-11OZ-WHT',
      externalListingId: '110188970512',
      title: 'Ceramic Coffee Mug',
      imageUrls: ['https://i.example/1.jpg'],
      attributes: {
        aspects: { Brand: ['Harbor & Pine'] }, brand: 'Harbor & Pine', upc: ['081234500000'], condition: 'NEW', locale: 'en_US',
        offerId: '1', format: 'FIXED_PRICE', listingStatus: 'ACTIVE', soldQuantity: 4,
      },
      price: '12.90',
      currency: 'USD',
      quantity: 17,
      publishStatus: 'published',
      marketplaceStatus: 'PUBLISHED/ACTIVE',
      updatedAt: null,
    });
  });

  it('prefers the published offer of this marketplace; no offer → unpublished', () => {
    const l = mapListing(item, [offer({ offerId: 'a', status: 'UNPUBLISHED', format: 'AUCTION' }), offer({ offerId: 'b', status: 'PUBLISHED', listing: { listingId: '9' } })], 'EBAY_US');
    expect(l.externalListingId).toBe('9');
    expect(mapListing(item, [offer({ status: 'PUBLISHED', marketplaceId: 'EBAY_GB' })], 'EBAY_US').publishStatus).toBe('unpublished');
    expect(mapListing(item, [], 'EBAY_US')).toMatchObject({ publishStatus: 'unpublished', externalListingId: null, marketplaceStatus: null, price: null });
  });
});

describe('money and error codes', () => {
  it('cents round trip', () => {
    expect(['0', '0.5', '12.345', '-4.00', '1000000.99'].map((v) => centsToMoney(decimalToCents(v) as number))).toEqual(['0.00', '0.50', '12.35', '-4.00', '1000000.99']);
    expect(decimalToCents('abc')).toBeNull();
  });
  it('error codes, never messages', () => {
    expect(describeEbayError(429, { errors: [{ errorId: 2001, message: 'Too many requests' }] })).toBe('2001');
    expect(describeEbayError(400, { error: 'invalid_grant', error_description: 'the provided authorization refresh token is invalid' })).toBe('invalid_grant');
    expect(describeEbayError(400, { errors: [{ message: 'Invalid Order Id: 04-07534-15297' }] })).toBeUndefined();
    expect(describeEbayError(500, 'x')).toBeUndefined();
  });
});
