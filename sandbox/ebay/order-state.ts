// The state of one eBay order at a moment: the shared timeline (created, cancelled, shipped by the
// seller outside the app, delivered) merged with the overlay of fulfillments the API created.
// Orders the API never touched reproduce the core `lastModified` exactly, which the order index
// relies on to reason about whole ranges without generating them.
import type { SimOrder } from '@/sandbox/core/catalog';
import { digits, rngFor } from '@/sandbox/core/random';

export type FulfillmentStatus = 'NOT_STARTED' | 'IN_PROGRESS' | 'FULFILLED';

export interface Shipment {
  fulfillmentId: string;
  lines: Array<{ lineNumber: number; quantity: number }>;
  carrier?: string;
  tracking?: string;
  shippedDate: number;
  /** When eBay learned of it (the order's modification time). */
  recordedAt: number;
  source: 'timeline' | 'api';
}

/** What API calls changed on an order; the only per-order memory the simulator keeps. */
export interface OrderOverlay {
  shipments: Shipment[];
}

export interface OrderState {
  sim: SimOrder;
  orderId: string;
  cancelled: boolean;
  status: FulfillmentStatus;
  lastModified: number;
  shipments: Shipment[];
  /** Quantity shipped per line (index = lineNumber - 1). */
  shipped: number[];
}

export function orderState(sim: SimOrder, orderId: string, overlay: OrderOverlay | undefined, now: number, seed: string): OrderState {
  const api = (overlay?.shipments ?? []).filter((s) => s.recordedAt <= now);
  const firstApi = api.length ? Math.min(...api.map((s) => s.recordedAt)) : Infinity;
  // A buyer cannot cancel an order the seller already shipped through the API.
  const cancelled = sim.cancelledAt !== null && sim.cancelledAt <= now && firstApi > sim.cancelledAt;

  const shipped = sim.lines.map(() => 0);
  const shipments: Shipment[] = [];
  let lastModified = sim.createdAt;
  let timelineShipped = false;
  const events: Array<{ at: number; lines: number[]; kind: 'partial' | 'full' }> = [];
  if (sim.partialShipAt !== null) events.push({ at: sim.partialShipAt, lines: [1], kind: 'partial' });
  if (sim.shippedAt !== null) events.push({ at: sim.shippedAt, lines: sim.lines.map((l) => l.lineNumber), kind: 'full' });

  const applyApiUpTo = (t: number, applied: Set<Shipment>) => {
    for (const s of api) {
      if (s.recordedAt > t || applied.has(s)) continue;
      applied.add(s);
      for (const l of s.lines) shipped[l.lineNumber - 1] += l.quantity;
      shipments.push(s);
      lastModified = Math.max(lastModified, s.recordedAt);
    }
  };
  const applied = new Set<Shipment>();
  if (cancelled) lastModified = Math.max(lastModified, sim.cancelledAt as number);
  for (const e of cancelled ? [] : events) {
    if (e.at > now) break;
    applyApiUpTo(e.at, applied);
    const lines = e.lines
      .map((n) => ({ lineNumber: n, quantity: sim.lines[n - 1].quantity - shipped[n - 1] }))
      .filter((l) => l.quantity > 0);
    if (!lines.length) continue;
    for (const l of lines) shipped[l.lineNumber - 1] += l.quantity;
    const tracking = timelineTracking(seed, sim.index, e.kind);
    shipments.push({ fulfillmentId: tracking, lines, carrier: 'USPS', tracking, shippedDate: e.at, recordedAt: e.at, source: 'timeline' });
    lastModified = Math.max(lastModified, e.at);
    if (e.kind === 'full') timelineShipped = true;
  }
  applyApiUpTo(now, applied);
  if (timelineShipped && sim.deliveredAt !== null && sim.deliveredAt <= now) lastModified = Math.max(lastModified, sim.deliveredAt);

  const total = shipped.reduce((a, b) => a + b, 0);
  const status: FulfillmentStatus = sim.lines.every((l, i) => shipped[i] >= l.quantity)
    ? 'FULFILLED'
    : total > 0
      ? 'IN_PROGRESS'
      : 'NOT_STARTED';
  return { sim, orderId, cancelled, status, lastModified, shipments, shipped };
}

/** Status once every timeline event has happened, for orders the API never touched. */
export function settledStatus(sim: SimOrder): FulfillmentStatus {
  return sim.cancelledAt === null && sim.shippedAt !== null ? 'FULFILLED' : 'NOT_STARTED';
}

function timelineTracking(seed: string, index: number, kind: string): string {
  return `9400111899${digits(rngFor(seed, 'ebay-tracking', index, kind), 12)}`;
}

export function lineStatus(state: OrderState, lineNumber: number): FulfillmentStatus {
  const q = state.shipped[lineNumber - 1];
  const want = state.sim.lines[lineNumber - 1].quantity;
  return q >= want ? 'FULFILLED' : q > 0 ? 'IN_PROGRESS' : 'NOT_STARTED';
}
