// Orders API v0 wire format of an order view. Without a Restricted Data Token the shipping
// address is cut to its non-PII parts (city, state, postal code, country) and BuyerInfo is left
// out; Pending orders (payment not yet authorised) carry no shipping address at all.
import type { AmazonAccount } from './accounts';
import { AMAZON_US_MARKETPLACE_ID } from './accounts';
import { asinFor, relayEmailFor } from './ids';
import { isoSeconds, money2 } from './http';
import type { OrderView } from './orderState';

const DAY = 86_400_000;
export const TAX_RATE = 0.0725;

export interface PiiAccess {
  shippingAddress: boolean;
  buyerInfo: boolean;
}

const usd = (n: number) => ({ CurrencyCode: 'USD', Amount: money2(n) });

export function lineAmounts(v: OrderView, i: number): { price: number; tax: number } {
  const l = v.order.lines[i];
  const price = Math.round(l.item.price * l.quantity * 100) / 100;
  return { price, tax: Math.round(price * TAX_RATE * 100) / 100 };
}

export function orderTotal(v: OrderView): number {
  return v.order.lines.reduce((s, _, i) => {
    const a = lineAmounts(v, i);
    return s + a.price + a.tax;
  }, 0);
}

export function shipFromAddress(account: AmazonAccount) {
  return {
    Name: account.name,
    AddressLine1: '1200 Industrial Way',
    City: 'Reno',
    StateOrRegion: 'NV',
    PostalCode: '89502',
    CountryCode: 'US',
    AddressType: 'Commercial',
  };
}

export function formatPhone(digits10: string): string {
  return `+1 ${digits10.slice(0, 3)}-${digits10.slice(3, 6)}-${digits10.slice(6)}`;
}

export function fullAddress(v: OrderView) {
  const b = v.order.buyer;
  return {
    Name: b.name,
    AddressLine1: b.address1,
    ...(b.address2 ? { AddressLine2: b.address2 } : {}),
    City: b.city,
    StateOrRegion: b.state,
    PostalCode: b.postalCode,
    CountryCode: b.country,
    Phone: formatPhone(b.phone),
    AddressType: 'Residential',
  };
}

export function buyerInfo(account: AmazonAccount, v: OrderView) {
  return { BuyerEmail: relayEmailFor(account.profile.seed, v.index), BuyerName: v.order.buyer.name };
}

export function formatOrder(account: AmazonAccount, v: OrderView, pii: PiiAccess) {
  const o = v.order;
  const ordered = o.lines.reduce((s, l) => s + l.quantity, 0);
  const shipped = v.shipped.reduce((s, q) => s + q, 0);
  const b = o.buyer;
  const pending = v.status === 'Pending';
  return {
    AmazonOrderId: v.id,
    SellerOrderId: v.id,
    PurchaseDate: isoSeconds(o.createdAt),
    LastUpdateDate: isoSeconds(v.lastUpdate),
    OrderStatus: v.status,
    FulfillmentChannel: 'MFN',
    SalesChannel: 'Amazon.com',
    ShipServiceLevel: 'Std US D2D Dom',
    // Amazon leaves the total out of cancelled orders.
    ...(v.status === 'Canceled' ? {} : { OrderTotal: usd(orderTotal(v)) }),
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: v.status === 'Canceled' ? 0 : ordered - shipped,
    PaymentMethod: 'Other',
    PaymentMethodDetails: ['Standard'],
    MarketplaceId: account.marketplaceId ?? AMAZON_US_MARKETPLACE_ID,
    ShipmentServiceLevelCategory: 'Standard',
    OrderType: 'StandardOrder',
    EarliestShipDate: isoSeconds(o.createdAt),
    LatestShipDate: isoSeconds(o.shipBy),
    EarliestDeliveryDate: isoSeconds(o.createdAt + 3 * DAY),
    LatestDeliveryDate: isoSeconds(o.deliverBy),
    IsBusinessOrder: false,
    IsPrime: false,
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsReplacementOrder: false,
    IsSoldByAB: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    HasRegulatedItems: false,
    DefaultShipFromLocationAddress: shipFromAddress(account),
    AutomatedShippingSettings: { HasAutomatedShippingSettings: false },
    ...(pending
      ? {}
      : {
          ShippingAddress: pii.shippingAddress
            ? fullAddress(v)
            : { City: b.city, StateOrRegion: b.state, PostalCode: b.postalCode, CountryCode: b.country },
        }),
    ...(pii.buyerInfo ? { BuyerInfo: buyerInfo(account, v) } : {}),
  };
}

export function formatOrderItem(v: OrderView, i: number) {
  const l = v.order.lines[i];
  const a = lineAmounts(v, i);
  const zero = usd(0);
  return {
    ASIN: asinFor(l.item.sku),
    SellerSKU: l.item.sku,
    OrderItemId: v.itemIds[i],
    Title: l.item.title,
    QuantityOrdered: l.quantity,
    QuantityShipped: v.shipped[i],
    ProductInfo: { NumberOfItems: '1' },
    ItemPrice: usd(a.price),
    ItemTax: usd(a.tax),
    ShippingPrice: zero,
    ShippingTax: zero,
    ShippingDiscount: zero,
    ShippingDiscountTax: zero,
    PromotionDiscount: zero,
    PromotionDiscountTax: zero,
    PromotionIds: [],
    IsGift: 'false',
    ConditionId: 'New',
    ConditionSubtypeId: 'New',
    IsTransparency: false,
    SerialNumberRequired: false,
    TaxCollection: { Model: 'MarketplaceFacilitator', ResponsibleParty: 'Amazon Services, Inc.' },
    BuyerRequestedCancel: {
      IsBuyerRequestedCancel: v.status === 'Canceled' ? 'true' : 'false',
      BuyerCancelReason: v.status === 'Canceled' ? 'Order Changed By Buyer' : '',
    },
  };
}
