import { describe, expect, it } from 'vitest';
import ordersPage from './fixtures/orders-page.json';
import itemsPage from './fixtures/items-page.json';
import { centsToMoney } from '@/lib/marketplaces/money';
import { countryToAlpha2, mapListing, mapListings, mapOrder, mapOrders } from './map';
import { itemsResponse, ordersResponse, walmartErrorCode, walmartItem, walmartOrder } from './wire';

const orders = () => ordersResponse.parse(ordersPage).list.elements!.order!.map((o) => walmartOrder.parse(o));

describe('mapOrder (recorded-shape getAllOrders page)', () => {
  it('maps a created single-line order: dates, money, string quantities, buyer', () => {
    const o = mapOrder(orders()[0]);
    expect(o).toEqual({
      externalOrderId: '1796277083022',
      status: 'unshipped',
      marketplaceStatus: 'Created',
      orderedAt: new Date(1568466571000),
      updatedAt: new Date(1568466647000),
      shipBy: new Date(1568700000000),
      deliverBy: new Date(1569438000000),
      shippedAt: null,
      deliveredAt: null,
      cancelledAt: null,
      currency: 'USD',
      subtotal: '10.00',
      shippingTotal: '0.00',
      taxTotal: '0.80',
      total: '10.80',
      items: [
        {
          lineId: '4',
          sku: 'test1',
          title: 'Beba Bean Pee-pee Teepee Airplane - Blue - Laundry Bag',
          quantity: 1,
          quantityShipped: 0,
          unitPrice: '10.00',
          marketplaceStatus: 'Created',
        },
      ],
      buyer: {
        buyerRef: null,
        name: 'Kathryn Cole',
        addressLine1: '3258BWarners rd',
        addressLine2: 'Garage',
        addressLine3: null,
        city: 'Warners',
        region: 'NY',
        postalCode: '13164',
        country: 'US',
        phone: '3155598681',
        email: '3A31739D8B0A45A1B23F7F8C81C8747F@relay.walmart.com',
      },
    });
  });

  it('maps a cancelled order with its cancellation time', () => {
    const o = mapOrder(orders()[1]);
    expect(o.status).toBe('cancelled');
    expect(o.cancelledAt).toEqual(new Date(1568527247000));
    expect(o.updatedAt).toEqual(new Date(1568527247000));
    expect(o.total).toBe('0.00');
  });

  it('maps a partial shipment across lines and status entries, with shipping charges and tax', () => {
    const o = mapOrder(orders()[2]);
    expect(o.status).toBe('partially_shipped');
    expect(o.marketplaceStatus).toBe('Shipped,Acknowledged');
    expect(o.shippedAt).toEqual(new Date(1568090000000));
    expect(o.updatedAt).toEqual(new Date(1568100000000));
    expect([o.subtotal, o.shippingTotal, o.taxTotal, o.total]).toEqual(['42.08', '5.99', '4.81', '52.88']);
    expect(o.items.map((i) => [i.lineId, i.quantity, i.quantityShipped, i.unitPrice, i.marketplaceStatus])).toEqual([
      ['1', 2, 1, '12.99', 'Shipped,Acknowledged'],
      ['2', 1, 0, '16.10', 'Acknowledged'],
    ]);
    expect(o.buyer?.addressLine2).toBeNull();
  });

  it('keeps buyer PII out of every field but buyer', () => {
    for (const raw of orders()) {
      const { buyer, ...rest } = mapOrder(raw);
      const text = JSON.stringify(rest);
      const a = raw.shippingInfo!.postalAddress!;
      for (const pii of [a.name, a.address1, a.postalCode, raw.shippingInfo!.phone, raw.customerEmailId]) {
        expect(text).not.toContain(pii);
      }
      expect(buyer?.name).toBe(a.name);
    }
  });

  it('rejects only the record where a field it uses has the wrong type, keeping the rest', () => {
    const raws = structuredClone(ordersPage.list.elements.order) as any[];
    raws[0].orderLines.orderLine[0].orderLineQuantity.amount = 'two';
    delete raws[1].purchaseOrderId;
    const { records, rejected } = mapOrders(raws);
    expect(records.map((o) => o.externalOrderId)).toEqual(raws.slice(2).map((o) => o.purchaseOrderId));
    expect(rejected).toEqual([
      { kind: 'order', externalId: '1796277083022', reason: 'unreadable field orderLines.orderLine.0.orderLineQuantity.amount (invalid_format)' },
      { kind: 'order', externalId: null, reason: 'unreadable field purchaseOrderId (invalid_type)' },
    ]);
  });

  it('quarantines the odd records the issue names, with reasons free of their values', () => {
    const raws = structuredClone(ordersPage.list.elements.order) as any[];
    raws[0].orderLines.orderLine[0].orderLineStatuses.orderLineStatus = [];
    delete raws[1].orderLines.orderLine[0].charges.charge[0].chargeAmount.amount;
    raws[2].orderLines.orderLine[0].charges.charge[0].chargeAmount.amount = '12,50';
    const { records, rejected } = mapOrders(raws);
    expect(records).toHaveLength(raws.length - 3);
    expect(rejected.map((r) => r.reason)).toEqual([
      'unreadable field orderLines.orderLine.0.orderLineStatuses.orderLineStatus (too_small)',
      'unreadable field orderLines.orderLine.0.charges.charge.0.chargeAmount.amount (invalid_union)',
      'unreadable field orderLines.orderLine.0.charges.charge.0.chargeAmount.amount (custom)',
    ]);
    expect(JSON.stringify(rejected)).not.toContain('12,50');
  });

  it('parses amounts exactly (a three-decimal amount is not a cent off)', () => {
    const raws = structuredClone(ordersPage.list.elements.order.slice(0, 1)) as any[];
    raws[0].orderLines.orderLine[0].charges.charge[0].chargeAmount.amount = 31.995;
    raws[0].orderLines.orderLine[0].charges.charge[0].tax.taxAmount.amount = '0.29';
    const [o] = mapOrders(raws).records;
    expect([o.subtotal, o.taxTotal, o.total, o.items[0].unitPrice]).toEqual(['32.00', '0.29', '32.29', '32.00']);
  });
});

describe('mapListing (recorded-shape getAllItems page)', () => {
  it('maps price, ids, statuses and attributes', () => {
    const items = itemsResponse.parse(itemsPage).ItemResponse.map((i) => mapListing(walmartItem.parse(i)));
    expect(items[0]).toEqual({
      sku: '2792005',
      externalListingId: '0RE1TWYTKBKH',
      title: "Carhartt Men's Rugged Vest",
      imageUrls: [],
      attributes: {
        mart: 'WALMART_US',
        upc: '886859944807',
        gtin: '00886859944807',
        condition: 'New',
        productType: 'Outerwear Coats, Jackets & Vests',
        shelf: '["Home Page","Clothing"]',
        lifecycleStatus: 'ACTIVE',
        variantGroupId: 'VG-3301',
        unpublishedReasons: [expect.stringContaining('No shipping information')],
      },
      price: '59.99',
      currency: 'USD',
      quantity: null,
      quantityReadApart: true,
      publishStatus: 'unpublished',
      marketplaceStatus: 'UNPUBLISHED',
      updatedAt: null,
    });
    expect(items[1]).toMatchObject({ price: '12.90', publishStatus: 'published' });
    expect(items[2]).toMatchObject({ price: null, publishStatus: 'retired', externalListingId: null });
  });
});

describe('helpers', () => {
  it('formats cents and countries', () => {
    expect([centsToMoney(0), centsToMoney(5), centsToMoney(1299), centsToMoney(-250)]).toEqual(['0.00', '0.05', '12.99', '-2.50']);
    expect([countryToAlpha2('USA'), countryToAlpha2('us'), countryToAlpha2('PRI'), countryToAlpha2('XYZ'), countryToAlpha2(null)]).toEqual(['US', 'US', 'PR', null, null]);
  });
  it('maps listings one by one: a price without an amount rejects that SKU only', () => {
    const raws = structuredClone(itemsPage.ItemResponse) as any[];
    delete raws[1].price.amount;
    const { records, rejected } = mapListings(raws);
    expect(records.map((l) => l.sku)).toEqual([raws[0].sku, ...raws.slice(2).map((r) => r.sku)]);
    expect(rejected).toEqual([{ kind: 'listing', externalId: raws[1].sku, reason: 'unreadable field price.amount (invalid_union)' }]);
  });

  it('reads both error envelopes and nothing but the code', () => {
    expect(walmartErrorCode({ error: [{ code: 'UNAUTHORIZED.GMP_GATEWAY_API', description: 'x' }] })).toBe('UNAUTHORIZED.GMP_GATEWAY_API');
    expect(walmartErrorCode({ errors: [{ code: 'CONTENT_NOT_FOUND.GMP_ORDER_API' }] })).toBe('CONTENT_NOT_FOUND.GMP_ORDER_API');
    expect(walmartErrorCode({ errors: [{ code: 'has spaces and <html>' }] })).toBeUndefined();
    expect(walmartErrorCode('Service Unavailable')).toBeUndefined();
  });
});
