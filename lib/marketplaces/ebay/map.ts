// eBay wire objects → ESM's shared model. Buyer PII (name, address, phone, e-mail, username) goes
// only into `buyer`; everything else is free of it.
import type { NormalizedBuyer, NormalizedItem, NormalizedListing, NormalizedOrder } from '@/lib/marketplaces/types';
import { centsToMoney, decimalToCents, divideCents } from '@/lib/marketplaces/money';
import { idField, mapEach, RecordError, type RejectedRecord } from '@/lib/marketplaces/records';
import { lineQuantityShipped, marketplaceOrderStatus, orderStatus, publishStatus } from './status';
import { Order, type Amount, type Contact, type InventoryItem, type Offer } from './wire';

const text = (v: string | null | undefined): string | null => {
  const t = v?.trim();
  return t ? t : null;
};
const date = (v: string | null | undefined): Date | null => (v ? new Date(v) : null);
/** An absent amount is zero; one present but unreadable rejects the record (never a silent 0). */
function cents(a: Amount | null | undefined): number {
  if (!a) return 0;
  const c = decimalToCents(a.value);
  if (c === null) throw new RecordError('an amount was not a decimal number');
  return c;
}

function country(code: string | null | undefined): string | null {
  const c = code?.trim().toUpperCase();
  // eBay's CountryCodeEnum is ISO 3166-1 alpha-2 already; anything else is not trusted.
  return c && /^[A-Z]{2}$/.test(c) ? c : null;
}

function buyerOf(o: Order): NormalizedBuyer | null {
  const contact: Contact | null | undefined =
    o.fulfillmentStartInstructions?.find((f) => f.shippingStep?.shipTo)?.shippingStep?.shipTo ?? o.buyer?.buyerRegistrationAddress;
  const buyerRef = text(o.buyer?.username);
  if (!contact && !buyerRef) return null;
  const a = contact?.contactAddress;
  return {
    // The eBay user ID, or the immutable id for developers eBay switched over: either way, what
    // an account-deletion notification matches on.
    buyerRef,
    name: text(contact?.fullName),
    addressLine1: text(a?.addressLine1),
    addressLine2: text(a?.addressLine2),
    addressLine3: null,
    city: text(a?.city),
    region: text(a?.stateOrProvince),
    postalCode: text(a?.postalCode),
    country: country(a?.countryCode),
    phone: text(contact?.primaryPhone?.phoneNumber),
    email: text(contact?.email),
  };
}

function minDate(values: Array<string | null | undefined>): Date | null {
  const ts = values.filter((v): v is string => !!v).map(Date.parse).filter((t) => !Number.isNaN(t));
  return ts.length ? new Date(Math.min(...ts)) : null;
}

function maxDate(values: Array<string | null | undefined>): Date | null {
  const ts = values.filter((v): v is string => !!v).map(Date.parse).filter((t) => !Number.isNaN(t));
  return ts.length ? new Date(Math.max(...ts)) : null;
}

export function mapOrder(o: Order): NormalizedOrder {
  const p = o.pricingSummary ?? {};
  const items: NormalizedItem[] = o.lineItems.map((l) => ({
    lineId: l.lineItemId,
    sku: text(l.sku),
    title: text(l.title),
    quantity: l.quantity,
    quantityShipped: lineQuantityShipped(l.lineItemFulfillmentStatus, l.quantity),
    // lineItemCost is unit price × quantity, before discounts.
    unitPrice: centsToMoney(divideCents(cents(l.lineItemCost), l.quantity)),
    marketplaceStatus: text(l.lineItemFulfillmentStatus),
  }));
  const statusInput = {
    orderFulfillmentStatus: o.orderFulfillmentStatus,
    cancelState: o.cancelStatus?.cancelState,
    orderPaymentStatus: o.orderPaymentStatus,
  };
  const status = orderStatus(statusInput);
  const subtotal = cents(p.priceSubtotal) + cents(p.priceDiscount) + cents(p.adjustment);
  const shipping = cents(p.deliveryCost) + cents(p.deliveryDiscount);
  const tax = cents(p.tax);
  const currency = p.total?.currency ?? p.priceSubtotal?.currency ?? o.lineItems[0]?.lineItemCost.currency ?? 'USD';
  return {
    externalOrderId: o.orderId,
    status,
    marketplaceStatus: marketplaceOrderStatus(statusInput),
    orderedAt: new Date(o.creationDate),
    updatedAt: new Date(o.lastModifiedDate),
    shipBy: minDate(o.lineItems.map((l) => l.lineItemFulfillmentInstructions?.shipByDate)),
    deliverBy: maxDate([
      ...(o.fulfillmentStartInstructions ?? []).map((f) => f.maxEstimatedDeliveryDate),
      ...o.lineItems.map((l) => l.lineItemFulfillmentInstructions?.maxEstimatedDeliveryDate),
    ]),
    // Ship dates live on the shipping fulfillments (one more call per order); not read here.
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: status === 'cancelled' ? date(o.cancelStatus?.cancelledDate) : null,
    currency,
    subtotal: centsToMoney(subtotal),
    shippingTotal: centsToMoney(shipping),
    taxTotal: centsToMoney(tax),
    total: p.total ? centsToMoney(cents(p.total)) : centsToMoney(subtotal + shipping + tax),
    items,
    buyer: buyerOf(o),
  };
}

/** The offer that represents the SKU on this marketplace: a published fixed-price one first. */
export function pickOffer(offers: Offer[], marketplaceId: string): Offer | null {
  const here = offers.filter((f) => !f.marketplaceId || f.marketplaceId === marketplaceId);
  const score = (f: Offer) => (f.status === 'PUBLISHED' ? 2 : 0) + (f.format === 'FIXED_PRICE' ? 1 : 0);
  return [...here].sort((a, b) => score(b) - score(a))[0] ?? null;
}

export function mapListing(item: InventoryItem, offers: Offer[], marketplaceId: string, defaultCurrency = 'USD'): NormalizedListing {
  const offer = pickOffer(offers, marketplaceId);
  const product = item.product ?? {};
  const price = offer?.pricingSummary?.price;
  const attributes: Record<string, unknown> = {};
  const put = (k: string, v: unknown) => {
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0) && v !== '') attributes[k] = v;
  };
  put('aspects', product.aspects);
  put('brand', product.brand);
  put('mpn', product.mpn);
  put('upc', product.upc);
  put('ean', product.ean);
  put('isbn', product.isbn);
  put('epid', product.epid);
  put('condition', item.condition);
  put('locale', item.locale);
  put('offerId', offer?.offerId);
  put('format', offer?.format);
  put('categoryId', offer?.categoryId);
  put('listingStatus', offer?.listing?.listingStatus);
  put('soldQuantity', offer?.listing?.soldQuantity);
  put('listingOnHold', offer?.listing?.listingOnHold);
  const itemQty = item.availability?.shipToLocationAvailability?.quantity;
  return {
    sku: item.sku,
    externalListingId: text(offer?.listing?.listingId),
    title: text(product.title),
    imageUrls: product.imageUrls ?? [],
    attributes,
    price: price ? centsToMoney(cents(price)) : null,
    currency: price?.currency ?? defaultCurrency,
    quantity: itemQty ?? offer?.availableQuantity ?? null,
    publishStatus: publishStatus(offer?.status, offer?.listing?.listingStatus),
    marketplaceStatus: offer ? [offer.status ?? '-', offer.listing?.listingStatus].filter(Boolean).join('/') : null,
    updatedAt: null, // the Inventory API carries no modification time
  };
}

/** Raw getOrders elements → orders, and the ones that could not be read. */
export function mapOrders(raws: readonly unknown[]): { records: NormalizedOrder[]; rejected: RejectedRecord[] } {
  return mapEach('order', raws, Order, mapOrder, idField('orderId'));
}
