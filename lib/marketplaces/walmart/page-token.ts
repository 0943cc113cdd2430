// The opaque `next` strings handed to the sync engine, which persists them and may resume from
// them after a crash. They hold only paging state (Walmart cursors, dates, purchase order ids),
// never credentials or buyer data.
import { z } from 'zod';
import { MarketplaceError } from '@/lib/marketplaces/http';
import type { OrderWindow } from '@/lib/marketplaces/types';

const ordersToken = z.object({
  k: z.literal('o1'),
  /** The window this token belongs to (epoch ms). */
  from: z.number(),
  to: z.number(),
  /** Walmart's `nextCursor` (a query string starting with "?"), or null to start a segment. */
  cursor: z.string().nullable(),
  /** createdEndDate of the current segment (see connector.ts), epoch ms. */
  createdEnd: z.number().nullable(),
  /** Orders the previous segment already returned at its boundary instant. */
  skip: z.array(z.string()),
  /** Orders fetched so far in the current segment. */
  fetched: z.number().int().nonnegative(),
});

export type OrdersPageState = z.infer<typeof ordersToken>;

const listingsToken = z.object({
  k: z.literal('l1'),
  cursor: z.string().min(1),
  fetched: z.number().int().nonnegative(),
});

export type ListingsPageState = z.infer<typeof listingsToken>;

/** After the last items page: the inventory pages (Walmart's cursor, null for the first). */
const inventoryToken = z.object({
  k: z.literal('i1'),
  cursor: z.string().min(1).nullable(),
  fetched: z.number().int().nonnegative(),
});

export type InventoryPageState = z.infer<typeof inventoryToken>;

const encode = (v: unknown): string => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');

function decode<T>(token: string, schema: z.ZodType<T>, operation: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new MarketplaceError('permanent', `${operation}: unreadable page token`, { operation });
  return parsed.data;
}

export function encodeOrdersPage(s: Omit<OrdersPageState, 'k'>): string {
  return encode({ k: 'o1', ...s });
}

export function decodeOrdersPage(token: string, window: OrderWindow): OrdersPageState {
  const s = decode(token, ordersToken, 'walmart.getAllOrders');
  if (s.from !== window.updatedFrom.getTime() || s.to !== window.updatedTo.getTime()) {
    throw new MarketplaceError('permanent', 'walmart.getAllOrders: page token belongs to another window', { operation: 'walmart.getAllOrders' });
  }
  return s;
}

export function encodeListingsPage(s: Omit<ListingsPageState, 'k'>): string {
  return encode({ k: 'l1', ...s });
}

export function encodeInventoryPage(s: Omit<InventoryPageState, 'k'>): string {
  return encode({ k: 'i1', ...s });
}

/** A listings sync's token: an items page or, after the last one, an inventory page. */
export function decodeListingsPage(token: string): ListingsPageState | InventoryPageState {
  return decode(token, z.union([listingsToken, inventoryToken]), 'walmart.getAllItems');
}
