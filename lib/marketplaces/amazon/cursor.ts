// The opaque `next` strings handed to the sync engine, which may persist them and resume after a
// crash: everything needed to ask Amazon for the following page of the same query.
import { z } from 'zod';
import { MarketplaceError } from '@/lib/marketplaces/http';

const ordersCursor = z.object({ v: z.literal(1), f: z.number(), t: z.number(), n: z.number().int().min(1).max(100), b: z.boolean(), p: z.string().min(1) });
const listingsCursor = z.object({ v: z.literal(1), n: z.number().int().min(1).max(20), p: z.string().min(1) });

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decode<T>(text: string, schema: z.ZodType<T>, operation: string): T {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // falls through
  }
  throw new MarketplaceError('permanent', `${operation}: the page cursor is not one of ours`, { operation });
}

export interface OrdersPage {
  /** Amazon's paginationToken, which pins the filters; they are sent again with it all the same. */
  token: string;
  pageSize: number;
  /** Whether the window's end went out as lastUpdatedBefore. */
  bounded: boolean;
}

export function encodeOrdersCursor(fromMs: number, toMs: number, page: OrdersPage): string {
  return encode({ v: 1, f: fromMs, t: toMs, n: page.pageSize, b: page.bounded, p: page.token });
}

export function decodeOrdersCursor(text: string, fromMs: number, toMs: number): OrdersPage {
  const c = decode(text, ordersCursor, 'amazon.fetchOrders');
  if (c.f !== fromMs || c.t !== toMs) {
    throw new MarketplaceError('permanent', 'amazon.fetchOrders: the page cursor belongs to another window', { operation: 'amazon.fetchOrders' });
  }
  return { token: c.p, pageSize: c.n, bounded: c.b };
}

export function encodeListingsCursor(pageSize: number, token: string): string {
  return encode({ v: 1, n: pageSize, p: token });
}

export function decodeListingsCursor(text: string): { token: string; pageSize: number } {
  const c = decode(text, listingsCursor, 'amazon.fetchListings');
  return { token: c.p, pageSize: c.n };
}
