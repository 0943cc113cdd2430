// The orders list lives in its URL: these helpers turn parsed list parameters back into a query
// string. No server imports, so client components (sortable headers, filter bar) share them.

export const ORDER_SORTS = ['ordered_at', 'ship_by', 'total', 'status', 'marketplace', 'external_order_id'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];
export type SortDir = 'asc' | 'desc';

export const PAGE_SIZES = [25, 50, 100] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

export const DEFAULT_SORT: OrderSort = 'ordered_at';
export const DEFAULT_DIR: SortDir = 'desc';
export const DEFAULT_PAGE_SIZE: PageSize = 50;

/** Status tabs of the workspace; "all" is the default so shared links keep their meaning. */
export const ORDER_TABS = ['awaiting', 'hold', 'attention', 'shipped', 'delivered', 'cancelled', 'all'] as const;
export type OrderTab = (typeof ORDER_TABS)[number];
export const DEFAULT_TAB: OrderTab = 'all';

/** The sort a tab opens with: the to-do tab shows what must ship first. */
export function defaultSortFor(tab: OrderTab): { sort: OrderSort; dir: SortDir } {
  return tab === 'awaiting' ? { sort: 'ship_by', dir: 'asc' } : { sort: DEFAULT_SORT, dir: DEFAULT_DIR };
}

export interface OrderListParams {
  tab: OrderTab;
  page: number;
  /** Keyset cursor of a deep page (opaque; see lib/orders/keyset.ts): replaces the page offset. */
  after?: string;
  size: PageSize;
  sort: OrderSort;
  dir: SortDir;
  status: string[];
  marketplace: string[];
  account?: string;
  hold?: 'yes' | 'no';
  late: boolean;
  /** Open orders whose ship-by falls later today (in the organization's time zone). */
  due?: 'today';
  from?: string;
  to?: string;
  q?: string;
}

/** True when any filter (not paging or sorting) narrows the list. */
export function hasFilters(p: OrderListParams): boolean {
  return Boolean(p.status.length || p.marketplace.length || p.account || p.hold || p.late || p.due || p.from || p.to || p.q);
}

/** The query string for `p` with `changes` applied; defaults are left out to keep links short. */
export function orderListQuery(p: OrderListParams, changes: Partial<OrderListParams> = {}): string {
  const v = { ...p, ...changes };
  const sp = new URLSearchParams();
  if (v.tab !== DEFAULT_TAB) sp.set('tab', v.tab);
  if (v.q) sp.set('q', v.q);
  for (const s of v.status) sp.append('status', s);
  for (const m of v.marketplace) sp.append('marketplace', m);
  if (v.account) sp.set('account', v.account);
  if (v.hold) sp.set('hold', v.hold);
  if (v.late) sp.set('late', '1');
  if (v.due) sp.set('due', v.due);
  if (v.from) sp.set('from', v.from);
  if (v.to) sp.set('to', v.to);
  const d = defaultSortFor(v.tab);
  if (v.sort !== d.sort || v.dir !== d.dir) {
    sp.set('sort', v.sort);
    sp.set('dir', v.dir);
  }
  if (v.size !== DEFAULT_PAGE_SIZE) sp.set('size', String(v.size));
  if (v.page > 1) sp.set('page', String(v.page));
  if (v.after) sp.set('after', v.after);
  const s = sp.toString();
  return s ? `?${s}` : '';
}
