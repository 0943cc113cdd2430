// When each order of a simulated account is created: order #0 at `epochMs`, then one every
// `intervalMs`, or, with `steps`, at a rate that changes at given times (the demo's shop grows
// busier towards today). Pure arithmetic both ways (index → time, time → index), so simulators
// never scan an account's history to find the orders of a window.

/** From `fromMs` on, a new order every `intervalMs`. */
export interface ArrivalStep {
  fromMs: number;
  intervalMs: number;
}

export interface Arrivals {
  /** Time of order #0. */
  epochMs: number;
  /** Milliseconds between consecutive orders (until the first step, if any). */
  intervalMs: number;
  /** Optional cap on the number of orders (e.g. a benchmark's 100k). */
  maxOrders?: number;
  /** Rate changes, in ascending `fromMs`, each after `epochMs`; the first order of a step is at its `fromMs`. */
  steps?: readonly ArrivalStep[];
}

interface Segment {
  start: number;
  intervalMs: number;
  /** Index of the segment's first order. */
  first: number;
}

const cache = new WeakMap<readonly ArrivalStep[], Segment[]>();

function segments(a: Arrivals): Segment[] {
  if (!a.steps || a.steps.length === 0) return [{ start: a.epochMs, intervalMs: a.intervalMs, first: 0 }];
  const hit = cache.get(a.steps);
  if (hit && hit[0].start === a.epochMs && hit[0].intervalMs === a.intervalMs) return hit;
  const out: Segment[] = [{ start: a.epochMs, intervalMs: a.intervalMs, first: 0 }];
  for (const s of a.steps) {
    const prev = out[out.length - 1];
    if (!(s.fromMs > prev.start) || !(s.intervalMs > 0)) throw new Error('arrival steps must be ascending, after the epoch, with a positive interval');
    out.push({ start: s.fromMs, intervalMs: s.intervalMs, first: prev.first + Math.ceil((s.fromMs - prev.start) / prev.intervalMs) });
  }
  cache.set(a.steps, out);
  return out;
}

function segmentAt(segs: Segment[], t: number): number {
  let k = 0;
  while (k + 1 < segs.length && segs[k + 1].start <= t) k++;
  return k;
}

/** Creation time of order `index`. */
export function createdAtOf(a: Arrivals, index: number): number {
  const segs = segments(a);
  let k = 0;
  while (k + 1 < segs.length && segs[k + 1].first <= index) k++;
  return segs[k].start + (index - segs[k].first) * segs[k].intervalMs;
}

/** How many orders exist at `now` (indexes 0 .. count-1). */
export function orderCount(a: Arrivals, now: number): number {
  if (now < a.epochMs) return 0;
  const segs = segments(a);
  const s = segs[segmentAt(segs, now)];
  const n = s.first + Math.floor((now - s.start) / s.intervalMs) + 1;
  return a.maxOrders === undefined ? n : Math.min(n, a.maxOrders);
}

/** Index of the first order created at or after `t` (clamped to 0). */
export function firstIndexCreatedAtOrAfter(a: Arrivals, t: number): number {
  if (t <= a.epochMs) return 0;
  const segs = segments(a);
  const k = segmentAt(segs, t);
  const i = segs[k].first + Math.ceil((t - segs[k].start) / segs[k].intervalMs);
  return k + 1 < segs.length ? Math.min(i, segs[k + 1].first) : i;
}
