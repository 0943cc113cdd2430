// Wire (Orders v2026-01-01, Listings Items 2021-08-01) → ESM's shared model. Buyer PII (name,
// address, phone, e-mail) goes to `buyer` and nowhere else.
import type { NormalizedBuyer, NormalizedItem, NormalizedListing, NormalizedOrder, OrderStatus, PublishStatus } from '@/lib/marketplaces/types';
import { idField, mapEach, type RejectedRecord } from '@/lib/marketplaces/records';
import { money, perUnit, sumMoney, timesQuantity } from './money';
import { mapAmazonStatus } from './status';
import { listingItem, order2026, type ListingItem, type Order2026 } from './wire';

type Breakdown = { type: string; subtotal: { amount: string; currencyCode: string } };

const text = (v: string | null | undefined): string | null => (v && v.trim() ? v.trim() : null);
const date = (v: string | null | undefined): Date | null => (v ? new Date(Date.parse(v)) : null);

function country(code: string | null | undefined): string | null {
  const c = code?.trim().toUpperCase();
  return c && /^[A-Z]{2}$/.test(c) ? c : null;
}

function mapBuyer(o: Order2026): NormalizedBuyer | null {
  const a = o.recipient?.deliveryAddress;
  const b = o.buyer;
  const buyer: NormalizedBuyer = {
    // Amazon gives no stable buyer id, only a per-order relay e-mail.
    buyerRef: null,
    name: text(a?.name) ?? text(b?.buyerName),
    addressLine1: text(a?.addressLine1),
    addressLine2: text(a?.addressLine2),
    addressLine3: text(a?.addressLine3),
    city: text(a?.city),
    region: text(a?.stateOrRegion),
    postalCode: text(a?.postalCode),
    country: country(a?.countryCode),
    phone: text(a?.phone),
    email: text(b?.buyerEmail),
  };
  return Object.values(buyer).some((v) => v !== null) ? buyer : null;
}

/**
 * A line's own status. CANCELLED only when it really is: the whole order is cancelled, or the
 * line's cancellation was executed (`cancellationExecution`) and none of it was fulfilled. A
 * buyer's `cancellationRequest` alone is only a request, and a line shipped in full stays
 * shipped whatever the block says (the spec's own example has one).
 */
export function lineStatus(i: Order2026['orderItems'][number], orderCancelled: boolean): string | null {
  if (orderCancelled) return 'CANCELLED';
  const c = i.cancellation;
  if (c?.cancellationExecution) {
    const fulfilled = i.fulfillment?.quantityFulfilled ?? 0;
    if (fulfilled >= i.quantityOrdered) return null;
    return fulfilled > 0 ? 'PARTIALLY_CANCELLED' : 'CANCELLED';
  }
  return c?.cancellationRequest ? 'CANCELLATION_REQUESTED' : null;
}

const isDelivered = (p: NonNullable<Order2026['packages']>[number]) =>
  p.packageStatus?.status === 'DELIVERED' || p.packageStatus?.detailedStatus === 'DELIVERED';

export function mapOrder(o: Order2026): NormalizedOrder {
  const marketplaceStatus = o.fulfillment?.fulfillmentStatus ?? 'UNKNOWN';
  const updatedAt = date(o.lastUpdatedTime) as Date;
  const packages = o.packages ?? [];
  let status: OrderStatus = mapAmazonStatus(marketplaceStatus);
  // Amazon's order status stops at SHIPPED; delivery shows on the packages.
  const delivered = status === 'shipped' && packages.length > 0 && packages.every(isDelivered);
  if (delivered) status = 'delivered';
  const shipTimes = packages.flatMap((p) => (p.shipTime ? [Date.parse(p.shipTime)] : []));
  const fullyShipped = status === 'shipped' || status === 'delivered';

  // Exact line amounts (unrounded), for a subtotal when Amazon sends no proceeds.
  const lineAmounts: string[] = [];
  const items: NormalizedItem[] = o.orderItems.map((i) => {
    const itemPart = (i.proceeds?.breakdowns ?? []).filter((b) => b.type === 'ITEM').map((b) => b.subtotal.amount);
    const unit = i.product?.price?.unitPrice;
    lineAmounts.push(...(unit ? [timesQuantity(unit.amount, i.quantityOrdered)] : itemPart));
    return {
      lineId: i.orderItemId,
      sku: text(i.product?.sellerSku),
      title: text(i.product?.title),
      quantity: i.quantityOrdered,
      quantityShipped: i.fulfillment?.quantityFulfilled ?? (fullyShipped ? i.quantityOrdered : 0),
      unitPrice: unit ? money(unit.amount) : itemPart.length ? perUnit(sumMoney(itemPart), i.quantityOrdered) : '0.00',
      marketplaceStatus: lineStatus(i, status === 'cancelled'),
    };
  });

  // Order-level breakdowns when Amazon sends them, else the items' (same categories).
  const orderBreakdowns: Breakdown[] = o.proceeds?.breakdowns ?? [];
  const breakdowns: Breakdown[] = orderBreakdowns.length ? orderBreakdowns : o.orderItems.flatMap((i) => i.proceeds?.breakdowns ?? []);
  const part = (type: string) => sumMoney(breakdowns.filter((b) => b.type === type).map((b) => b.subtotal.amount));
  // Cancelled orders come without proceeds: what was ordered is still worth showing.
  const subtotal = breakdowns.length ? part('ITEM') : sumMoney(lineAmounts);
  const shippingTotal = part('SHIPPING');
  const taxTotal = part('TAX');
  const grand = o.proceeds?.grandTotal;
  const itemTotals = o.orderItems.flatMap((i) => (i.proceeds?.proceedsTotal ? [i.proceeds.proceedsTotal.amount] : []));
  const total = grand ? money(grand.amount) : itemTotals.length ? sumMoney(itemTotals) : sumMoney([subtotal, shippingTotal, taxTotal]);
  const currency =
    grand?.currencyCode ??
    o.orderItems.map((i) => i.product?.price?.unitPrice?.currencyCode).find(Boolean) ??
    breakdowns[0]?.subtotal.currencyCode ??
    'USD';

  return {
    externalOrderId: o.orderId,
    status,
    marketplaceStatus,
    orderedAt: date(o.createdTime) as Date,
    updatedAt,
    shipBy: date(o.fulfillment?.shipByWindow?.latestDateTime),
    deliverBy: date(o.fulfillment?.deliverByWindow?.latestDateTime),
    shippedAt: fullyShipped && shipTimes.length ? new Date(Math.max(...shipTimes)) : null,
    // Amazon reports no delivery or cancellation time; the last update is the closest bound (and
    // what the 30-days-after-delivery PII purge can count from).
    deliveredAt: delivered ? updatedAt : null,
    cancelledAt: status === 'cancelled' ? updatedAt : null,
    currency,
    subtotal,
    shippingTotal,
    taxTotal,
    total,
    items,
    buyer: mapBuyer(o),
  };
}

function imagesOf(item: ListingItem, main: string | null): string[] {
  const urls: string[] = main ? [main] : [];
  const attrs = item.attributes ?? {};
  const keys = Object.keys(attrs)
    .filter((k) => /^(main|other)_product_image_locator(_\d+)?$/.test(k))
    .sort((a, b) => (a.startsWith('main') ? -1 : b.startsWith('main') ? 1 : a.localeCompare(b, 'en', { numeric: true })));
  for (const k of keys) {
    const values = attrs[k];
    if (!Array.isArray(values)) continue;
    for (const v of values) {
      const loc = (v as { media_location?: unknown }).media_location;
      if (typeof loc === 'string' && loc && !urls.includes(loc)) urls.push(loc);
    }
  }
  return urls;
}

export function mapListing(item: ListingItem, marketplaceId: string): NormalizedListing {
  const s = item.summaries?.find((x) => x.marketplaceId === marketplaceId) ?? item.summaries?.[0];
  const offers = (item.offers ?? []).filter((o) => o.marketplaceId === marketplaceId);
  const offer = offers.find((o) => (o.offerType ?? 'B2C') === 'B2C') ?? offers[0];
  const stock = item.fulfillmentAvailability?.find((f) => f.fulfillmentChannelCode === 'DEFAULT');
  const statuses = s?.status ?? [];
  let publishStatus: PublishStatus;
  if (statuses.includes('BUYABLE') || statuses.includes('DISCOVERABLE')) publishStatus = 'published';
  else if (item.issues?.some((i) => i.severity === 'ERROR')) publishStatus = 'error';
  else publishStatus = s ? 'unpublished' : 'pending'; // no summary yet: Amazon is still processing it
  return {
    sku: item.sku,
    externalListingId: text(s?.asin),
    title: text(s?.itemName),
    imageUrls: imagesOf(item, text(s?.mainImage?.link)),
    attributes: item.attributes ?? {},
    price: offer?.price ? money(offer.price.amount) : null,
    currency: offer?.price?.currencyCode ?? 'USD',
    quantity: stock?.quantity ?? null,
    publishStatus,
    marketplaceStatus: statuses.length ? statuses.join(',') : null,
    updatedAt: date(s?.lastUpdatedDate),
  };
}

/** Raw searchOrders / getOrder elements → orders, and the ones that could not be read. */
export function mapOrders(raws: readonly unknown[]): { records: NormalizedOrder[]; rejected: RejectedRecord[] } {
  return mapEach('order', raws, order2026, mapOrder, idField('orderId'));
}

/** Raw searchListingsItems elements → listings, and the ones that could not be read. */
export function mapListings(raws: readonly unknown[], marketplaceId: string): { records: NormalizedListing[]; rejected: RejectedRecord[] } {
  return mapEach('listing', raws, listingItem, (i) => mapListing(i, marketplaceId), idField('sku'));
}
