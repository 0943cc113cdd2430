// GET /v3/orders, GET /v3/orders/released, GET /v3/orders/{id}, POST /v3/orders/{id}/acknowledge.
import { json } from '@/sandbox/core/router';
import { invalidContent, invalidParam, notFound } from './errors';
import type { OrderBook } from './order-book';
import type { LineStatus } from './order-state';
import { searchOrders } from './order-search';
import { nextCursor, ORDERS_API, parseOrdersQuery, querySignature } from './orders-query';

/** "a maximum of 20000 orders can be fetched at a time" (getAllOrders description). */
export const MAX_ORDERS_FETCHED = 20_000;

/** Remembers where each page of a search stopped so the next page resumes without recounting. */
export class CursorCache {
  private readonly map = new Map<string, number>();
  constructor(private readonly max = 2000) {}
  get(key: string): number | null {
    return this.map.get(key) ?? null;
  }
  set(key: string, index: number): void {
    this.map.delete(key);
    this.map.set(key, index);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value as string);
  }
}

export interface OrdersContext {
  book: OrderBook;
  now: number;
  cursors: CursorCache;
}

function boolParam(url: URL, name: string): boolean {
  return url.searchParams.get(name) === 'true';
}

export function listOrders(ctx: OrdersContext, url: URL, operation: 'getAllOrders' | 'getAllReleasedOrders'): Response {
  const forced: LineStatus | undefined = operation === 'getAllReleasedOrders' ? 'Created' : undefined;
  const q = parseOrdersQuery(url.searchParams, ctx.now, forced);
  if (q instanceof Response) return q;
  if (q.offset >= MAX_ORDERS_FETCHED) {
    return invalidParam(ORDERS_API, 'poIndex', `Attempting to download more than ${MAX_ORDERS_FETCHED} orders. Narrow the search with createdStartDate/createdEndDate`);
  }
  const { book } = ctx;
  const sig = `${book.account.sellerId}|${operation}|${querySignature(q)}`;
  const page = searchOrders(book, q, ctx.now, Math.min(q.limit, MAX_ORDERS_FETCHED - q.offset), ctx.cursors.get(`${sig}|${q.offset}`));
  if (page.matches.length === 0) {
    return notFound(ORDERS_API, `Failed when called ${operation}. Orders not found for given search parameters`);
  }
  const nextOffset = q.offset + page.matches.length;
  if (page.hasMore) ctx.cursors.set(`${sig}|${nextOffset}`, page.lastIndex);
  const opts = { productInfo: q.productInfo, replacementInfo: q.replacementInfo };
  return json({
    list: {
      meta: {
        totalCount: page.total,
        limit: q.limit,
        ...(page.hasMore ? { nextCursor: nextCursor(book.account, q, page.total, nextOffset) } : {}),
      },
      elements: { order: page.matches.map((m) => book.render(m.order, ctx.now, opts, m.states)) },
    },
  });
}

export function getOrder(ctx: OrdersContext, url: URL, po: string): Response {
  const index = ctx.book.indexOfPurchaseOrder(po, ctx.now);
  if (index === null) return notFound(ORDERS_API, `Failed when called getAnOrder. Order not found for purchaseOrderId: ${po}`);
  const opts = { productInfo: boolParam(url, 'productInfo'), replacementInfo: boolParam(url, 'replacementInfo') };
  return json({ order: ctx.book.render(ctx.book.order(index), ctx.now, opts) });
}

export function acknowledgeOrder(ctx: OrdersContext, po: string): Response {
  const { book, now } = ctx;
  const index = book.indexOfPurchaseOrder(po, now);
  if (index === null) {
    return notFound(ORDERS_API, `CONTENT_NOT_FOUND :: Failed when called acknowledge API for '${po}'. Order not found`);
  }
  const o = book.order(index);
  const states = book.states(o, now);
  const statuses = states.flatMap((l) => l.entries.map((e) => e.status));
  // Walmart: "Orders with line items that are shipped or canceled should not be re-acknowledged."
  if (statuses.some((s) => s !== 'Created' && s !== 'Acknowledged')) {
    return invalidContent(ORDERS_API, `INVALID_REQUEST_CONTENT :: Failed when called acknowledge API for '${po}'.  Some or all qty in higher status`);
  }
  // Re-acknowledging an acknowledged order is allowed and changes nothing.
  if (statuses.includes('Created')) book.overlayFor(index).ackAt = now;
  return json({ order: book.render(o, now, { productInfo: false, replacementInfo: false }) });
}
