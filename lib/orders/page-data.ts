import 'server-only';
// Everything the Orders page reads, in the person's one transaction: the page of rows, the tab
// counts, the accounts (filter and "last synced") and whether the organization has any order.
// The page and `npm run bench:orders` both call this, so the benchmark measures what people wait for.
import type { Tx } from '@/lib/db';
import { tabCounts, type TabCounts } from './counts';
import { hasAnyOrder, listOrderAccounts, listOrders, type AccountOption, type OrderListResult } from './list';
import { hasFilters, type OrderListParams } from './url';
import { listViews, type SavedView } from './views';

export interface OrdersPageData {
  result: OrderListResult;
  counts: TabCounts;
  accounts: AccountOption[];
  anyOrder: boolean;
  views: SavedView[];
}

export async function loadOrdersPage(tx: Tx, orgId: string, params: OrderListParams, opts: { now?: Date; timeZone?: string; userId?: string } = {}): Promise<OrdersPageData> {
  const now = opts.now ?? new Date();
  // Issued together, so the driver sends them in one flight (postgres.js pipelines a transaction's
  // queries, one round trip each with scripts/patch-postgres.mjs; PGlite runs them one after
  // another): the counts, the accounts, the views and the list's first statements (its search, or
  // its count and page). A tab with no other filter is exactly what its count counts: the list
  // takes its total from there. A search goes first: the page's own statement waits for its
  // answer, and is built and sent while the server is still on the others.
  // The rows take their account names from the accounts read here.
  let accounted: Promise<AccountOption[]> | undefined;
  const accountList = () => (accounted ??= listOrderAccounts(tx, orgId));
  const list = (total?: Promise<TabCounts[keyof TabCounts]>) => listOrders(tx, orgId, params, { now, timeZone: opts.timeZone, total, accounts: accountList() });
  const searched = params.q ? list() : undefined;
  const counted = tabCounts(tx, orgId, { now, timeZone: opts.timeZone });
  const [counts, accounts, views, result] = await Promise.all([
    counted,
    accountList(),
    opts.userId ? listViews(tx, orgId, opts.userId) : Promise.resolve([]),
    searched ?? list(hasFilters(params) ? undefined : counted.then((c) => c[params.tab])),
  ]);
  const anyOrder = result.total > 0 || counts.all.n > 0 || (await hasAnyOrder(tx, orgId));
  return { result, counts, accounts, anyOrder, views };
}
