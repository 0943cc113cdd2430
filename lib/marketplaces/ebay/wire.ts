// The parts of eBay's responses the connector reads, validated with zod. Lenient on everything
// else (unknown fields are dropped, optional containers may be missing as eBay omits them), strict
// on what is used: a response that does not match is a 'malformed' error, never a half-read order.
// Status enums are plain strings on purpose: an unknown value must map to a default, not fail.
import { z } from 'zod';
import { MarketplaceError } from '@/lib/marketplaces/http';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date');
const optText = z.string().nullish();

export const Amount = z.object({ value: z.string(), currency: z.string().optional() });
export type Amount = z.infer<typeof Amount>;

export const Address = z.object({
  addressLine1: optText,
  addressLine2: optText,
  city: optText,
  stateOrProvince: optText,
  postalCode: optText,
  countryCode: optText,
});

export const Contact = z.object({
  fullName: optText,
  contactAddress: Address.nullish(),
  primaryPhone: z.object({ phoneNumber: optText }).nullish(),
  email: optText,
});
export type Contact = z.infer<typeof Contact>;

export const LineItem = z.object({
  lineItemId: z.string().min(1),
  sku: optText,
  title: optText,
  quantity: z.number().int().nonnegative(),
  lineItemCost: Amount,
  lineItemFulfillmentStatus: optText,
  lineItemFulfillmentInstructions: z
    .object({ shipByDate: isoDate.nullish(), maxEstimatedDeliveryDate: isoDate.nullish() })
    .nullish(),
});
export type LineItem = z.infer<typeof LineItem>;

export const Order = z.object({
  orderId: z.string().min(1),
  creationDate: isoDate,
  lastModifiedDate: isoDate,
  orderFulfillmentStatus: z.string(),
  orderPaymentStatus: optText,
  sellerId: optText,
  cancelStatus: z.object({ cancelState: optText, cancelledDate: isoDate.nullish() }).nullish(),
  buyer: z.object({ username: optText, buyerRegistrationAddress: Contact.nullish() }).nullish(),
  pricingSummary: z
    .object({
      priceSubtotal: Amount.nullish(),
      priceDiscount: Amount.nullish(),
      adjustment: Amount.nullish(),
      deliveryCost: Amount.nullish(),
      deliveryDiscount: Amount.nullish(),
      tax: Amount.nullish(),
      total: Amount.nullish(),
    })
    .nullish(),
  fulfillmentStartInstructions: z
    .array(
      z.object({
        maxEstimatedDeliveryDate: isoDate.nullish(),
        shippingStep: z.object({ shipTo: Contact.nullish() }).nullish(),
      }),
    )
    .nullish(),
  lineItems: z.array(LineItem),
});
export type Order = z.infer<typeof Order>;

export const OrderPage = z.object({
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative().optional(),
  limit: z.number().int().optional(),
  next: z.string().nullish(),
  // Each order is validated on its own (records.ts): one odd order cannot reject the page.
  orders: z.array(z.unknown()).default([]),
});
export type OrderPage = z.infer<typeof OrderPage>;

export const InventoryItem = z.object({
  sku: z.string().min(1),
  locale: optText,
  condition: optText,
  product: z
    .object({
      title: optText,
      description: optText,
      // The model says string; eBay sends an object of string arrays. Keep whatever comes.
      aspects: z.unknown().optional(),
      brand: optText,
      mpn: optText,
      imageUrls: z.array(z.string()).nullish(),
      upc: z.array(z.string()).nullish(),
      ean: z.array(z.string()).nullish(),
      isbn: z.array(z.string()).nullish(),
      epid: optText,
    })
    .nullish(),
  availability: z
    .object({ shipToLocationAvailability: z.object({ quantity: z.number().int().nullish() }).nullish() })
    .nullish(),
});
export type InventoryItem = z.infer<typeof InventoryItem>;

export const InventoryPage = z.object({
  total: z.number().int().nonnegative().optional(),
  limit: z.number().int().optional(),
  next: z.string().nullish(),
  // Each item is validated on its own (records.ts): one odd item cannot reject the page.
  inventoryItems: z.array(z.unknown()).default([]),
});
export type InventoryPage = z.infer<typeof InventoryPage>;

export const Offer = z.object({
  offerId: optText,
  sku: z.string(),
  marketplaceId: optText,
  format: optText,
  availableQuantity: z.number().int().nullish(),
  categoryId: optText,
  status: optText,
  pricingSummary: z.object({ price: Amount.nullish() }).nullish(),
  listing: z
    .object({ listingId: optText, listingStatus: optText, soldQuantity: z.number().int().nullish(), listingOnHold: z.boolean().nullish() })
    .nullish(),
});
export type Offer = z.infer<typeof Offer>;

export const OfferPage = z.object({
  total: z.number().int().nonnegative().optional(),
  next: z.string().nullish(),
  offers: z.array(Offer).default([]),
});

/** GET …/order/{orderId}/shipping_fulfillment (reference §3.4): what a tracking push reads back. */
export const Fulfillments = z.object({
  fulfillments: z
    .array(
      z.object({
        fulfillmentId: z.string().min(1),
        shipmentTrackingNumber: optText,
        lineItems: z.array(z.object({ lineItemId: z.string().min(1), quantity: z.number().int().nonnegative().nullish() })).nullish(),
      }),
    )
    .nullish(),
});
export type Fulfillments = z.infer<typeof Fulfillments>;

/** createShippingFulfillment answers 201 with `{}` (the id is in the Location header). */
export const Created = z.object({}).nullish();

export const User = z.object({
  userId: z.string().min(1),
  username: optText,
  registrationMarketplaceId: optText,
});
export type User = z.infer<typeof User>;

export const TokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().positive().optional(),
});

/** Parses or throws 'malformed' naming only the operation and the field paths (never values). */
export function parseWire<T>(schema: z.ZodType<T>, body: unknown, operation: string): T {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const where = [...new Set(r.error.issues.slice(0, 3).map((i) => i.path.join('.') || '(root)'))].join(', ');
  throw new MarketplaceError('malformed', `${operation}: unexpected response shape at ${where}`, { operation });
}

/**
 * The short code for an error message: eBay's errorId (REST envelope) or the OAuth `error`.
 * Never the message text, which can echo request values.
 */
export function describeEbayError(_status: number, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { errors?: Array<{ errorId?: unknown }>; error?: unknown; error_id?: unknown };
  const id = Array.isArray(b.errors) ? b.errors[0]?.errorId : undefined;
  if (typeof id === 'number' || (typeof id === 'string' && /^\d+$/.test(id))) return String(id);
  for (const v of [b.error, b.error_id]) if (typeof v === 'string' && /^[a-z_]{1,40}$/.test(v)) return v;
  return undefined;
}
