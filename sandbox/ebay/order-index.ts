// Answers getOrders' filters over an account of any size without holding its orders: results are
// ordered by creation (= order index) and split into
//   R: one contiguous index range of *settled* orders (every timeline event is in the past, so
//      the order's status and last-modified time are final), counted per 1024-order block and the
//      counts cached forever (a settled block never changes; API-touched orders are excluded), and
//   E: a short explicit list (orders still changing, the edges of a last-modified window, and
//      orders the API touched), each evaluated one by one.
// Final (status, last-modified) of settled orders are also kept per block in a small LRU, so a
// client paging through one window does not regenerate the same orders on every page.
import {
  MAX_EVENT_WINDOW_MS,
  firstIndexCreatedAtOrAfter,
  lastModified,
  orderCount,
  simOrder,
  type AccountProfile,
} from '@/sandbox/core/catalog';
import type { OrderIdCodec } from './ids';
import { orderState, settledStatus, type FulfillmentStatus, type OrderOverlay, type OrderState } from './order-state';

const BLOCK = 1024;
const TWO_YEARS_MS = 730 * 86_400_000;
/** Blocks of settled-order summaries kept (~9 bytes per order: about 2.4 MB). */
const SUMMARY_BLOCKS = 256;

interface Summary {
  lastModified: Float64Array;
  fulfilled: Uint8Array;
}

export interface OrderQuery {
  /** creationdate (or the default 90-day window) vs lastmodifieddate. */
  mode: 'creation' | 'modified';
  from: number;
  to: number;
  statuses: ReadonlySet<FulfillmentStatus> | null;
}

export class OrderIndex {
  /** Settled blocks: [NOT_STARTED count, FULFILLED count] from the timeline alone. */
  private readonly blocks = new Map<number, [number, number]>();
  private readonly summaries = new Map<number, Summary>();
  readonly overlay = new Map<number, OrderOverlay>();

  constructor(
    readonly profile: AccountProfile,
    readonly codec: OrderIdCodec,
  ) {}

  count(now: number): number {
    return orderCount(this.profile, now);
  }

  /** The order's state, or null when no such order exists (yet) or it is over two years old. */
  find(orderId: string, now: number): OrderState | null {
    const i = this.codec.decode(orderId);
    if (i === null || i >= this.count(now)) return null;
    if (i < firstIndexCreatedAtOrAfter(this.profile, now - TWO_YEARS_MS)) return null;
    return this.state(i, now);
  }

  state(index: number, now: number): OrderState {
    return orderState(simOrder(this.profile, index), this.codec.encode(index), this.overlay.get(index), now, this.profile.seed);
  }

  page(q: OrderQuery, now: number, offset: number, limit: number): { total: number; indexes: number[] } {
    const p = this.profile;
    const first = (t: number) => firstIndexCreatedAtOrAfter(p, t);
    const count = this.count(now);
    const oldest = Math.min(count, first(now - TWO_YEARS_MS));
    const liveStart = Math.max(oldest, Math.min(count, first(now - MAX_EVENT_WINDOW_MS)));
    const upTo = (t: number) => Math.min(count, first(t + 1)); // end of orders created <= t

    let rStart: number;
    let rEnd: number;
    const edges: Array<[number, number]> = [];
    let overlayScope: [number, number];
    if (q.mode === 'creation') {
      const lo = Math.max(oldest, Math.min(count, first(q.from)));
      const hi = Math.max(lo, upTo(q.to));
      if (!q.statuses) {
        // Every order created in the window matches whatever its state: pure arithmetic.
        const total = hi - lo;
        const indexes: number[] = [];
        for (let i = lo + offset; i < hi && indexes.length < limit; i++) indexes.push(i);
        return { total, indexes };
      }
      rStart = lo;
      rEnd = Math.max(lo, Math.min(hi, liveStart));
      edges.push([rEnd, hi]);
      overlayScope = [lo, hi];
    } else {
      const lowEdge = Math.max(oldest, Math.min(count, first(q.from - MAX_EVENT_WINDOW_MS)));
      rStart = Math.max(lowEdge, Math.min(count, first(q.from)));
      // Settled orders created by `to - window` were last modified by `to`.
      rEnd = Math.max(rStart, Math.min(liveStart, upTo(q.to - MAX_EVENT_WINDOW_MS)));
      edges.push([lowEdge, rStart], [rEnd, Math.max(rEnd, upTo(q.to))]);
      overlayScope = [oldest, count];
    }

    const matches = (i: number) => {
      let status: FulfillmentStatus;
      let lm: number;
      if (i < liveStart && !this.overlay.has(i)) {
        [status, lm] = this.settled(i, liveStart);
      } else {
        const s = this.state(i, now);
        [status, lm] = [s.status, s.lastModified];
      }
      if (q.statuses && !q.statuses.has(status)) return false;
      return q.mode === 'creation' || (lm >= q.from && lm <= q.to);
    };
    const candidates = new Set<number>();
    for (const [a, b] of edges) for (let i = a; i < b; i++) candidates.add(i);
    for (const i of this.overlay.keys()) if (i >= overlayScope[0] && i < overlayScope[1]) candidates.add(i);
    const explicit = [...candidates].filter(matches).sort((a, b) => a - b);

    const inR = (j: number) => !this.overlay.has(j) && (!q.statuses || q.statuses.has(this.settled(j, liveStart)[0]));
    const countR = (x: number, y: number) => this.countSettled(x, y, q.statuses, liveStart);

    const indexes: number[] = [];
    let skip = offset;
    let i = rStart;
    let e = 0;
    while (indexes.length < limit) {
      const nextE = e < explicit.length ? explicit[e] : Infinity;
      if (i < rEnd && i < nextE) {
        // Skip whole (cached) blocks while the offset allows, otherwise walk the chunk.
        const chunkEnd = Math.min(rEnd, nextE, (Math.floor(i / BLOCK) + 1) * BLOCK);
        if (skip > 0) {
          const c = countR(i, chunkEnd);
          if (c <= skip) {
            skip -= c;
            i = chunkEnd;
            continue;
          }
        }
        for (; i < chunkEnd && indexes.length < limit; i++) {
          if (!inR(i)) continue;
          if (skip > 0) skip--;
          else indexes.push(i);
        }
      } else if (nextE !== Infinity) {
        if (skip > 0) skip--;
        else indexes.push(nextE);
        e++;
      } else break;
    }
    return { total: countR(rStart, rEnd) + explicit.length, indexes };
  }

  /** Orders in [x, y) (all settled) that the API never touched and whose final status matches. */
  private countSettled(x: number, y: number, statuses: ReadonlySet<FulfillmentStatus> | null, liveStart: number): number {
    if (y <= x) return 0;
    let n = 0;
    if (!statuses) n = y - x;
    else {
      const want = (c: [number, number]) => (statuses.has('NOT_STARTED') ? c[0] : 0) + (statuses.has('FULFILLED') ? c[1] : 0);
      let i = x;
      while (i < y) {
        const b = Math.floor(i / BLOCK);
        const end = Math.min(y, (b + 1) * BLOCK);
        if (i === b * BLOCK && end === (b + 1) * BLOCK && end <= liveStart) n += want(this.block(b, liveStart));
        else n += want(this.tally(i, end, liveStart));
        i = end;
      }
    }
    for (const j of this.overlay.keys()) {
      if (j >= x && j < y && (!statuses || statuses.has(this.settled(j, liveStart)[0]))) n--;
    }
    return n;
  }

  private block(b: number, liveStart: number): [number, number] {
    let c = this.blocks.get(b);
    if (!c) {
      c = this.tally(b * BLOCK, (b + 1) * BLOCK, liveStart);
      this.blocks.set(b, c);
    }
    return c;
  }

  private tally(x: number, y: number, liveStart: number): [number, number] {
    const c: [number, number] = [0, 0];
    for (let j = x; j < y; j++) c[this.settled(j, liveStart)[0] === 'FULFILLED' ? 1 : 0]++;
    return c;
  }

  /** Final status and last-modified time of a settled order the API never touched. */
  private settled(i: number, liveStart: number): [FulfillmentStatus, number] {
    const b = Math.floor(i / BLOCK);
    if ((b + 1) * BLOCK > liveStart) {
      const o = simOrder(this.profile, i);
      return [settledStatus(o), lastModified(o, Infinity)];
    }
    let s = this.summaries.get(b);
    if (s) {
      this.summaries.delete(b); // re-insert: most recently used last
    } else {
      s = { lastModified: new Float64Array(BLOCK), fulfilled: new Uint8Array(BLOCK) };
      for (let k = 0; k < BLOCK; k++) {
        const o = simOrder(this.profile, b * BLOCK + k);
        s.lastModified[k] = lastModified(o, Infinity);
        s.fulfilled[k] = settledStatus(o) === 'FULFILLED' ? 1 : 0;
      }
      if (this.summaries.size >= SUMMARY_BLOCKS) this.summaries.delete(this.summaries.keys().next().value as number);
    }
    this.summaries.set(b, s);
    const k = i - b * BLOCK;
    return [s.fulfilled[k] ? 'FULFILLED' : 'NOT_STARTED', s.lastModified[k]];
  }
}
