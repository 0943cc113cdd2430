// Zod schemas for the parts of Walmart's responses ESM reads (Token, getAllOrders, getAllItems).
// Lenient on everything else: unknown fields are stripped, optional extras may be absent.
// Walmart sends quantities as strings and timestamps as epoch milliseconds (marketplace-apis.md §1.3).
import { z } from 'zod';

/** "1" or 1 → 1; anything that is not a non-negative whole number fails validation. */
const quantity = z
  .union([z.string().regex(/^\s*\d+(\.0+)?\s*$/), z.number().int().nonnegative()])
  .transform((v) => Math.trunc(Number(v)));

/** Epoch milliseconds (a number, or a numeric string in some older payloads). */
const epochMs = z
  .union([z.number().finite(), z.string().regex(/^\d{10,16}$/)])
  .transform((v) => Number(v));

const amount = z.union([z.number().finite(), z.string().regex(/^-?\d+(\.\d+)?$/)]).transform((v) => Number(v));

const money = z.object({ currency: z.string().min(1).optional(), amount });

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
    // Absent when a 200 carries no orders.
    elements: z.object({ order: z.array(walmartOrder).nullish() }).nullish(),
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
  ItemResponse: z.array(walmartItem),
  totalItems: z.number().int().nonnegative().nullish(),
  nextCursor: z.string().nullish(),
});

export type ItemsResponse = z.infer<typeof itemsResponse>;

/** Both envelopes: the gateway answers `{"error":[...]}`, the services `{"errors":[...]}`. */
const errorEnvelope = z.object({
  errors: z.array(z.object({ code: z.string() })).optional(),
  error: z.array(z.object({ code: z.string() })).optional(),
});

/** The provider's error code, if it looks like one (never any free text from the body). */
export function walmartErrorCode(body: unknown): string | undefined {
  const parsed = errorEnvelope.safeParse(body);
  if (!parsed.success) return undefined;
  const code = (parsed.data.errors ?? parsed.data.error ?? [])[0]?.code;
  return code && /^[A-Za-z0-9_.-]{1,80}$/.test(code) ? code : undefined;
}
