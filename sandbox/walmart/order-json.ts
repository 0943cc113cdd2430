// Renders a simulated order in Walmart's wire format (getAllOrders element / `{order}` body):
// epoch-millisecond dates, string quantities, per-line charges with tax, USA addresses.
import type { SimOrder } from '@/sandbox/core/catalog';
import { hashString } from '@/sandbox/core/random';
import { relayEmail } from './ids';
import { methodCodeFor, type LineState, type StatusEntry, type Tracking } from './order-state';

const DAY = 86_400_000;
/** Walmart's free-shipping threshold for marketplace orders; below it the buyer pays shipping. */
const FREE_SHIPPING_MIN = 35;
const SHIPPING_FEE = 5.99;

export interface RenderOptions {
  productInfo: boolean;
  replacementInfo: boolean;
}

export interface OrderIds {
  purchaseOrderId: string;
  customerOrderId: string;
}

type Money = { currency: 'USD'; amount: number };

const cents = (n: number) => Math.round(n * 100) / 100;
const usd = (amount: number): Money => ({ currency: 'USD', amount: cents(amount) });

/** Sales tax rate of a state: a stable 5–9.5 % so totals look plausible. */
function taxRate(state: string): number {
  return 0.05 + (hashString(`tax|${state}`) % 451) / 10_000;
}

function charge(type: 'PRODUCT' | 'SHIPPING', name: string, amount: number, rate: number) {
  return {
    chargeType: type,
    chargeName: name,
    chargeAmount: usd(amount),
    tax: { taxName: 'Tax1', taxAmount: usd(amount * rate) },
  };
}

function trackingJson(t: Tracking) {
  return {
    shipDateTime: t.shipDateTime,
    carrierName: t.carrier !== undefined ? { carrier: t.carrier } : { otherCarrier: t.otherCarrier },
    methodCode: t.methodCode,
    trackingNumber: t.trackingNumber,
    ...(t.trackingURL ? { trackingURL: t.trackingURL } : {}),
  };
}

function statusJson(e: StatusEntry) {
  return {
    status: e.status,
    statusQuantity: { unitOfMeasurement: 'EACH', amount: String(e.qty) },
    ...(e.cancellationReason ? { cancellationReason: e.cancellationReason } : {}),
    ...(e.tracking ? { trackingInfo: trackingJson(e.tracking) } : {}),
  };
}

export function renderOrder(seed: string, o: SimOrder, ids: OrderIds, states: LineState[], opts: RenderOptions) {
  const methodCode = methodCodeFor(seed, o);
  const rate = taxRate(o.buyer.state);
  const subtotal = o.lines.reduce((s, l) => s + l.item.price * l.quantity, 0);
  const shippingFee = subtotal < FREE_SHIPPING_MIN ? SHIPPING_FEE : 0;
  let total = 0;
  const orderLine = o.lines.map((line, i) => {
    const charges = [charge('PRODUCT', 'ItemPrice', line.item.price * line.quantity, rate)];
    if (i === 0 && shippingFee > 0) charges.push(charge('SHIPPING', 'Shipping', shippingFee, rate));
    for (const c of charges) total += c.chargeAmount.amount + c.tax.taxAmount.amount;
    const st = states[i];
    return {
      lineNumber: String(line.lineNumber),
      item: {
        productName: line.item.title,
        sku: line.item.sku,
        condition: 'New',
        ...(opts.productInfo
          ? { imageUrl: line.item.image, weight: { value: (line.item.weightOz / 16).toFixed(2), unit: 'Pounds' } }
          : {}),
      },
      charges: { charge: charges },
      orderLineQuantity: { unitOfMeasurement: 'EACH', amount: String(line.quantity) },
      statusDate: st.statusDate,
      orderLineStatuses: { orderLineStatus: st.entries.map(statusJson) },
      fulfillment: {
        fulfillmentOption: 'S2H',
        shipMethod: methodCode === 'Express' ? 'EXPEDITED' : methodCode.toUpperCase(),
        pickUpDateTime: o.shipBy + DAY,
      },
    };
  });
  const b = o.buyer;
  return {
    purchaseOrderId: ids.purchaseOrderId,
    customerOrderId: ids.customerOrderId,
    customerEmailId: relayEmail(seed, o.index),
    ...(opts.replacementInfo ? { orderType: 'REGULAR' } : {}),
    orderDate: o.createdAt,
    shippingInfo: {
      phone: b.phone,
      estimatedDeliveryDate: o.deliverBy,
      estimatedShipDate: o.shipBy,
      methodCode,
      postalAddress: {
        name: b.name,
        address1: b.address1,
        ...(b.address2 ? { address2: b.address2 } : {}),
        city: b.city,
        state: b.state,
        postalCode: b.postalCode,
        country: 'USA',
        addressType: 'RESIDENTIAL',
      },
    },
    orderLines: { orderLine },
    orderSummary: { totalAmount: { currencyAmount: cents(total), currencyUnit: 'USD' } },
    shipNode: { type: 'SellerFulfilled' },
  };
}

export type WalmartOrderJson = ReturnType<typeof renderOrder>;
