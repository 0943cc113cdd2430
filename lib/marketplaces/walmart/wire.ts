// Zod schemas for the parts of Walmart's responses ESM reads (Token, getAllOrders, getAllItems,
// getMultiNodeInventories).
// Lenient on everything else: unknown fields are stripped, optional extras may be absent.
// Walmart sends quantities as strings and timestamps as epoch milliseconds (marketplace-apis.md §1.3).
import { z } from 'zod';
import { decimalToCents } from '@/lib/marketplaces/money';

/** "1" or 1 → 1; anything that is not a non-negative whole number fails validation. */
export const quantity = z
  .union([z.string().regex(/^\s*\d+(\.0+)?\s*$/), z.number().int().nonnegative()])
  .transform((v) => Math.trunc(Number(v)));

/** Epoch milliseconds (a number, or a numeric string in some older payloads). */
const epochMs = z
  .union([z.number().finite(), z.string().regex(/^\d{10,16}$/)])
  .transform((v) => Number(v));

/** An amount (JSON number or decimal string) as exact integer cents (lib/marketplaces/money.ts). */
const cents = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const c = decimalToCents(v);
  if (c === null) {
    ctx.addIssue({ code: 'custom', message: 'not an amount' });
    return z.NEVER;
  }
  return c;
});

const money = z.object({ currency: z.string().min(1).optional(), amount: cents });

const optStr = z.string().nullish();

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
});

const trackingInfo = z.object({ shipDateTime: epochMs.nullish() });

const lineStatus = z.object({
  // Kept as a free string: an undocumented status must not fail the whole page (status.ts decides).
  status: z.string().min(1),
  statusQuantity: z.object({ amount: quantity }).nullish(),
  trackingInfo: trackingInfo.nullish(),
});

const charge = z.object({
  chargeType: z.string(),
  chargeAmount: money,
  tax: z.object({ taxAmount: money.nullish() }).nullish(),
});

const orderLine = z.object({
  lineNumber: z.union([z.string().min(1), z.number().int()]).transform(String),
  item: z.object({ productName: optStr, sku: optStr }).nullish(),
  charges: z.object({ charge: z.array(charge).nullish() }).nullish(),
  orderLineQuantity: z.object({ amount: quantity }),
  statusDate: epochMs.nullish(),
  orderLineStatuses: z.object({ orderLineStatus: z.array(lineStatus).min(1) }),
});

const postalAddress = z.object({
  name: optStr,
  address1: optStr,
  address2: optStr,
  address3: optStr,
  city: optStr,
  state: optStr,
  postalCode: optStr,
  country: optStr,
});

export const walmartOrder = z.object({
  purchaseOrderId: z.string().min(1),
  customerOrderId: optStr,
  customerEmailId: optStr,
  buyerId: optStr,
  orderDate: epochMs,
  shippingInfo: z
    .object({
      phone: optStr,
      estimatedDeliveryDate: epochMs.nullish(),
      estimatedShipDate: epochMs.nullish(),
      methodCode: optStr,
      postalAddress: postalAddress.nullish(),
    })
    .nullish(),
  orderLines: z.object({ orderLine: z.array(orderLine).min(1) }),
});

export type WalmartOrder = z.infer<typeof walmartOrder>;
export type WalmartOrderLine = z.infer<typeof orderLine>;

export const ordersResponse = z.object({
  list: z.object({
    meta: z.object({
      totalCount: z.number().int().nonnegative().nullish(),
      nextCursor: z.string().nullish(),
    }),
    // Absent when a 200 carries no orders. Each order is validated on its own (records.ts), so
    // one odd order cannot reject the page.
    elements: z.object({ order: z.array(z.unknown()).nullish() }).nullish(),
  }),
});

export type OrdersResponse = z.infer<typeof ordersResponse>;

export const walmartItem = z.object({
  sku: z.string().min(1),
  mart: optStr,
  wpid: optStr,
  upc: optStr,
  gtin: optStr,
  condition: optStr,
  productName: optStr,
  productType: optStr,
  shelf: optStr,
  price: money.nullish(),
  publishedStatus: optStr,
  lifecycleStatus: optStr,
  variantGroupId: optStr,
  unpublishedReasons: z.object({ reason: z.array(z.string()).nullish() }).nullish(),
});

export type WalmartItem = z.infer<typeof walmartItem>;

export const itemsResponse = z.object({
  ItemResponse: z.array(z.unknown()),
  totalItems: z.number().int().nonnegative().nullish(),
  nextCursor: z.string().nullish(),
});

export type ItemsResponse = z.infer<typeof itemsResponse>;

/** GET /v3/inventories: every SKU's quantities per ship node (inventory spec). */
const inventoryQty = z.object({ unit: z.string().nullish(), amount: z.number().nonnegative() });
export const walmartInventory = z.object({
  sku: z.string().min(1),
  nodes: z.array(z.object({ shipNode: z.string().nullish(), availToSellQty: inventoryQty.nullish() })).nullish(),
});
export const inventoriesResponse = z.object({
  meta: z.object({ totalCount: z.number().int().nonnegative().nullish(), nextCursor: z.string().nullish() }).nullish(),
  elements: z.object({ inventories: z.array(z.unknown()).nullish() }).nullish(),
});

/** getAnOrder: `{"order": {...}}` (the order validated on its own). */
export const orderResponse = z.object({ order: z.unknown() });

/** What segmenting a big window reads from each raw order, even one that fails validation. */
export const orderHead = z.object({ purchaseOrderId: z.string().min(1), orderDate: epochMs });
// Walmart's error bodies, read in ONE place. Three envelopes are seen on the wire: the services'
// `{"errors":[...]}` (US "Error codes" page), the nested `{"errors":{"error":[...]}}` (XML-derived
// JSON, other SDKs' captures) and the gateway's `{"error":[...]}`; a single object may stand in
// for the array. Items carry the spec's GatewayError fields.
const errorItem = z.object({
  code: z.string(),
  field: z.string().nullish(),
  description: z.string().nullish(),
  info: z.string().nullish(),
  severity: z.string().nullish(),
  category: z.string().nullish(),
});
export type WalmartErrorItem = z.infer<typeof errorItem>;

const oneOrMany = z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]).transform((v) => (Array.isArray(v) ? v : [v]));

/** Every readable error item of a Walmart error body, whatever its envelope; [] when none. */
export function walmartErrors(body: unknown): WalmartErrorItem[] {
  if (!body || typeof body !== 'object') return [];
  const b = body as Record<string, unknown>;
  let raw: unknown = b.errors ?? b.error;
  // {"errors": {"error": [...]}}
  if (raw && typeof raw === 'object' && !Array.isArray(raw) && 'error' in raw) raw = (raw as Record<string, unknown>).error;
  const list = oneOrMany.safeParse(raw);
  if (!list.success) return [];
  return list.data.flatMap((e) => {
    const item = errorItem.safeParse(e);
    return item.success ? [item.data] : [];
  });
}

/** The provider's error code, if it looks like one (never any free text from the body). */
export function walmartErrorCode(body: unknown): string | undefined {
  const code = walmartErrors(body)[0]?.code;
  return code && /^[A-Za-z0-9_.-]{1,80}$/.test(code) ? code : undefined;
}

/** Walmart's "nothing matched" (404 CONTENT_NOT_FOUND[.<API>]): for a search, an empty page. */
export function isContentNotFound(code: string | undefined): boolean {
  return code === 'CONTENT_NOT_FOUND' || (code?.startsWith('CONTENT_NOT_FOUND.') ?? false);
}

/** What a tracking push reads of an order (getAnOrder, shippingUpdates): lines, open quantities, tracking. */
const shipLine = z.object({
  lineNumber: z.union([z.string().min(1), z.number().int()]).transform(String),
  orderLineQuantity: z.object({ amount: quantity }),
  orderLineStatuses: z.object({
    orderLineStatus: z
      .array(
        z.object({
          status: z.string().min(1),
          statusQuantity: z.object({ amount: quantity }).nullish(),
          trackingInfo: z.object({ trackingNumber: z.string().nullish() }).nullish(),
        }),
      )
      .min(1),
  }),
});
export const shipOrderResponse = z.object({
  order: z.object({
    purchaseOrderId: z.string().min(1),
    customerOrderId: optStr,
    shippingInfo: z.object({ methodCode: optStr }).nullish(),
    orderLines: z.object({ orderLine: z.array(shipLine).min(1) }),
  }),
});
export type ShipOrder = z.infer<typeof shipOrderResponse>['order'];
