// POST /v3/orders/{purchaseOrderId}/shipping (shippingUpdates): validates the orderShipment body
// the way the spec's ShippingLine model and Walmart's ship-confirm rules do, then records the
// shipped quantities with their tracking in the order's overlay.
import { json } from '@/sandbox/core/router';
import { invalidContent, notFound, serviceError, wmError } from './errors';
import type { OrderBook } from './order-book';
import type { ApiShipment, MethodCode, Tracking } from './order-state';
import { ORDERS_API } from './orders-query';

/** `carrierName.carrier` enum of the US orders model ("use the exact name"). */
export const WALMART_CARRIERS = new Set([
  'UPS', 'USPS', 'FedEx', 'Airborne', 'OnTrac', 'DHL Ecommerce - US', 'DHL', 'LS', 'UDS', 'UPSMI', 'FDX', 'PILOT', 'ESTES',
  'SAIA', 'FDS Express', 'Seko Worldwide', 'HIT Delivery', 'FEDEXSP', 'RL Carriers', 'Metropolitan Warehouse & Delivery',
  'China Post', 'YunExpress', 'Yellow Freight Sys', 'AIT Worldwide Logistics', 'Chukou1', 'Sendle', 'Landmark Global',
  'Sunyou', 'Yanwen', '4PX', 'GLS', 'OSM Worldwide', 'FIRST MILE', 'AM Trucking', 'CEVA', 'India Post', 'SF Express', 'CNE',
  'TForce Freight', 'AxleHire', 'LSO', 'Royal Mail', 'ABF Freight System', 'WanB', 'Roadrunner Freight',
  'Meyer Distribution', 'AAA Cooper', 'Canada Post', 'Southeastern Freight Lines', 'Japan Post', 'Correos de Mexico',
  'XPO Logistics', 'JD Logistics', 'YDH', 'JCEX', 'Flyt', 'Deutsche Post', 'Better Trucks', 'Asendia', 'SFC', 'UBI',
  'ePost Global', 'YF Logistics', 'RXO', 'Estes Express', 'Shypmax', 'WIN.IT America', 'PITT OHIO', 'PostNord Sweden',
  'Equick', 'Whistl', 'Tusou', 'Shiprocket', 'DTDC', 'PTS',
]);
const METHOD_CODES: readonly MethodCode[] = ['Standard', 'Express', 'OneDay', 'Freight', 'WhiteGlove', 'Value'];
/** "The seller can update the shipment within 4 hours of sending the first shipping information." */
const UPDATE_WINDOW_MS = 4 * 3_600_000;

interface ShipRequestLine {
  lineNumber: number;
  qty: number;
  tracking: Tracking;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the body into ship requests, or names the first field that breaks the model. */
function readBody(body: unknown): { mode: string | null; lines: ShipRequestLine[] } | string {
  const shipment = isObj(body) ? body.orderShipment : undefined;
  if (!isObj(shipment)) return 'orderShipment is required';
  const mode = shipment.processMode;
  if (mode !== undefined && mode !== 'PARTIAL_UPDATE') return `orderShipment.processMode must be PARTIAL_UPDATE`;
  const orderLine = isObj(shipment.orderLines) ? shipment.orderLines.orderLine : undefined;
  if (!Array.isArray(orderLine) || orderLine.length === 0) return 'orderShipment.orderLines.orderLine is required';
  const lines: ShipRequestLine[] = [];
  for (const [i, l] of orderLine.entries()) {
    const at = `orderLine[${i}]`;
    if (!isObj(l)) return `${at} must be an object`;
    const lineNumber = typeof l.lineNumber === 'number' ? l.lineNumber : Number(l.lineNumber);
    if (!Number.isInteger(lineNumber) || lineNumber < 1 || (typeof l.lineNumber === 'string' && !/^\d+$/.test(l.lineNumber))) return `${at}.lineNumber is required`;
    if (typeof l.sellerOrderId !== 'string' || !l.sellerOrderId || l.sellerOrderId.length > 30) return `${at}.sellerOrderId is required (at most 30 characters)`;
    const statuses = isObj(l.orderLineStatuses) ? l.orderLineStatuses.orderLineStatus : undefined;
    if (!Array.isArray(statuses) || statuses.length === 0) return `${at}.orderLineStatuses.orderLineStatus is required`;
    for (const [j, s] of statuses.entries()) {
      const sat = `${at}.orderLineStatus[${j}]`;
      if (!isObj(s) || s.status !== 'Shipped') return `${sat}.status must be Shipped`;
      const q = s.statusQuantity;
      if (!isObj(q) || (q.unitOfMeasurement !== 'EACH' && q.unitOfMeasurement !== 'EA') || typeof q.amount !== 'string' || !/^[1-9]\d*$/.test(q.amount)) {
        return `${sat}.statusQuantity must have unitOfMeasurement EACH and a positive amount`;
      }
      const t = s.trackingInfo;
      if (!isObj(t)) return `${sat}.trackingInfo is required`;
      if (typeof t.shipDateTime !== 'number' || !Number.isInteger(t.shipDateTime) || t.shipDateTime <= 0) return `${sat}.trackingInfo.shipDateTime must be epoch milliseconds`;
      if (typeof t.methodCode !== 'string' || !METHOD_CODES.includes(t.methodCode as MethodCode)) return `${sat}.trackingInfo.methodCode must be one of ${METHOD_CODES.join(', ')}`;
      if (typeof t.trackingNumber !== 'string' || !t.trackingNumber.trim()) return `${sat}.trackingInfo.trackingNumber is required`;
      const c = t.carrierName;
      const url = typeof t.trackingURL === 'string' && t.trackingURL ? t.trackingURL : undefined;
      if (!isObj(c)) return `${sat}.trackingInfo.carrierName is required`;
      if (typeof c.carrier === 'string') {
        if (!WALMART_CARRIERS.has(c.carrier)) return `Invalid carrier name '${c.carrier}'. Use a supported carrier name or otherCarrier with trackingURL`;
      } else if (typeof c.otherCarrier !== 'string' || !c.otherCarrier.trim()) {
        return `${sat}.trackingInfo.carrierName needs carrier or otherCarrier`;
      } else if (!url) {
        return `${sat}.trackingInfo.trackingURL is mandatory when otherCarrier is used`;
      }
      lines.push({
        lineNumber,
        qty: Number(q.amount),
        tracking: {
          shipDateTime: t.shipDateTime,
          ...(typeof c.carrier === 'string' ? { carrier: c.carrier } : { otherCarrier: c.otherCarrier as string }),
          methodCode: t.methodCode as MethodCode,
          trackingNumber: t.trackingNumber,
          ...(url ? { trackingURL: url } : {}),
        },
      });
    }
  }
  return { mode: typeof mode === 'string' ? mode : null, lines };
}

export async function shipOrderLines(book: OrderBook, now: number, po: string, req: Request): Promise<Response> {
  const type = (req.headers.get('content-type') ?? '').toLowerCase();
  if (!type.includes('json')) {
    return serviceError(415, wmError(`UNSUPPORTED_MEDIA_TYPE.${ORDERS_API}`, `Content type ${type || '(none)'} is not supported; use application/json`));
  }
  let body: unknown;
  try {
    body = JSON.parse(await req.text());
  } catch {
    return serviceError(400, wmError(`MALFORMED_REQUEST_CONTENT.${ORDERS_API}`, 'Unable to process this request. The request body is not valid JSON', { field: 'data' }));
  }
  const parsed = readBody(body);
  if (typeof parsed === 'string') return invalidContent(ORDERS_API, `Unable to process this request. ${parsed}`);
  const index = book.indexOfPurchaseOrder(po, now);
  if (index === null) return notFound(ORDERS_API, `CONTENT_NOT_FOUND :: Failed when called shipConfirm API for '${po}'. Order not found`);
  const o = book.order(index);
  const states = book.states(o, now);
  const overlay = book.overlays.get(index);
  const wanted = new Map<number, number>();
  // Everything is checked before anything is applied: Walmart rejects the whole update.
  for (const l of parsed.lines) {
    const st = states.find((s) => s.lineNumber === l.lineNumber);
    if (!st) return invalidContent(ORDERS_API, `Unable to process this request. The Line: ${l.lineNumber} of PO: ${po} does not exist`);
    const apiShipped = (overlay?.shipments ?? []).filter((s) => s.lineNumber === l.lineNumber);
    if (parsed.mode === 'PARTIAL_UPDATE') {
      if (!apiShipped.length) return invalidContent(ORDERS_API, `Unable to process this request. The Line: ${l.lineNumber} of PO: ${po} is in ${st.entries[0].status.toUpperCase()} status`);
      if (now - apiShipped[0].at > UPDATE_WINDOW_MS) {
        return invalidContent(ORDERS_API, `Unable to process this request. Shipment of Line: ${l.lineNumber} of PO: ${po} can only be updated within 4 hours of shipping`);
      }
      continue;
    }
    if (st.openQty === 0) {
      const status = st.entries[st.entries.length - 1].status.toUpperCase();
      return invalidContent(ORDERS_API, `Unable to process this request. The Line: ${l.lineNumber} of PO: ${po} is in ${status} status`);
    }
    // "Orders must be acknowledged before shipping."
    if (st.entries.some((e) => e.status === 'Created')) {
      return invalidContent(ORDERS_API, `Unable to process this request. The Line: ${l.lineNumber} of PO: ${po} is in CREATED status`);
    }
    const total = (wanted.get(l.lineNumber) ?? 0) + l.qty;
    wanted.set(l.lineNumber, total);
    if (total > st.openQty) {
      return invalidContent(ORDERS_API, `INVALID_REQUEST_CONTENT :: Failed when called shipConfirm API for ${po}. Qty OverShipped : Some or All Line(s)/Qty cannot be Shipped due to invalid Lines Or invalid Qty Or Qty more than allowed`);
    }
  }
  const ov = book.overlayFor(index);
  for (const l of parsed.lines) {
    if (parsed.mode === 'PARTIAL_UPDATE') {
      const last = ov.shipments.filter((s) => s.lineNumber === l.lineNumber).pop() as ApiShipment;
      last.tracking = l.tracking;
      last.updatedAt = now;
    } else {
      ov.shipments.push({ lineNumber: l.lineNumber, qty: l.qty, at: now, tracking: l.tracking });
    }
  }
  return json({ order: book.render(o, now, { productInfo: false, replacementInfo: false }) });
}
