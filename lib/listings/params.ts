// The Listings page's filters, sort and page, as they travel in the URL (/listings?q=…&status=…).
// Anything unreadable falls back to the default, so a hand-edited URL never errors.
import { MARKETPLACES, type Marketplace } from '@/lib/model';
import { pageParam } from '@/lib/paging';

/** What the page shows as a listing's status: the marketplace's, or that its account is disconnected. */
export const LISTING_STATUSES = ['published', 'unpublished', 'pending', 'error', 'retired', 'disconnected'] as const;
export type ListingStatus = (typeof LISTING_STATUSES)[number];

/** Stock flags: none left, or at most LOW_STOCK_AT left. */
export const STOCK_FILTERS = ['out', 'low'] as const;
export type StockFilter = (typeof STOCK_FILTERS)[number];
export const LOW_STOCK_AT = 10;

export const LISTING_SORTS = ['sku', 'title', 'price', 'quantity', 'status', 'updated'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];
export const DEFAULT_LISTING_SORT: ListingSort = 'sku';

export interface ListingParams {
  q: string | null;
  status: ListingStatus[];
  marketplace: Marketplace[];
  account: string | null;
  stock: StockFilter | null;
  sort: ListingSort;
  dir: 'asc' | 'desc';
  page: number;
}

type Raw = Record<string, string | string[] | undefined>;
const all = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const one = (v: string | string[] | undefined) => all(v)[0];
const among = <T extends string>(allowed: readonly T[], v: string | undefined): v is T => v !== undefined && (allowed as readonly string[]).includes(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseListingParams(raw: Raw): ListingParams {
  const q = one(raw.q)?.trim().slice(0, 100) || null;
  const sort = one(raw.sort);
  const dir = one(raw.dir);
  const account = one(raw.account);
  const stock = one(raw.stock);
  return {
    q,
    status: [...new Set(all(raw.status).filter((s): s is ListingStatus => among(LISTING_STATUSES, s)))],
    marketplace: [...new Set(all(raw.marketplace).filter((m): m is Marketplace => among(MARKETPLACES, m)))],
    account: account && UUID.test(account) ? account.toLowerCase() : null,
    stock: among(STOCK_FILTERS, stock) ? stock : null,
    sort: among(LISTING_SORTS, sort) ? sort : DEFAULT_LISTING_SORT,
    dir: dir === 'desc' ? 'desc' : 'asc',
    page: pageParam(one(raw.page)),
  };
}

export function hasListingFilters(p: ListingParams): boolean {
  return Boolean(p.q || p.status.length || p.marketplace.length || p.account || p.stock);
}

/** The query string for these params with some changed ("" when everything is the default). */
export function listingsQuery(p: ListingParams, change: Partial<ListingParams> = {}): string {
  const v = { ...p, ...change };
  const sp = new URLSearchParams();
  if (v.q) sp.set('q', v.q);
  for (const s of v.status) sp.append('status', s);
  for (const m of v.marketplace) sp.append('marketplace', m);
  if (v.account) sp.set('account', v.account);
  if (v.stock) sp.set('stock', v.stock);
  if (v.sort !== DEFAULT_LISTING_SORT || v.dir !== 'asc') {
    sp.set('sort', v.sort);
    sp.set('dir', v.dir);
  }
  if (v.page > 1) sp.set('page', String(v.page));
  const s = sp.toString();
  return s ? `?${s}` : '';
}
