// Finds the orders matching a getAllOrders query, newest first, without materialising the
// account: candidates are index ranges derived from the date windows (an order's timeline events
// all fall within MAX_EVENT_WINDOW_MS of its creation), plus the few orders API calls changed.
import { firstIndexCreatedAtOrAfter, MAX_EVENT_WINDOW_MS, type SimOrder } from '@/sandbox/core/catalog';
import type { OrderBook } from './order-book';
import type { LineState } from './order-state';
import { ORDER_HISTORY_MS, type OrdersQuery } from './orders-query';

interface Candidates {
  /** Inclusive index range, scanned downwards; empty when lo > hi. */
  lo: number;
  hi: number;
  /** Further candidate indexes outside the range, descending. */
  extras: number[];
  /** True when every candidate matches (no per-order filter), so counts are arithmetic. */
  exact: boolean;
}


export interface SearchPage {
  total: number;
  matches: Array<{ order: SimOrder; states: LineState[] }>;
  hasMore: boolean;
  /** Index of the last returned order (a later page resumes below it). */
  lastIndex: number;
}

function lastIndexCreatedBy(book: OrderBook, t: number): number {
  return firstIndexCreatedAtOrAfter(book.account.profile, t + 1) - 1;
}

function candidates(book: OrderBook, q: OrdersQuery, now: number): Candidates {
  const p = book.account.profile;
  const none: Candidates = { lo: 0, hi: -1, extras: [], exact: true };
  // Only Walmart's own seller-fulfilled, regular orders exist in this simulation.
  if (q.shipNodeType !== 'SellerFulfilled' || q.orderType === 'REPLACEMENT' || q.shippingProgramType) return none;
  let lo = Math.max(firstIndexCreatedAtOrAfter(p, now - ORDER_HISTORY_MS), q.createdStart ? firstIndexCreatedAtOrAfter(p, q.createdStart.ms) : 0);
  let hi = Math.min(book.count(now) - 1, lastIndexCreatedBy(book, q.createdEnd.ms));
  for (const [id, find] of [
    [q.purchaseOrderId, (v: string) => book.indexOfPurchaseOrder(v, now)],
    [q.customerOrderId, (v: string) => book.indexOfCustomerOrder(v, now)],
  ] as const) {
    if (id === null) continue;
    const i = find(id);
    if (i === null) return none;
    lo = Math.max(lo, i);
    hi = Math.min(hi, i);
  }
  const perOrder = q.status !== null || q.sku !== null || q.fromExpectedShip !== null || q.toExpectedShip !== null;
  if (!q.lastModifiedStart && !q.lastModifiedEnd) return { lo, hi, extras: [], exact: !perOrder };
  // Timeline changes happen within MAX_EVENT_WINDOW_MS of creation; API changes can touch any order.
  const tlo = Math.max(lo, q.lastModifiedStart ? firstIndexCreatedAtOrAfter(p, q.lastModifiedStart.ms - MAX_EVENT_WINDOW_MS) : 0);
  const thi = Math.min(hi, q.lastModifiedEnd ? lastIndexCreatedBy(book, q.lastModifiedEnd.ms) : hi);
  const extras = book.overlaidIndexesDesc().filter((i) => i >= lo && i <= hi && (i < tlo || i > thi));
  return { lo: tlo, hi: thi, extras, exact: false };
}

function* descending(c: Candidates, below: number): Generator<number> {
  let i = Math.min(c.hi, below - 1);
  let e = 0;
  while (e < c.extras.length && c.extras[e] >= below) e++;
  for (;;) {
    const extra = e < c.extras.length ? c.extras[e] : -1;
    if (i >= c.lo && i > extra) yield i--;
    else if (extra >= 0) {
      yield extra;
      e++;
    } else return;
  }
}

function matches(book: OrderBook, q: OrdersQuery, o: SimOrder, now: number): boolean {
  if (q.fromExpectedShip && o.shipBy < q.fromExpectedShip.ms) return false;
  if (q.toExpectedShip && o.shipBy > q.toExpectedShip.ms) return false;
  if (q.sku !== null && !o.lines.some((l) => l.item.sku === q.sku)) return false;
  if (q.lastModifiedStart || q.lastModifiedEnd) {
    const lm = book.lastModified(o, now);
    if (q.lastModifiedStart && lm < q.lastModifiedStart.ms) return false;
    if (q.lastModifiedEnd && lm > q.lastModifiedEnd.ms) return false;
  }
  if (q.status === null) return true;
  return book.statuses(o, now).some((l) => l.entries.some((e) => e.status === q.status));
}

/**
 * One page of matches. `resumeBelow` (an index) continues a scan where the previous page
 * stopped; without it the first `q.offset` matches are skipped by counting.
 */
export function searchOrders(book: OrderBook, q: OrdersQuery, now: number, pageSize: number, resumeBelow: number | null): SearchPage {
  const c = candidates(book, q, now);
  const size = Math.max(0, c.hi - c.lo + 1);
  let total = q.soIndex ?? 0;
  if (q.soIndex === null) {
    if (c.exact) total = size;
    else for (const i of descending(c, Infinity)) if (matches(book, q, book.order(i), now)) total++;
  }
  let start = resumeBelow ?? Infinity;
  let skip = resumeBelow === null ? q.offset : 0;
  if (c.exact && skip > 0) {
    start = Math.min(start, c.hi + 1) - skip;
    skip = 0;
  }
  const found: SearchPage['matches'] = [];
  let lastIndex = -1;
  let hasMore = false;
  for (const i of descending(c, start)) {
    const order = book.order(i);
    if (!c.exact && !matches(book, q, order, now)) continue;
    if (skip > 0) {
      skip--;
      continue;
    }
    if (found.length === pageSize) {
      hasMore = true;
      break;
    }
    found.push({ order, states: book.states(order, now) });
    lastIndex = i;
  }
  return { total, matches: found, hasMore, lastIndex };
}
