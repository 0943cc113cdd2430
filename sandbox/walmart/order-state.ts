// Walmart order-line statuses at a given time: the shared simOrder timeline (the buyer cancels,
// the seller ships outside this app, carriers deliver) combined with the overlay of changes made
// through this API (acknowledge, ship lines). Only orders touched by API calls have an overlay.
import { lastModified, type SimOrder } from '@/sandbox/core/catalog';
import { digits, pick, rngFor } from '@/sandbox/core/random';

export type LineStatus = 'Created' | 'Acknowledged' | 'Shipped' | 'Delivered' | 'Cancelled';
export const LINE_STATUSES: readonly LineStatus[] = ['Created', 'Acknowledged', 'Shipped', 'Delivered', 'Cancelled'];

export type MethodCode = 'Standard' | 'Express' | 'OneDay' | 'Freight' | 'WhiteGlove' | 'Value';

export interface Tracking {
  shipDateTime: number;
  carrier?: string;
  otherCarrier?: string;
  methodCode: MethodCode;
  trackingNumber: string;
  trackingURL?: string;
}

/** One shipping update accepted through POST /v3/orders/{id}/shipping. */
export interface ApiShipment {
  lineNumber: number;
  qty: number;
  /** When the update was received (simulated time). */
  at: number;
  /** Last PARTIAL_UPDATE of its tracking, if any. */
  updatedAt?: number;
  tracking: Tracking;
}

export interface OrderOverlay {
  ackAt?: number;
  shipments: ApiShipment[];
}

export interface StatusEntry {
  status: LineStatus;
  qty: number;
  tracking?: Tracking;
  cancellationReason?: string;
}

export interface LineState {
  lineNumber: number;
  entries: StatusEntry[];
  /** Time of the line's latest status change. */
  statusDate: number;
  /** Quantity still open for shipping through the API. */
  openQty: number;
}

const DAY = 86_400_000;
/** Carriers deliver API-shipped packages this long after the shipping update. */
export const API_DELIVERY_DELAY_MS = 3 * DAY;

/** The order's ship method (Walmart's `methodCode`), fixed per order. */
export function methodCodeFor(seed: string, o: SimOrder): MethodCode {
  const r = rngFor(seed, 'wm-method', o.index)();
  return r < 0.6 ? 'Value' : r < 0.9 ? 'Standard' : 'Express';
}

/** How many leading lines go out in the timeline's partial shipment. */
function partialLineCount(o: SimOrder): number {
  return o.partialShipAt === null ? 0 : Math.ceil(o.lines.length / 2);
}

/** Tracking for a package the seller shipped outside this app (Seller Center, another tool). */
function timelineTracking(seed: string, o: SimOrder, shipAt: number, partial: boolean, po: string): Tracking {
  const r = rngFor(seed, 'wm-track', o.index, partial ? 'p' : 'f');
  const carrier = pick(r, ['USPS', 'UPS', 'FedEx'] as const);
  const trackingNumber = carrier === 'USPS' ? `9400${digits(r, 18)}` : carrier === 'UPS' ? `1Z${digits(r, 16)}` : digits(r, 12);
  return {
    shipDateTime: shipAt,
    carrier,
    methodCode: methodCodeFor(seed, o),
    trackingNumber,
    trackingURL: `https://www.walmart.com/tracking?tracking_id=${trackingNumber}&order_id=${po}`,
  };
}

/**
 * Each line's statuses at `t`. `po` is only needed for tracking URLs; pass null to skip building
 * tracking for outside shipments (status filters scan many orders and never show them).
 */
export function lineStates(seed: string, o: SimOrder, po: string | null, overlay: OrderOverlay | undefined, t: number): LineState[] {
  const partialCount = partialLineCount(o);
  const ackAt = overlay?.ackAt !== undefined && overlay.ackAt <= t ? overlay.ackAt : undefined;
  return o.lines.map((line, i) => {
    const shipments = (overlay?.shipments ?? []).filter((s) => s.lineNumber === line.lineNumber && s.at <= t);
    let statusDate = Math.max(o.createdAt, ackAt ?? 0);
    if (shipments.length) {
      // Once the seller ships a line through the API, the timeline no longer decides its fate.
      const entries: StatusEntry[] = shipments.map((s) => {
        const delivered = s.at + API_DELIVERY_DELAY_MS <= t;
        statusDate = Math.max(statusDate, s.updatedAt !== undefined && s.updatedAt <= t ? s.updatedAt : s.at, delivered ? s.at + API_DELIVERY_DELAY_MS : 0);
        return { status: delivered ? 'Delivered' : 'Shipped', qty: s.qty, tracking: s.tracking };
      });
      const open = line.quantity - shipments.reduce((n, s) => n + s.qty, 0);
      if (open > 0) entries.push({ status: 'Acknowledged', qty: open });
      return { lineNumber: line.lineNumber, entries, statusDate, openQty: open };
    }
    const partial = i < partialCount;
    const shipAt = partial ? o.partialShipAt : o.shippedAt;
    if (o.cancelledAt !== null && o.cancelledAt <= t) {
      return {
        lineNumber: line.lineNumber,
        entries: [{ status: 'Cancelled', qty: line.quantity, cancellationReason: 'CUSTOMER_REQUESTED_SELLER_TO_CANCEL' }],
        statusDate: Math.max(statusDate, o.cancelledAt),
        openQty: 0,
      };
    }
    if (shipAt !== null && shipAt <= t) {
      const delivered = o.deliveredAt !== null && o.deliveredAt <= t;
      return {
        lineNumber: line.lineNumber,
        entries: [{ status: delivered ? 'Delivered' : 'Shipped', qty: line.quantity, ...(po !== null ? { tracking: timelineTracking(seed, o, shipAt, partial, po) } : {}) }],
        statusDate: Math.max(statusDate, delivered ? (o.deliveredAt as number) : shipAt),
        openQty: 0,
      };
    }
    const status: LineStatus = ackAt !== undefined ? 'Acknowledged' : 'Created';
    return { lineNumber: line.lineNumber, entries: [{ status, qty: line.quantity }], statusDate, openQty: line.quantity };
  });
}

/** When the order last changed, as seen at `t` (drives lastModifiedStartDate/EndDate). */
export function orderLastModified(seed: string, o: SimOrder, overlay: OrderOverlay | undefined, t: number): number {
  if (!overlay) return lastModified(o, t);
  return lineStates(seed, o, null, overlay, t).reduce((m, l) => Math.max(m, l.statusDate), o.createdAt);
}
