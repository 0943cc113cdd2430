// The opaque `next` strings the engine persists between pages (and across crashes): everything
// needed to fetch the following page of the same window, versioned, base64url JSON.
import { z } from 'zod';
import { MarketplaceError } from '@/lib/marketplaces/http';

const OrdersCursor = z.object({
  v: z.literal(1),
  k: z.literal('orders'),
  /** The window, epoch ms: a cursor only continues the window it was made for. */
  from: z.number(),
  to: z.number(),
  /** getOrders offset (a record offset) of the next page. */
  offset: z.number().int().nonnegative(),
  /** `total` eBay reported on the previous page: a drop means orders left the window. */
  total: z.number().int().nonnegative(),
  /** eBay refused the end date as "in the future" (its clock behind ours): range left open. */
  open: z.boolean(),
});
export type OrdersCursor = z.infer<typeof OrdersCursor>;

const ListingsCursor = z.object({
  v: z.literal(1),
  k: z.literal('listings'),
  /** The `offset` of eBay's own `next` link (documented as a page number; taken verbatim). */
  offset: z.string(),
  limit: z.number().int().positive(),
});
export type ListingsCursor = z.infer<typeof ListingsCursor>;

const encode = (c: object) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decode<T>(schema: z.ZodType<T>, raw: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const r = schema.safeParse(parsed);
  if (!r.success) throw new MarketplaceError('permanent', 'ebay: page token is not one this connector issued');
  return r.data;
}

export const encodeOrdersCursor = (c: Omit<OrdersCursor, 'v' | 'k'>) => encode({ v: 1, k: 'orders', ...c });
export const decodeOrdersCursor = (raw: string) => decode(OrdersCursor, raw);
export const encodeListingsCursor = (c: Omit<ListingsCursor, 'v' | 'k'>) => encode({ v: 1, k: 'listings', ...c });
export const decodeListingsCursor = (raw: string) => decode(ListingsCursor, raw);
