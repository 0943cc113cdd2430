import 'server-only';
// Everything the Orders page reads, in the person's one transaction: the page of rows, the tab
// counts, the accounts (filter and "last synced"), the person's saved views and whether the
// organization has any order. The page and `npm run bench:orders` both call this, so the
// benchmark measures what people wait for.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import type { Marketplace } from '@/lib/model';
import { countsOf, type CountsRow, type TabCounts } from './counts';
import { COUNT_CAP, hasAnyOrder, listOrders, type AccountOption, type OrderListResult } from './list';
import { resolveSearch, SEARCH_MIN } from './search';
import { dayBounds } from './urgency';
import { hasFilters, type OrderListParams } from './url';
import type { SavedView } from './views';

export interface OrdersPageData {
  result: OrderListResult;
  counts: TabCounts;
  accounts: AccountOption[];
  anyOrder: boolean;
  views: SavedView[];
}

export async function loadOrdersPage(tx: Tx, orgId: string, params: OrderListParams, opts: { now?: Date; timeZone?: string; userId?: string } = {}): Promise<OrdersPageData> {
  const now = opts.now ?? new Date();
  // At most three statements, issued together so the driver sends them in one flight (postgres.js
  // pipelines a transaction's statements; PGlite runs them one after another, each costing a few
  // tenths of a millisecond however small): a search's, the page's side data (below), and the
  // list's own (its page, and its count unless its tab's count is it). A search goes first and is
  // started before anything else: the page's statement waits for its answer, and is built and
  // sent while the server reads the side data.
  const search = params.q && params.q.length >= SEARCH_MIN ? resolveSearch(tx, orgId, params.q) : undefined;
  const side = sideData(tx, orgId, opts.userId, { now, timeZone: opts.timeZone });
  // A tab with no other filter is exactly what its count counts: the list takes its total from
  // there. The rows take their account names from the accounts read here. (The list may return
  // without waiting for either, so a failure of the side data is reported once, through `side`.)
  const part = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => {});
    return p;
  };
  const [{ counts, accounts, views }, result] = await Promise.all([
    side,
    listOrders(tx, orgId, params, {
      now,
      timeZone: opts.timeZone,
      search,
      total: search || hasFilters(params) ? undefined : part(side.then((s) => s.counts[params.tab])),
      accounts: part(side.then((s) => s.accounts)),
    }),
  ]);
  const anyOrder = result.total > 0 || counts.all.n > 0 || (await hasAnyOrder(tx, orgId));
  return { result, counts, accounts, anyOrder, views };
}

type SideRow = Partial<CountsRow> & {
  accounts: string | Array<{ id: string; name: string; marketplace: Marketplace; lastSyncedAt: string | null }>;
  views: string | SavedView[];
};

/**
 * The tab counts, the organization's accounts and the person's saved views in one call of
 * private.orders_page_side (three statements cost PGlite about 1 ms more a page, and the function
 * keeps its plan). The accounts and views are read under RLS, as listOrderAccounts and listViews
 * read them, in the same order.
 */
async function sideData(tx: Tx, orgId: string, userId: string | undefined, opts: { now: Date; timeZone?: string }) {
  const dayEnd = dayBounds(opts.now, opts.timeZone).end;
  const [row] = rowsOf<SideRow>(
    await tx.execute(
      sql`select * from private.orders_page_side(${orgId}::uuid, ${userId ?? null}::uuid, ${opts.now.toISOString()}::timestamptz, ${dayEnd.toISOString()}::timestamptz, ${COUNT_CAP})`,
    ),
  );
  // One row always: the counts are none for a non-member (every count 0, see countsOf). json
  // arrives parsed from postgres.js and PGlite alike; as text from a driver that does not.
  const json = <T>(v: string | T): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const accounts: AccountOption[] = json(row.accounts).map((a) => ({ ...a, lastSyncedAt: a.lastSyncedAt === null ? null : new Date(a.lastSyncedAt) }));
  return { counts: countsOf(row), accounts, views: json(row.views) };
}
