// Wire shapes this connector reads, validated with zod: unknown fields pass through untouched,
// the fields we use must have the documented types (anything else is a 'malformed' answer).
// Orders API v2026-01-01 searchOrders, Listings Items 2021-08-01 searchListingsItems, LWA, errors.
import { z } from 'zod';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO 8601 date');
/** Decimal strings per the spec; a plain JSON number is tolerated. */
const decimal = z.union([z.string(), z.number().transform((n) => String(n))]);
const money = z.object({ amount: decimal, currencyCode: z.string().min(1) });
const window = z.object({ earliestDateTime: isoDate.nullish(), latestDateTime: isoDate.nullish() });
const breakdown = z.object({ type: z.string(), subtotal: money });

export const customerAddress = z.object({
  name: z.string().nullish(),
  addressLine1: z.string().nullish(),
  addressLine2: z.string().nullish(),
  addressLine3: z.string().nullish(),
  city: z.string().nullish(),
  stateOrRegion: z.string().nullish(),
  postalCode: z.string().nullish(),
  countryCode: z.string().nullish(),
  phone: z.string().nullish(),
});

export const orderItem = z.object({
  orderItemId: z.string().min(1),
  quantityOrdered: z.number().int().nonnegative(),
  product: z
    .object({
      asin: z.string().nullish(),
      title: z.string().nullish(),
      sellerSku: z.string().nullish(),
      price: z.object({ unitPrice: money.nullish() }).nullish(),
    })
    .nullish(),
  proceeds: z.object({ proceedsTotal: money.nullish(), breakdowns: z.array(breakdown).nullish() }).nullish(),
  fulfillment: z.object({ quantityFulfilled: z.number().int().nonnegative().nullish() }).nullish(),
  // A request alone (the buyer asked) is not a cancellation; an execution is (spec ItemCancellation).
  cancellation: z
    .object({
      cancellationRequest: z.object({ requester: z.string().nullish() }).nullish(),
      cancellationExecution: z.object({ cancelledBy: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

export const order2026 = z.object({
  orderId: z.string().min(1),
  createdTime: isoDate,
  lastUpdatedTime: isoDate,
  buyer: z.object({ buyerName: z.string().nullish(), buyerEmail: z.string().nullish() }).nullish(),
  recipient: z.object({ deliveryAddress: customerAddress.nullish() }).nullish(),
  proceeds: z.object({ grandTotal: money.nullish(), breakdowns: z.array(breakdown).nullish() }).nullish(),
  fulfillment: z
    .object({ fulfillmentStatus: z.string().min(1), shipByWindow: window.nullish(), deliverByWindow: window.nullish() })
    .nullish(),
  orderItems: z.array(orderItem),
  packages: z
    .array(
      z.object({
        packageReferenceId: z.string(),
        shipTime: isoDate.nullish(),
        packageStatus: z.object({ status: z.string().nullish(), detailedStatus: z.string().nullish() }).nullish(),
      }),
    )
    .nullish(),
});

/** getOrder (2026-01-01) as a tracking push reads it: lines with open quantities, and packages. */
export const orderForPush = z.object({
  order: z.object({
    orderId: z.string().min(1),
    orderItems: z.array(
      z.object({
        orderItemId: z.string().min(1),
        quantityOrdered: z.number().int().nonnegative(),
        fulfillment: z.object({ quantityUnfulfilled: z.number().int().nonnegative().nullish() }).nullish(),
      }),
    ),
    packages: z.array(z.object({ packageReferenceId: z.string(), trackingNumber: z.string().nullish() })).nullish(),
  }),
});
export type OrderForPush = z.infer<typeof orderForPush>['order'];

/** confirmShipment answers 204 with no body. */
export const noContent = z.undefined();

export const searchOrdersResponse = z.object({
  // Each order is validated on its own (records.ts): one odd order cannot reject the page.
  orders: z.array(z.unknown()),
  /** The upper bound the server applied (ours, or "now − 2 minutes" when we sent none). */
  lastUpdatedBefore: isoDate.nullish(),
  // "" is sent on last pages too: it means no next page (the connector treats it so).
  pagination: z.object({ nextToken: z.string().nullish() }).nullish(),
});

export const listingItem = z.object({
  sku: z.string().min(1),
  summaries: z
    .array(
      z.object({
        marketplaceId: z.string(),
        asin: z.string().nullish(),
        productType: z.string().nullish(),
        conditionType: z.string().nullish(),
        status: z.array(z.string()).nullish(),
        itemName: z.string().nullish(),
        lastUpdatedDate: isoDate.nullish(),
        mainImage: z.object({ link: z.string() }).nullish(),
      }),
    )
    .nullish(),
  attributes: z.record(z.string(), z.unknown()).nullish(),
  offers: z.array(z.object({ marketplaceId: z.string(), offerType: z.string().nullish(), price: money.nullish() })).nullish(),
  fulfillmentAvailability: z
    .array(z.object({ fulfillmentChannelCode: z.string(), quantity: z.number().int().nullish() }))
    .nullish(),
  issues: z.array(z.object({ severity: z.string() })).nullish(),
});

export const searchListingsResponse = z.object({
  numberOfResults: z.number().int().nullish(),
  // "" is sent on last pages too: it means no next page (the connector treats it so).
  pagination: z.object({ nextToken: z.string().nullish() }).nullish(),
  items: z.array(z.unknown()),
});

export const lwaTokenResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive().nullish(),
});

export const spErrorBody = z.object({
  errors: z.array(z.object({ code: z.string(), details: z.string().nullish() })).min(1),
});

export type Order2026 = z.infer<typeof order2026>;
export type SearchOrdersResponse = z.infer<typeof searchOrdersResponse>;
export type ListingItem = z.infer<typeof listingItem>;
