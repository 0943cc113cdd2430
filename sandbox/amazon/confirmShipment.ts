// Orders v0 confirmShipment: validates the ConfirmShipmentRequest model, the carrier code
// against Seller Central's list (exact, case-sensitive), the order's state and the remaining
// quantities, then records the package in the overlay (the order becomes PartiallyShipped or
// Shipped and its LastUpdateDate moves to now). Success is 204 with no body.
import { AMAZON_US_MARKETPLACE_ID } from './accounts';
import type { SpContext } from './context';
import { invalidInput, parseIso, spError, spNoContent, type SpError } from './http';
import { findOrder } from './ordersV0';

/** Seller Central shipping-confirmation carrier values (marketplace-apis.md §6, help page G641). */
export const AMAZON_CARRIER_CODES: readonly string[] = [
  'Blue Package', 'USPS', 'UPS', 'UPSMI', 'FedEx', 'DHL', 'DHL Global Mail', 'Fastway', 'UPS Mail Innovations',
  'Lasership', 'Royal Mail', 'FedEx SmartPost', 'OSM', 'OnTrac', 'Streamlite', 'Newgistics', 'Canada Post',
  'City Link', 'GLS', 'GO!', 'Hermes Logistik Gruppe', 'Parcelforce', 'TNT', 'Target', 'SagawaExpress',
  'NipponExpress', 'YamatoTransport', 'Ninjavan', 'Qxpress', 'Singapore Post', '4PX', 'Yanwen', 'Aramex',
  'China Post', 'DHL eCommerce', 'SF Express', 'Other',
];

const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

interface ParsedItem {
  orderItemId: string;
  quantity: number;
}

interface ParsedBody {
  marketplaceId: string;
  packageReferenceId: string;
  carrierCode: string;
  carrierName?: string;
  shippingMethod?: string;
  trackingNumber: string;
  shipDate: number;
  items: ParsedItem[];
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const optString = (v: unknown) => v === undefined || typeof v === 'string';

function parseBody(raw: string): ParsedBody | SpError {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return invalidInput('Invalid Input', 'The request body is not valid JSON.');
  }
  if (!isObj(body)) return invalidInput('Invalid Input', 'The request body must be a ConfirmShipmentRequest object.');
  if (typeof body.marketplaceId !== 'string') return invalidInput('Invalid Input', 'marketplaceId is required.');
  if (body.codCollectionMethod !== undefined && body.codCollectionMethod !== 'DirectPayment') {
    return invalidInput('Invalid Input', 'codCollectionMethod must be DirectPayment.');
  }
  const p = body.packageDetail;
  if (!isObj(p)) return invalidInput('Invalid Input', 'packageDetail is required.');
  for (const f of ['packageReferenceId', 'carrierCode', 'trackingNumber', 'shipDate'] as const) {
    if (typeof p[f] !== 'string' || !(p[f] as string).trim()) return invalidInput('Invalid Input', `packageDetail.${f} is required.`);
  }
  for (const f of ['carrierName', 'shippingMethod', 'shipFromSupplySourceId'] as const) {
    if (!optString(p[f])) return invalidInput('Invalid Input', `packageDetail.${f} must be a string.`);
  }
  if (!Array.isArray(p.orderItems) || !p.orderItems.length) return invalidInput('Invalid Input', 'packageDetail.orderItems must list at least one item.');
  const items: ParsedItem[] = [];
  for (const it of p.orderItems as unknown[]) {
    if (!isObj(it) || typeof it.orderItemId !== 'string' || !Number.isInteger(it.quantity) || (it.quantity as number) < 1) {
      return invalidInput('Invalid Input', 'Each order item needs an orderItemId and a positive integer quantity.');
    }
    if (it.transparencyCodes !== undefined && !(Array.isArray(it.transparencyCodes) && it.transparencyCodes.every((c) => typeof c === 'string'))) {
      return invalidInput('Invalid Input', 'transparencyCodes must be a list of strings.');
    }
    items.push({ orderItemId: it.orderItemId, quantity: it.quantity as number });
  }
  const shipDateRaw = p.shipDate as string;
  const shipDate = DATE_TIME_RE.test(shipDateRaw) ? parseIso(shipDateRaw) : null;
  if (shipDate === null) return invalidInput('Invalid Input', `shipDate must be an ISO 8601 date-time: ${shipDateRaw}`);
  return {
    marketplaceId: body.marketplaceId,
    packageReferenceId: p.packageReferenceId as string,
    carrierCode: p.carrierCode as string,
    carrierName: p.carrierName as string | undefined,
    shippingMethod: p.shippingMethod as string | undefined,
    trackingNumber: (p.trackingNumber as string).trim(),
    shipDate,
    items,
  };
}

export async function confirmShipment(ctx: SpContext): Promise<Response> {
  const { rate, account, now } = ctx;
  const v = findOrder(ctx);
  if (v instanceof Response) return v;
  const b = parseBody(await ctx.req.text());
  const fail = (e: SpError) => spError(400, e, rate);
  if ('code' in b) return fail(b);

  if (b.marketplaceId !== (account.marketplaceId ?? AMAZON_US_MARKETPLACE_ID)) return fail(invalidInput('Invalid Input', `Invalid marketplaceId: ${b.marketplaceId}`));
  if (!/^[1-9]\d*$/.test(b.packageReferenceId)) return fail(invalidInput('Invalid Input', 'packageReferenceId must be a positive numeric value.'));
  if (!AMAZON_CARRIER_CODES.includes(b.carrierCode)) {
    return fail(invalidInput(`Invalid carrierCode: ${b.carrierCode}`, 'The carrier code must exactly match a value accepted by Seller Central (case-sensitive), or be "Other" with a carrierName.'));
  }
  if (b.carrierCode === 'Other' && !b.carrierName?.trim()) return fail(invalidInput('Invalid Input', 'carrierName is required when carrierCode is Other.'));
  if (b.shipDate < v.order.createdAt) return fail(invalidInput('Invalid Input', 'shipDate cannot be earlier than the purchase date.'));
  if (v.status === 'Canceled') return fail(invalidInput('Invalid Input', `Order ${v.id} is canceled and cannot be shipped.`));
  if (v.status === 'Pending') return fail(invalidInput('Invalid Input', `Order ${v.id} is pending and cannot be shipped yet.`));
  // Shipments confirmed outside this app (timeline) hold package references 1..n.
  const usedRefs = [...v.timelineShipments.map((_, k) => String(k + 1)), ...v.packages.map((p) => p.packageReferenceId)];
  if (usedRefs.includes(b.packageReferenceId)) {
    return fail(invalidInput('Invalid Input', `packageReferenceId ${b.packageReferenceId} is already used for this order.`));
  }

  const lineQty = v.order.lines.map(() => 0);
  for (const it of b.items) {
    const line = v.itemIds.indexOf(it.orderItemId);
    if (line < 0) return fail(invalidInput('Invalid Input', `Invalid orderItemId: ${it.orderItemId}`));
    lineQty[line] += it.quantity;
  }
  for (let i = 0; i < lineQty.length; i++) {
    if (lineQty[i] > v.order.lines[i].quantity - v.shipped[i]) {
      return fail(invalidInput('Invalid Input', `Quantity for order item ${v.itemIds[i]} exceeds the unshipped quantity.`));
    }
  }
  if (ctx.world.quirks.droppedConfirmations > 0) {
    ctx.world.quirks.droppedConfirmations--;
    return spNoContent(rate);
  }
  ctx.world.overlays.addShipment(account.sellingPartnerId, v, {
    packageReferenceId: b.packageReferenceId,
    carrierCode: b.carrierCode,
    carrierName: b.carrierName,
    shippingMethod: b.shippingMethod,
    trackingNumber: b.trackingNumber,
    shipDate: b.shipDate,
    confirmedAt: now,
    items: b.items,
  }, lineQty, now);
  return spNoContent(rate);
}
