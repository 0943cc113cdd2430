// Wire → shared model on recorded shapes: orders captured from the simulator, a hand-written order
// using the parts of the v2026-01-01 schema the simulator never sends (order-level breakdowns,
// shipping, discounts, a third address line, EUR), and listings.
import { describe, expect, it } from 'vitest';
import { RecordError } from '@/lib/marketplaces/records';
import { lineStatus, mapListing, mapOrder, mapOrders } from './map';
import { money, perUnit, sumMoney, timesQuantity } from './money';
import { listingItem, order2026, searchListingsResponse, searchOrdersResponse } from './wire';
import recorded from './fixtures/search-orders.json';
import specShaped from './fixtures/search-orders-spec.json';
import listings from './fixtures/search-listings.json';

const orders = searchOrdersResponse.parse(recorded).orders.map((o) => mapOrder(order2026.parse(o)));
const byId = (id: string) => orders.find((o) => o.externalOrderId === id)!;
const d = (iso: string) => new Date(iso);

describe('mapOrder (recorded from the simulator)', () => {
  it('maps an unshipped two-line order with money, dates and buyer', () => {
    expect(byId('114-3141592-1284151')).toEqual({
      externalOrderId: '114-3141592-1284151',
      status: 'unshipped',
      marketplaceStatus: 'UNSHIPPED',
      orderedAt: d('2026-03-10T12:00:00Z'),
      updatedAt: d('2026-03-10T12:22:00Z'),
      shipBy: d('2026-03-12T12:00:00Z'),
      deliverBy: d('2026-03-17T12:00:00Z'),
      shippedAt: null,
      deliveredAt: null,
      cancelledAt: null,
      currency: 'USD',
      subtotal: '33.99',
      shippingTotal: '0.00',
      taxTotal: '2.46',
      total: '36.45',
      items: [
        { lineId: '81802713261101', sku: 'TWL-COT-BATH-GRY', title: 'Cotton Bath Towel 30x56, Grey', quantity: 1, quantityShipped: 0, unitPrice: '21.00', marketplaceStatus: null },
        { lineId: '81802713261102', sku: 'MUG-CER-11OZ-WHT', title: 'Ceramic Coffee Mug 11 oz, White', quantity: 1, quantityShipped: 0, unitPrice: '12.99', marketplaceStatus: null },
      ],
      buyer: {
        buyerRef: null, name: 'Maria Miller', addressLine1: '8586 Lakeview Rd', addressLine2: null, addressLine3: null, city: 'Columbus',
        region: 'OH', postalCode: '43212', country: 'US', phone: '+1 614-144-6353', email: 'dvlmzjkfeqk3xy5@marketplace.amazon.com',
      },
    });
  });

  it('maps a cancelled order (no proceeds) from its unit prices, cancelled at its last update', () => {
    const o = byId('114-0302087-5401787');
    expect(o).toMatchObject({ status: 'cancelled', marketplaceStatus: 'CANCELLED', subtotal: '15.99', taxTotal: '0.00', total: '15.99', shippedAt: null });
    expect(o.cancelledAt).toEqual(d('2026-03-11T15:50:00Z'));
  });

  it('tells delivered from shipped by the packages', () => {
    const delivered = byId('114-4376160-7063199');
    expect(delivered).toMatchObject({ status: 'delivered', marketplaceStatus: 'SHIPPED', total: '23.57', subtotal: '21.98', taxTotal: '1.59' });
    expect(delivered.shippedAt).toEqual(d('2026-03-12T04:20:00Z')); // the last package
    expect(delivered.deliveredAt).toEqual(d('2026-03-14T04:20:00Z'));
    expect(delivered.items.map((i) => i.quantityShipped)).toEqual([1, 1]);
    const shipped = byId('114-6721839-0951294');
    expect(shipped).toMatchObject({ status: 'shipped', deliveredAt: null });
    expect(shipped.shippedAt).toEqual(d('2026-03-12T08:10:00Z'));
  });
});

describe('mapOrder (spec-shaped)', () => {
  const [partial, pending, unknown] = searchOrdersResponse.parse(specShaped).orders.map((o) => mapOrder(order2026.parse(o)));

  it('prefers order-level breakdowns, rounds once, keeps the currency and all address lines', () => {
    expect(partial).toMatchObject({
      status: 'partially_shipped', currency: 'EUR', subtotal: '59.98', shippingTotal: '4.99', taxTotal: '10.45', total: '65.50',
      shippedAt: null, orderedAt: d('2025-01-01T08:00:00Z'), shipBy: d('2025-01-03T23:59:59Z'), deliverBy: d('2025-01-08T23:59:59Z'),
    });
    expect(partial.items).toEqual([
      { lineId: '11111111111111', sku: 'MUG-1', title: 'Kaffeebecher', quantity: 2, quantityShipped: 2, unitPrice: '19.99', marketplaceStatus: null },
      { lineId: '22222222222222', sku: 'TWL-1', title: 'Handtuch', quantity: 1, quantityShipped: 0, unitPrice: '20.00', marketplaceStatus: null },
    ]);
    expect(partial.buyer).toEqual({
      buyerRef: null, name: 'Max Mustermann', addressLine1: 'Hauptstrasse 1', addressLine2: 'Hinterhaus', addressLine3: '3. OG', city: 'Berlin',
      region: 'BE', postalCode: '10115', country: 'DE', phone: '+49 30 1234567', email: 'abc123@marketplace.amazon.de',
    });
  });

  it('maps a bare pending order without buyer data and rounds half-cent prices', () => {
    expect(pending).toMatchObject({ status: 'pending', buyer: null, shipBy: null, deliverBy: null, subtotal: '15.02', total: '15.02', currency: 'USD' });
    expect(pending.items[0]).toMatchObject({ unitPrice: '5.01', sku: 'CND-1', title: null });
  });

  it('keeps an unknown status raw and maps it to pending', () => {
    expect(unknown).toMatchObject({ status: 'pending', marketplaceStatus: 'ON_THE_MOON', total: '0.00' });
    expect(unknown.items[0]).toMatchObject({ unitPrice: '0.00', sku: null });
  });

  it('rejects only the orders that break the fields it uses, each with a reason free of values', () => {
    const bad = structuredClone(specShaped) as { orders: Array<Record<string, any>> };
    bad.orders[0].orderItems = 'none';
    bad.orders[1].lastUpdatedTime = 'yesterday';
    const { records, rejected } = mapOrders(bad.orders);
    expect(records.map((o) => o.externalOrderId)).toEqual(bad.orders.slice(2).map((o) => o.orderId));
    expect(rejected).toEqual([
      { kind: 'order', externalId: bad.orders[0].orderId, reason: 'unreadable field orderItems (invalid_type)' },
      { kind: 'order', externalId: bad.orders[1].orderId, reason: expect.stringMatching(/^unreadable field lastUpdatedTime \(/) },
    ]);
    const badMoney = structuredClone(specShaped) as { orders: Array<{ proceeds?: { grandTotal: { amount: string } } }> };
    badMoney.orders[0].proceeds!.grandTotal.amount = '1e3';
    expect(() => mapOrder(order2026.parse(badMoney.orders[0]))).toThrow(RecordError);
    expect(mapOrders(badMoney.orders).rejected).toEqual([{ kind: 'order', externalId: (badMoney.orders[0] as { orderId?: string }).orderId, reason: 'an amount was not a decimal number' }]);
  });
});

describe('mapListing', () => {
  const items = searchListingsResponse.parse(listings).items.map((i) => listingItem.parse(i));

  it('maps a recorded listing', () => {
    const l = mapListing(items[0], 'ATVPDKIKX0DER');
    expect(l).toMatchObject({
      sku: 'DBL-NEO-5LB-PR', externalListingId: 'B0NOXGJFYV', title: 'Neoprene Dumbbells 5 lb, Pair', price: '23.99', currency: 'USD',
      publishStatus: 'published', marketplaceStatus: 'BUYABLE,DISCOVERABLE', updatedAt: d('2026-01-05T12:00:00Z'),
      imageUrls: ['https://images.example-sandbox.test/dbl-neo-5lb-pr.jpg'],
    });
    expect(typeof l.quantity).toBe('number');
    expect(l.attributes.brand).toEqual([{ value: 'Harbor & Pine', language_tag: 'en_US', marketplace_id: 'ATVPDKIKX0DER' }]);
  });

  it('maps the spec example and the edge states', () => {
    const spec = searchListingsResponse.parse({
      items: [{
        sku: 'GM-ZDPI-9B4E',
        summaries: [{ marketplaceId: 'ATVPDKIKX0DER', asin: 'B071VG5N9D', productType: 'LUGGAGE', status: [], itemName: 'Suitcase', createdDate: '2021-02-01T00:00:00Z', lastUpdatedDate: '2021-03-01T00:00:00Z', mainImage: { link: 'https://www.example.com/luggage.png', height: 500, width: 500 } }],
        attributes: { other_product_image_locator_2: [{ media_location: 'https://www.example.com/b.png' }], other_product_image_locator_1: [{ media_location: 'https://www.example.com/a.png' }], main_product_image_locator: [{ media_location: 'https://www.example.com/luggage.png' }] },
        offers: [{ marketplaceId: 'ATVPDKIKX0DER', offerType: 'B2B', price: { currencyCode: 'USD', amount: '90.00' } }, { marketplaceId: 'ATVPDKIKX0DER', offerType: 'B2C', price: { currencyCode: 'USD', amount: '100.00' } }],
        fulfillmentAvailability: [{ fulfillmentChannelCode: 'AMAZON_NA' }],
        issues: [{ code: '90220', message: "'size' is required but not supplied.", severity: 'ERROR', attributeNames: ['size'] }],
      }, { sku: 'NEW-ONE' }],
    }).items.map((i) => listingItem.parse(i));
    expect(mapListing(spec[0], 'ATVPDKIKX0DER')).toMatchObject({
      price: '100.00', quantity: null, publishStatus: 'error', marketplaceStatus: null,
      imageUrls: ['https://www.example.com/luggage.png', 'https://www.example.com/a.png', 'https://www.example.com/b.png'],
    });
    expect(mapListing(spec[1], 'ATVPDKIKX0DER')).toMatchObject({ sku: 'NEW-ONE', publishStatus: 'pending', price: null, title: null, imageUrls: [], attributes: {} });
  });
});

describe('money', () => {
  it('is exact decimal arithmetic with one final rounding', () => {
    expect(money('11.01')).toBe('11.01');
    expect(money('100')).toBe('100.00');
    expect(money('0.005')).toBe('0.01');
    expect(money('0.0049')).toBe('0.00');
    expect(money('-9.9225')).toBe('-9.92');
    expect(money('-0.001')).toBe('0.00');
    expect(sumMoney(['0.1', '0.2'])).toBe('0.30');
    expect(sumMoney(['0.004', '0.004'])).toBe('0.01');
    expect(sumMoney([])).toBe('0.00');
    expect(timesQuantity('5.005', 3)).toBe('15.015');
    expect(timesQuantity('0.05', 2)).toBe('0.10');
    expect(timesQuantity('-1.5', 3)).toBe('-4.5');
    expect(timesQuantity('7', 2)).toBe('14');
    expect(perUnit('39.98', 2)).toBe('19.99');
    expect(perUnit('10.00', 3)).toBe('3.33');
    expect(() => money('12,50')).toThrow(RecordError);
    expect(() => money('NaN')).toThrow(RecordError);
  });
});

describe('a line is CANCELLED only when it really is', () => {
  const raw = () => structuredClone((specShaped as { orders: Array<Record<string, any>> }).orders[1]);
  const line = (o: Record<string, any>) => mapOrder(order2026.parse(o)).items[0];

  it("a buyer's cancellation request alone is a request, not a cancellation", () => {
    const o = raw();
    o.orderItems[0].cancellation = { cancellationRequest: { requester: 'BUYER', cancelReason: 'Changed mind about purchase' } };
    delete o.orderItems[0].fulfillment;
    expect(line(o).marketplaceStatus).toBe('CANCELLATION_REQUESTED');
    expect(mapOrder(order2026.parse(o)).status).not.toBe('cancelled');
  });

  it("the spec example's line, fulfilled in full, stays shipped whatever its cancellation block says", () => {
    // orders_2026-01-01.json, getOrder example: both blocks, and quantityFulfilled 2 of 2.
    const o = raw();
    o.orderItems[0].quantityOrdered = 2;
    o.orderItems[0].cancellation = {
      cancellationRequest: { requester: 'BUYER', cancelReason: 'Changed mind about purchase' },
      cancellationExecution: { cancelledBy: 'MERCHANT', cancelReason: 'Buyer requested cancellation' },
    };
    o.orderItems[0].fulfillment = { quantityFulfilled: 2, quantityUnfulfilled: 0 };
    expect(lineStatus(order2026.parse(o).orderItems[0], false)).toBeNull();
  });

  it('an executed cancellation of an unfulfilled line, or a cancelled order, is CANCELLED', () => {
    const o = raw();
    o.orderItems[0].cancellation = { cancellationExecution: { cancelledBy: 'MERCHANT' } };
    o.orderItems[0].fulfillment = { quantityFulfilled: 0 };
    expect(line(o).marketplaceStatus).toBe('CANCELLED');
    o.orderItems[0].fulfillment = { quantityFulfilled: 1 };
    o.orderItems[0].quantityOrdered = 2;
    expect(line(o).marketplaceStatus).toBe('PARTIALLY_CANCELLED');
    const cancelled = raw();
    delete cancelled.orderItems[0].cancellation;
    cancelled.fulfillment = { ...cancelled.fulfillment, fulfillmentStatus: 'CANCELLED' };
    expect(line(cancelled).marketplaceStatus).toBe('CANCELLED');
  });
});
