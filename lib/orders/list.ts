import 'server-only';
// The orders list: one page of an organization's orders, filtered and sorted in Postgres.
// A page's orders are found by their sort's index (one per sort, see query.ts), and only then
// joined with their buyer: joining before sorting made Postgres read every order and buyer of a
// large organization. The total is a capped count (COUNT_CAP), not a full scan.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { marketplaceAccounts, orderBuyers, orders } from '@/lib/db/schema';
import { type Marketplace, type OrderStatus } from '@/lib/model';
import { afterCursor, cursorColumns, decodeCursor, encodeCursor } from './keyset';
import { conditions, OPEN_STATUSES, orderBy } from './query';
import { resolveSearch, SEARCH_CAP, SEARCH_MIN, type ResolvedSearch } from './search';
import { urgencyOf } from './urgency';
import { hasFilters, type OrderListParams } from './url';

export { OPEN_STATUSES } from './query';

/** Counts stop here: "10,000+" reads as well as an exact figure that costs a full scan. */
export const COUNT_CAP = 10_000;

export interface OrderListRow {
  id: string;
  externalOrderId: string;
  marketplace: Marketplace;
  accountId: string;
  accountName: string;
  status: OrderStatus;
  marketplaceStatus: string;
  orderedAt: Date;
  shipBy: Date | null;
  /** Exact decimal from numeric(12,2), converted once here; cents fit a double exactly. */
  total: number;
  currency: string;
  itemCount: number;
  /** null when the buyer has no name or was anonymized (see buyerAnonymized). */
  buyerName: string | null;
  buyerAnonymized: boolean;
  onHold: boolean;
  late: boolean;
  /** Open and due before the end of today in the organization's time zone (not yet late). */
  dueToday: boolean;
}

export interface OrderListResult {
  rows: OrderListRow[];
  /** Matching orders, at most COUNT_CAP (see capped). */
  total: number;
  capped: boolean;
  /** The page actually returned: a page past the end is clamped to the last one. */
  page: number;
  pageCount: number;
  pageSize: number;
  /** Cursor of the page after this one (keyset), when there is one. */
  next?: string;
}

export function isLate(o: { status: OrderStatus; shipBy: Date | null }, now: Date): boolean {
  return o.shipBy !== null && o.shipBy < now && (OPEN_STATUSES as readonly string[]).includes(o.status);
}

type Total = { n: number; capped: boolean };

export interface ListOptions {
  /**
   * The total when the caller already counts this very list (a tab without other filters), or
   * is counting it: a pending count lets the page's ids go out in the same round trip.
   */
  total?: Total | Promise<Total>;
  now?: Date;
  /** The organization's IANA zone: where "today" begins and ends. */
  timeZone?: string;
  /**
   * The organization's accounts when the caller reads them anyway (the Orders page does, in the
   * same flight): the rows take their account's name from there instead of a lookup per row.
   */
  accounts?: Promise<AccountOption[]>;
  /**
   * The search of params.q, already started by the caller (resolveSearch), so that its statement
   * goes out ahead of the caller's others: the page's own statement waits for its answer.
   */
  search?: Promise<ResolvedSearch>;
}

/** How many orders match, counting no further than `cap + 1`. */
export async function cappedCount(tx: Tx, where: ReturnType<typeof conditions>, cap = COUNT_CAP): Promise<Total> {
  const limited = tx.select({ one: sql`1` }).from(orders).where(where).limit(cap + 1).as('limited');
  const [{ n }] = await tx.select({ n: count() }).from(limited);
  return { n: Math.min(Number(n), cap), capped: Number(n) > cap };
}

/** The list's total: a search's own count when nothing else narrows it, else counted (capped). */
async function countMatching(tx: Tx, where: ReturnType<typeof conditions>, params: OrderListParams, searched: number | null | undefined): Promise<Total> {
  if (searched === undefined) return cappedCount(tx, where);
  if (params.tab === 'all' && !hasFilters({ ...params, q: undefined })) return searched === null ? { n: SEARCH_CAP, capped: true } : { n: searched, capped: false };
  return cappedCount(tx, where, SEARCH_CAP);
}

export async function listOrders(
  tx: Tx,
  orgId: string,
  params: OrderListParams,
  nowOrOptions: Date | ListOptions = {},
): Promise<OrderListResult> {
  const opts = nowOrOptions instanceof Date ? { now: nowOrOptions } : nowOrOptions;
  const now = opts.now ?? new Date();
  const search = params.q && params.q.length >= SEARCH_MIN ? await (opts.search ?? resolveSearch(tx, orgId, params.q)) : undefined;
  const where = conditions({ orgId, now, timeZone: opts.timeZone, search: search?.where }, params);
  const pageSize = params.size;
  const cursor = decodeCursor(params, params.after);
  // A page in one statement, one row more than it shows (to know whether another page follows).
  // Whether the page's walk passes few orders that do not match, so that reading each passed
  // order's columns costs little: a tab alone (its own index; "needs attention" checks each
  // order), a search's few ids (looked up, not walked), or a term so common it is checked order by
  // order (more than SEARCH_CAP matches: one order in ten or more at 10k orders).
  const walksFew = !hasFilters({ ...params, q: undefined }) && params.tab !== 'attention' && (!search || search.n === null || search.n <= SEARCH_CAP);
  const pageOf = (page: number) => {
    const offset = cursor ? 0 : (page - 1) * pageSize;
    const matching = cursor ? and(where, afterCursor(params, cursor)) : where;
    const fields = { ...rowFields(orgId), ...(opts.accounts ? { accountName: sql<string>`''` } : {}), keys: sql<Array<string | null>>`array[${sql.join(cursorColumns(params), sql`, `)}]` };
    if (offset === 0 && walksFew) {
      // The first rows in the sort's order, read with their columns, then joined with their
      // buyer. The subquery is named "orders", so the fields, the sort and the cursor's keys
      // (written against the orders table) name its columns.
      const page1 = tx.select(ORDER_COLUMNS).from(orders).where(matching).orderBy(...orderBy(params)).limit(pageSize + 1).as('orders');
      return tx
        .select(fields)
        .from(page1)
        .leftJoin(orderBuyers, and(eq(orderBuyers.orgId, orgId), eq(orderBuyers.orderId, orders.id)))
        .orderBy(...orderBy(params));
    }
    // Past an offset, or where the walk may pass many orders that do not match: ids first, the
    // sort's index alone answers the rows passed (reading their columns would fetch each of them
    // from the table: a late filter of a million-order organization took 21 ms, not 12), then
    // only the page's rows are read.
    const ids = tx.select({ id: orders.id }).from(orders).where(matching).orderBy(...orderBy(params)).limit(pageSize + 1).offset(offset).as('p');
    return tx
      // The next cursor's keys from the page's rows: in the ids subquery they would be computed
      // for every row an offset skips too.
      .select(fields)
      .from(ids)
      .innerJoin(orders, and(eq(orders.orgId, orgId), eq(orders.id, ids.id)))
      .leftJoin(orderBuyers, and(eq(orderBuyers.orgId, orgId), eq(orderBuyers.orderId, orders.id)))
      // The same order again, over the page's rows only (the sort keys end with the id: no ties).
      .orderBy(...orderBy(params));
  };
  // The count and the asked-for page go out together; a page past the end (an old link) is
  // clamped to the last one once the count is known, and only then read again.
  const asked = Math.max(1, params.page);
  const [{ n: total, capped }, askedRows] = await Promise.all([opts.total ?? countMatching(tx, where, params, search?.n), pageOf(asked)]);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = cursor ? params.page : Math.max(1, Math.min(params.page, pageCount));
  if (total === 0) return { rows: [], total, capped, page, pageCount: 0, pageSize };

  const found = cursor || page === asked ? askedRows : await pageOf(page);
  const more = found.length > pageSize;
  const shown = found.slice(0, pageSize);
  const last = shown[shown.length - 1];
  const next = more && last ? encodeCursor(params, last.keys, last.id) : undefined;
  const names = opts.accounts ? await accountNames(tx, orgId, shown, await opts.accounts) : undefined;
  const rows = shown.map((r) => toRow(r, now, opts.timeZone, names?.get(r.accountId) ?? (names ? '' : undefined)));
  return { rows, total, capped, page, pageCount, pageSize, next };
}

/**
 * The rows' account names from the accounts already read. An account the list does not hold (one
 * connected between the two statements) is looked up.
 */
async function accountNames(tx: Tx, orgId: string, rows: Array<{ accountId: string }>, accounts: AccountOption[]): Promise<Map<string, string>> {
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const missing = [...new Set(rows.map((r) => r.accountId).filter((id) => !names.has(id)))];
  if (missing.length) {
    const found = await tx
      .select({ id: marketplaceAccounts.id, name: marketplaceAccounts.displayName })
      .from(marketplaceAccounts)
      .where(and(eq(marketplaceAccounts.orgId, orgId), inArray(marketplaceAccounts.id, missing)));
    for (const a of found) names.set(a.id, a.name);
  }
  return names;
}

/** The orders columns of a list row (the first page's subquery selects just these). */
const ORDER_COLUMNS = {
  id: orders.id,
  externalOrderId: orders.externalOrderId,
  marketplace: orders.marketplace,
  accountId: orders.marketplaceAccountId,
  status: orders.status,
  marketplaceStatus: orders.marketplaceStatus,
  orderedAt: orders.orderedAt,
  shipBy: orders.shipBy,
  total: orders.total,
  currency: orders.currency,
  itemCount: orders.itemCount,
  onHold: orders.onHold,
};

/** The columns of a list row, from orders joined with order_buyers. */
function rowFields(orgId: string) {
  return {
    ...ORDER_COLUMNS,
    // A per-row lookup, not a join: joined, the planner (misjudging RLS) read every order of
    // each account to find the page's 50.
    accountName: sql<string>`(select a.display_name from public.marketplace_accounts a where a.id = ${orders.marketplaceAccountId} and a.org_id = ${orgId})`,
    buyerName: orderBuyers.name,
    buyerAnonymizedAt: orderBuyers.anonymizedAt,
  };
}

/** A row as rowFields reads it, before toRow. */
type Fetched = Omit<OrderListRow, 'total' | 'buyerName' | 'buyerAnonymized' | 'late' | 'dueToday'> & { total: string; buyerName: string | null; buyerAnonymizedAt: Date | null };

/**
 * A list row from a fetched one, its account's name given or as fetched. Written out field by
 * field: copying with object rest (`{ total, ...rest }`) takes V8's slow path, about 0.7 us a row.
 */
function toRow(r: Fetched, now: Date, timeZone?: string, accountName?: string): OrderListRow {
  const open = (OPEN_STATUSES as readonly string[]).includes(r.status);
  return {
    id: r.id,
    externalOrderId: r.externalOrderId,
    marketplace: r.marketplace,
    accountId: r.accountId,
    accountName: accountName ?? r.accountName,
    status: r.status,
    marketplaceStatus: r.marketplaceStatus,
    orderedAt: r.orderedAt,
    shipBy: r.shipBy,
    total: Number(r.total),
    currency: r.currency,
    itemCount: r.itemCount,
    buyerName: r.buyerAnonymizedAt ? null : r.buyerName,
    buyerAnonymized: r.buyerAnonymizedAt !== null,
    onHold: r.onHold,
    late: isLate(r, now),
    dueToday: urgencyOf(r.shipBy, open, now, timeZone) === 'today',
  };
}

/** The rows of these orders, in the order given, with their account and (unless anonymized) buyer. */
export async function loadRows(tx: Tx, orgId: string, ids: string[], now: Date, timeZone?: string): Promise<OrderListRow[]> {
  if (!ids.length) return [];
  const found = await tx
    .select(rowFields(orgId))
    .from(orders)
    .leftJoin(orderBuyers, and(eq(orderBuyers.orgId, orgId), eq(orderBuyers.orderId, orders.id)))
    .where(and(eq(orders.orgId, orgId), inArray(orders.id, ids)));
  const byId = new Map(found.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [toRow(r, now, timeZone)] : [];
  });
}

/** Whether the organization has any order at all (tells "no orders yet" from "no matches"). */
export async function countOrders(tx: Tx, orgId: string): Promise<number> {
  const [{ n }] = await tx.select({ n: count() }).from(orders).where(eq(orders.orgId, orgId));
  return n;
}

export async function hasAnyOrder(tx: Tx, orgId: string): Promise<boolean> {
  const found = await tx.select({ id: orders.id }).from(orders).where(eq(orders.orgId, orgId)).limit(1);
  return found.length > 0;
}

export interface AccountOption {
  id: string;
  name: string;
  marketplace: Marketplace;
  /** When the account's orders were last synced successfully ("last synced N min ago"). */
  lastSyncedAt: Date | null;
}

/** The organization's marketplace accounts, for the account filter. */
export async function listOrderAccounts(tx: Tx, orgId: string): Promise<AccountOption[]> {
  return tx
    .select({
      id: marketplaceAccounts.id,
      name: marketplaceAccounts.displayName,
      marketplace: marketplaceAccounts.marketplace,
      lastSyncedAt: marketplaceAccounts.lastSyncSucceededAt,
    })
    .from(marketplaceAccounts)
    .where(eq(marketplaceAccounts.orgId, orgId))
    .orderBy(asc(marketplaceAccounts.displayName));
}
