// Walmart wire records → ESM's shared model. Amounts arrive as exact integer cents (wire.ts parses
// them with lib/marketplaces/money.ts) and are summed as such, so nothing drifts; buyer PII (name, address, phone, relay e-mail) goes to `buyer` and nowhere else.
import type { NormalizedBuyer, NormalizedItem, NormalizedListing, NormalizedOrder, PublishStatus } from '@/lib/marketplaces/types';
import { centsToMoney, divideCents } from '@/lib/marketplaces/money';
import { countsAsShipped, lineStatusToNormalized, orderStatusFromLines, rawStatusSummary, type StatusEntry } from './status';
import { idField, mapEach, type RejectedRecord } from '@/lib/marketplaces/records';
import { walmartItem, walmartOrder, type WalmartItem, type WalmartOrder, type WalmartOrderLine } from './wire';


/** Walmart US addresses say "USA"; the shared model wants ISO 3166-1 alpha-2. */
const ALPHA3_TO_ALPHA2: Record<string, string> = {
  USA: 'US',
  // US territories Walmart.com ships to, and neighbours that appear on Walmart CA/MX payloads.
  PRI: 'PR',
  GUM: 'GU',
  VIR: 'VI',
  ASM: 'AS',
  MNP: 'MP',
  CAN: 'CA',
  MEX: 'MX',
};

export function countryToAlpha2(country: string | null | undefined): string | null {
  const c = country?.trim().toUpperCase();
  if (!c) return null;
  if (/^[A-Z]{2}$/.test(c)) return c;
  return ALPHA3_TO_ALPHA2[c] ?? null;
}

const date = (ms: number | null | undefined): Date | null => (ms === null || ms === undefined ? null : new Date(ms));
const orNull = (s: string | null | undefined): string | null => (s === undefined || s === null || s.trim() === '' ? null : s);

function lineEntries(line: WalmartOrderLine): StatusEntry[] {
  return line.orderLineStatuses.orderLineStatus.map((s) => ({
    status: s.status,
    quantity: s.statusQuantity?.amount ?? line.orderLineQuantity.amount,
  }));
}

function mapItem(line: WalmartOrderLine): NormalizedItem {
  const entries = lineEntries(line);
  const productCents = (line.charges?.charge ?? [])
    .filter((c) => c.chargeType.toUpperCase() === 'PRODUCT')
    .reduce((n, c) => n + c.chargeAmount.amount, 0);
  const quantity = line.orderLineQuantity.amount;
  const shipped = entries.filter((e) => countsAsShipped(e.status)).reduce((n, e) => n + e.quantity, 0);
  return {
    lineId: line.lineNumber,
    sku: orNull(line.item?.sku),
    title: orNull(line.item?.productName),
    quantity,
    quantityShipped: Math.min(shipped, quantity),
    // Walmart's PRODUCT charge is the line total (price × quantity).
    unitPrice: centsToMoney(divideCents(productCents, quantity)),
    marketplaceStatus: rawStatusSummary(entries),
  };
}

function mapBuyer(o: WalmartOrder): NormalizedBuyer | null {
  const info = o.shippingInfo;
  const a = info?.postalAddress;
  if (!info && !o.customerEmailId && !o.buyerId) return null;
  return {
    buyerRef: orNull(o.buyerId),
    name: orNull(a?.name),
    addressLine1: orNull(a?.address1),
    addressLine2: orNull(a?.address2),
    addressLine3: orNull(a?.address3),
    city: orNull(a?.city),
    region: orNull(a?.state),
    postalCode: orNull(a?.postalCode),
    country: countryToAlpha2(a?.country),
    phone: orNull(info?.phone),
    email: orNull(o.customerEmailId),
  };
}

const maxOf = (values: Array<number | null | undefined>): number | null => {
  const xs = values.filter((v): v is number => typeof v === 'number');
  return xs.length ? Math.max(...xs) : null;
};

export function mapOrder(o: WalmartOrder): NormalizedOrder {
  const lines = o.orderLines.orderLine;
  const entries = lines.flatMap(lineEntries);
  const status = orderStatusFromLines(entries);

  let subtotal = 0;
  let shipping = 0;
  let tax = 0;
  let other = 0;
  let currency: string | undefined;
  for (const c of lines.flatMap((l) => l.charges?.charge ?? [])) {
    currency ??= c.chargeAmount.currency;
    const cents = c.chargeAmount.amount;
    const type = c.chargeType.toUpperCase();
    if (type === 'PRODUCT') subtotal += cents;
    else if (type === 'SHIPPING') shipping += cents;
    else other += cents;
    if (c.tax?.taxAmount) tax += c.tax.taxAmount.amount;
  }

  // The last line change is the order's last modification (what lastModifiedStartDate filters on).
  const updated = maxOf([o.orderDate, ...lines.map((l) => l.statusDate)]) as number;
  const linesIn = (pred: (s: string) => boolean) =>
    lines.filter((l) => l.orderLineStatuses.orderLineStatus.some((s) => pred(s.status)));
  const out = linesIn(countsAsShipped);
  const shippedAt =
    status === 'shipped' || status === 'delivered' || status === 'partially_shipped'
      ? maxOf(
          out.flatMap((l) =>
            l.orderLineStatuses.orderLineStatus
              .filter((s) => countsAsShipped(s.status))
              .map((s) => s.trackingInfo?.shipDateTime ?? l.statusDate),
          ),
        )
      : null;
  const deliveredAt = status === 'delivered' ? maxOf(linesIn((s) => lineStatusToNormalized(s) === 'delivered').map((l) => l.statusDate)) : null;
  const cancelledAt = status === 'cancelled' ? maxOf(lines.map((l) => l.statusDate)) : null;

  return {
    externalOrderId: o.purchaseOrderId,
    status,
    marketplaceStatus: rawStatusSummary(entries),
    orderedAt: new Date(o.orderDate),
    updatedAt: new Date(updated),
    shipBy: date(o.shippingInfo?.estimatedShipDate),
    deliverBy: date(o.shippingInfo?.estimatedDeliveryDate),
    shippedAt: date(shippedAt),
    deliveredAt: date(deliveredAt),
    cancelledAt: date(cancelledAt),
    currency: currency ?? 'USD',
    subtotal: centsToMoney(subtotal),
    shippingTotal: centsToMoney(shipping),
    taxTotal: centsToMoney(tax),
    total: centsToMoney(subtotal + shipping + other + tax),
    items: lines.map(mapItem),
    buyer: mapBuyer(o),
  };
}

/** Walmart's published status first; a retired/archived lifecycle overrides it. */
export function publishStatusOf(item: Pick<WalmartItem, 'publishedStatus' | 'lifecycleStatus'>): PublishStatus {
  const lifecycle = item.lifecycleStatus?.toUpperCase();
  if (lifecycle === 'RETIRED' || lifecycle === 'ARCHIVED') return 'retired';
  switch (item.publishedStatus?.toUpperCase()) {
    case 'PUBLISHED':
      return 'published';
    case 'UNPUBLISHED':
      return 'unpublished';
    case 'SYSTEM_PROBLEM':
      return 'error';
    default:
      // READY_TO_PUBLISH, IN_PROGRESS, STAGE, and anything new: not live yet.
      return 'pending';
  }
}

export function mapListing(item: WalmartItem): NormalizedListing {
  const attributes: Record<string, unknown> = {};
  for (const key of ['mart', 'upc', 'gtin', 'condition', 'productType', 'shelf', 'lifecycleStatus', 'variantGroupId'] as const) {
    const v = item[key];
    if (v !== null && v !== undefined && v !== '') attributes[key] = v;
  }
  const reasons = item.unpublishedReasons?.reason;
  if (reasons?.length) attributes.unpublishedReasons = reasons;
  return {
    sku: item.sku,
    externalListingId: orNull(item.wpid),
    title: orNull(item.productName),
    // getAllItems carries no images; fetching each item for them would cost a call per SKU.
    imageUrls: [],
    attributes,
    price: item.price ? centsToMoney(item.price.amount) : null,
    currency: item.price?.currency ?? 'USD',
    // Stock lives in the Inventory API: the inventory pages after the items set it (connector.ts).
    quantity: null,
    quantityReadApart: true,
    publishStatus: publishStatusOf(item),
    marketplaceStatus: orNull(item.publishedStatus) ?? orNull(item.lifecycleStatus),
    updatedAt: null,
  };
}

/** Raw getAllOrders / getAnOrder elements → orders, and the ones that could not be read. */
export function mapOrders(raws: readonly unknown[]): { records: NormalizedOrder[]; rejected: RejectedRecord[] } {
  return mapEach('order', raws, walmartOrder, mapOrder, idField('purchaseOrderId'));
}

/** Raw getAllItems elements → listings, and the ones that could not be read. */
export function mapListings(raws: readonly unknown[]): { records: NormalizedListing[]; rejected: RejectedRecord[] } {
  return mapEach('listing', raws, walmartItem, mapListing, idField('sku'));
}
