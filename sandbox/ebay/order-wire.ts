// Order state -> the Fulfillment API's `Order` JSON, including eBay's own PII redaction (e-mail
// after 14 days, name/address/phone after 90) and the TAX_BREAKDOWN rules for totals.
import { hashString } from '@/sandbox/core/random';
import { buyerIdentity, legacyItemId, lineItemId } from './ids';
import { lineStatus, type OrderState, type Shipment } from './order-state';

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString();
const money = (cents: number) => ({ value: (cents / 100).toFixed(2), currency: 'USD' });

// Marketplace-facilitator sales tax eBay collects and remits, by ship-to state (OR has none).
const TAX_RATE: Record<string, number> = {
  TX: 0.0825, CO: 0.029, OR: 0, OH: 0.0575, NC: 0.0475, AZ: 0.056, TN: 0.07, WI: 0.05, CA: 0.0725,
  FL: 0.06, ID: 0.06, PA: 0.06, NY: 0.04, WA: 0.065, GA: 0.04,
};

export interface WireContext {
  seed: string;
  sellerUsername: string;
  origin: string;
  now: number;
  /** getOrder fills cancelRequests; getOrders always returns it empty. */
  single: boolean;
  taxBreakdown: boolean;
  /** eBay's 2025 change for some developers: buyer.username carries the immutable user id. */
  buyerUsernameIsUserId: boolean;
}

interface LineMoney {
  cost: number;
  shipping: number;
  tax: number;
}

function lineMoney(state: OrderState): LineMoney[] {
  const { lines, buyer } = state.sim;
  const costs = lines.map((l) => Math.round(l.item.price * 100) * l.quantity);
  const subtotal = costs.reduce((a, b) => a + b, 0);
  const shipping = subtotal >= 3500 ? 0 : 599;
  const rate = TAX_RATE[buyer.state] ?? 0.06;
  return costs.map((cost, i) => {
    const ship = i === 0 ? shipping : 0;
    return { cost, shipping: ship, tax: Math.round((cost + ship) * rate) };
  });
}

export function fulfillmentHref(origin: string, orderId: string, fulfillmentId: string): string {
  return `${origin}/sell/fulfillment/v1/order/${orderId}/shipping_fulfillment/${fulfillmentId}`;
}

export function toEbayOrder(state: OrderState, ctx: WireContext): Record<string, unknown> {
  const { sim, orderId } = state;
  const b = sim.buyer;
  const age = ctx.now - sim.createdAt;
  const showEmail = age <= 14 * DAY;
  const showPii = age <= 90 * DAY;
  const id = buyerIdentity(ctx.seed, sim.index, b);
  const money$ = lineMoney(state);
  const sum = (f: (m: LineMoney) => number) => money$.reduce((a, m) => a + f(m), 0);
  const subtotal = sum((m) => m.cost);
  const delivery = sum((m) => m.shipping);
  const tax = sum((m) => m.tax);
  const total = subtotal + delivery + (ctx.taxBreakdown ? tax : 0);

  const address = {
    ...(showPii ? { addressLine1: b.address1, ...(b.address2 ? { addressLine2: b.address2 } : {}) } : {}),
    city: b.city,
    stateOrProvince: b.state,
    postalCode: b.postalCode,
    countryCode: b.country,
  };
  const contact = {
    ...(showPii ? { fullName: b.name } : {}),
    contactAddress: address,
    ...(showPii ? { primaryPhone: { phoneNumber: b.phone } } : {}),
    ...(showEmail ? { email: b.email } : {}),
  };
  const cancelledAt = state.cancelled ? iso(sim.cancelledAt as number) : null;
  const paymentRef = (hashString(`${ctx.seed}|pay|${sim.index}`) >>> 0).toString(16).toUpperCase().padStart(8, '0');

  return {
    orderId,
    creationDate: iso(sim.createdAt),
    lastModifiedDate: iso(state.lastModified),
    orderFulfillmentStatus: state.status,
    orderPaymentStatus: state.cancelled ? 'FULLY_REFUNDED' : 'PAID',
    sellerId: ctx.sellerUsername,
    buyer: {
      username: ctx.buyerUsernameIsUserId ? id.userId : id.username,
      taxAddress: { city: b.city, stateOrProvince: b.state, postalCode: b.postalCode, countryCode: b.country },
      buyerRegistrationAddress: contact,
    },
    pricingSummary: {
      priceSubtotal: money(subtotal),
      deliveryCost: money(delivery),
      ...(ctx.taxBreakdown && tax > 0 ? { tax: money(tax) } : {}),
      total: money(total),
    },
    cancelStatus: {
      cancelState: state.cancelled ? 'CANCELED' : 'NONE_REQUESTED',
      ...(cancelledAt ? { cancelledDate: cancelledAt } : {}),
      cancelRequests:
        ctx.single && cancelledAt
          ? [
              {
                cancelRequestId: String(5_000_000_000 + (hashString(`${ctx.seed}|cancel|${sim.index}`) % 999_999_999)),
                cancelInitiator: 'Buyer',
                cancelReason: 'BUYER_ASKED_CANCEL',
                cancelRequestedDate: cancelledAt,
                cancelCompletedDate: cancelledAt,
                cancelRequestState: 'COMPLETED',
              },
            ]
          : [],
    },
    paymentSummary: {
      payments: [
        {
          paymentMethod: 'EBAY',
          paymentReferenceId: paymentRef,
          paymentDate: iso(sim.createdAt),
          amount: money(subtotal + delivery + tax),
          paymentStatus: 'PAID',
        },
      ],
      refunds: cancelledAt
        ? [{ refundId: `R${paymentRef}`, refundDate: cancelledAt, amount: money(subtotal + delivery + tax), refundStatus: 'REFUNDED' }]
        : [],
      // eBay counts Collect-and-Remit tax in totalDueSeller (spec note on PaymentSummary).
      totalDueSeller: money(state.cancelled ? 0 : subtotal + delivery + tax),
    },
    fulfillmentStartInstructions: [
      {
        fulfillmentInstructionsType: 'SHIP_TO',
        minEstimatedDeliveryDate: iso(sim.createdAt + 3 * DAY),
        maxEstimatedDeliveryDate: iso(sim.deliverBy),
        ebaySupportedFulfillment: false,
        shippingStep: {
          shippingCarrierCode: 'USPS',
          shippingServiceCode: sim.lines.reduce((w, l) => w + l.item.weightOz * l.quantity, 0) < 16 ? 'USPSFirstClass' : 'USPSPriority',
          shipTo: contact,
        },
      },
    ],
    fulfillmentHrefs: state.shipments.map((s: Shipment) => fulfillmentHref(ctx.origin, orderId, s.fulfillmentId)),
    lineItems: sim.lines.map((l, i) => {
      const m = money$[i];
      return {
        lineItemId: lineItemId(orderId, l.lineNumber),
        legacyItemId: legacyItemId(ctx.seed, l.item.sku),
        sku: l.item.sku,
        title: l.item.title,
        lineItemCost: money(m.cost),
        quantity: l.quantity,
        soldFormat: 'FIXED_PRICE',
        listingMarketplaceId: 'EBAY_US',
        purchaseMarketplaceId: 'EBAY_US',
        lineItemFulfillmentStatus: lineStatus(state, l.lineNumber),
        total: money(m.cost + m.shipping + (ctx.taxBreakdown ? m.tax : 0)),
        deliveryCost: { shippingCost: money(m.shipping) },
        appliedPromotions: [],
        taxes: [],
        ...(m.tax > 0
          ? {
              ebayCollectAndRemitTaxes: [
                {
                  taxType: 'STATE_SALES_TAX',
                  amount: money(m.tax),
                  collectionMethod: 'NET',
                  ...(ctx.taxBreakdown ? { ebayReference: { name: 'TAXID', value: 'US-MFT-SANDBOX' } } : {}),
                },
              ],
            }
          : {}),
        properties: { buyerProtection: true },
        lineItemFulfillmentInstructions: {
          minEstimatedDeliveryDate: iso(sim.createdAt + 3 * DAY),
          maxEstimatedDeliveryDate: iso(sim.deliverBy),
          shipByDate: iso(sim.shipBy),
          guaranteedDelivery: false,
        },
        refunds: cancelledAt ? [{ refundId: `R${paymentRef}-${l.lineNumber}`, refundDate: cancelledAt, amount: money(m.cost + m.shipping + m.tax) }] : [],
      };
    }),
    salesRecordReference: String(1000 + sim.index),
    totalFeeBasisAmount: money(subtotal + delivery + tax),
    totalMarketplaceFee: money(Math.round((subtotal + delivery + tax) * 0.1325) + 30),
  };
}

export function toEbayFulfillment(s: Shipment, orderId: string): Record<string, unknown> {
  return {
    fulfillmentId: s.fulfillmentId,
    lineItems: s.lines.map((l) => ({ lineItemId: lineItemId(orderId, l.lineNumber), quantity: l.quantity })),
    ...(s.tracking ? { shipmentTrackingNumber: s.tracking } : {}),
    ...(s.carrier ? { shippingCarrierCode: s.carrier } : {}),
    shippedDate: new Date(s.shippedDate).toISOString(),
  };
}
