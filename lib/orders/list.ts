import 'server-only';
// The orders list: one page of an organization's orders, filtered and sorted in Postgres.
// Every condition starts with org_id (explicitly, on top of RLS) so the (org_id, ...) indexes
// answer it; the total comes from a separate count over the same conditions.
import { and, asc, count, desc, eq, exists, gte, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { marketplaceAccounts, orderBuyers, orderItems, orders } from '@/lib/db/schema';
import { type Marketplace, type OrderStatus } from '@/lib/model';
import type { OrderListParams } from './url';

/** Statuses in which an order still has to ship; past its ship-by date it is late. */
export const OPEN_STATUSES = ['pending', 'unshipped', 'partially_shipped'] as const satisfies readonly OrderStatus[];

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
}

export interface OrderListResult {
  rows: OrderListRow[];
  total: number;
  /** The page actually returned: a page past the end is clamped to the last one. */
  page: number;
  pageCount: number;
  pageSize: number;
}

/** Escapes LIKE wildcards so a user's '%' or '_' matches itself (backslash is the default escape). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function isLate(o: { status: OrderStatus; shipBy: Date | null }, now: Date): boolean {
  return o.shipBy !== null && o.shipBy < now && (OPEN_STATUSES as readonly string[]).includes(o.status);
}

const DAY_MS = 86_400_000;

function conditions(tx: Tx, orgId: string, p: OrderListParams, now: Date): SQL {
  const c: Array<SQL | undefined> = [eq(orders.orgId, orgId)];
  if (p.status.length) c.push(inArray(orders.status, p.status as OrderStatus[]));
  if (p.marketplace.length) c.push(inArray(orders.marketplace, p.marketplace as Marketplace[]));
  if (p.account) c.push(eq(orders.marketplaceAccountId, p.account));
  if (p.hold) c.push(eq(orders.onHold, p.hold === 'yes'));
  if (p.late) c.push(lt(orders.shipBy, now), inArray(orders.status, [...OPEN_STATUSES]));
  // Dates are whole UTC days; "to" includes its day.
  if (p.from) c.push(gte(orders.orderedAt, new Date(`${p.from}T00:00:00Z`)));
  if (p.to) c.push(lt(orders.orderedAt, new Date(Date.parse(`${p.to}T00:00:00Z`) + DAY_MS)));
  if (p.q) {
    const prefix = `${escapeLike(p.q)}%`;
    const sku = tx
      .select({ one: sql`1` })
      .from(orderItems)
      .where(and(eq(orderItems.orgId, orgId), eq(orderItems.orderId, orders.id), or(eq(orderItems.sku, p.q), ilike(orderItems.sku, prefix))));
    const buyer = tx
      .select({ one: sql`1` })
      .from(orderBuyers)
      .where(and(eq(orderBuyers.orgId, orgId), eq(orderBuyers.orderId, orders.id), ilike(orderBuyers.name, `%${escapeLike(p.q)}%`)));
    c.push(or(ilike(orders.externalOrderId, prefix), exists(sku), exists(buyer)));
  }
  return and(...c)!;
}

// Lifecycle order reads better than alphabetical when sorting by status.
const statusRank = sql`case ${orders.status} when 'pending' then 1 when 'unshipped' then 2 when 'partially_shipped' then 3
  when 'shipped' then 4 when 'delivered' then 5 when 'cancelled' then 6 else 7 end`;

function orderBy(p: OrderListParams): SQL[] {
  const dir = p.dir === 'asc' ? asc : desc;
  const tiebreak = dir(orders.id);
  switch (p.sort) {
    case 'ship_by':
      // Orders without a ship-by date go last whichever way the list is sorted.
      return [p.dir === 'asc' ? sql`${orders.shipBy} asc nulls last` : sql`${orders.shipBy} desc nulls last`, tiebreak];
    case 'total':
      return [dir(orders.total), tiebreak];
    case 'status':
      return [dir(statusRank), dir(orders.orderedAt), tiebreak];
    case 'marketplace':
      return [dir(orders.marketplace), dir(orders.orderedAt), tiebreak];
    case 'external_order_id':
      return [dir(orders.externalOrderId), tiebreak];
    default:
      return [dir(orders.orderedAt), tiebreak];
  }
}

export async function listOrders(
  tx: Tx,
  orgId: string,
  params: OrderListParams,
  now: Date = new Date(),
): Promise<OrderListResult> {
  const where = conditions(tx, orgId, params, now);
  const [{ n }] = await tx.select({ n: count() }).from(orders).where(where);
  const total = Number(n);
  const pageSize = params.size;
  const pageCount = Math.ceil(total / pageSize);
  const page = Math.max(1, Math.min(params.page, pageCount));
  if (total === 0) return { rows: [], total, page, pageCount, pageSize };

  const found = await tx
    .select({
      id: orders.id,
      externalOrderId: orders.externalOrderId,
      marketplace: orders.marketplace,
      accountId: orders.marketplaceAccountId,
      accountName: marketplaceAccounts.displayName,
      status: orders.status,
      marketplaceStatus: orders.marketplaceStatus,
      orderedAt: orders.orderedAt,
      shipBy: orders.shipBy,
      total: orders.total,
      currency: orders.currency,
      itemCount: orders.itemCount,
      buyerName: orderBuyers.name,
      buyerAnonymizedAt: orderBuyers.anonymizedAt,
      onHold: orders.onHold,
    })
    .from(orders)
    .innerJoin(marketplaceAccounts, and(eq(marketplaceAccounts.orgId, orgId), eq(marketplaceAccounts.id, orders.marketplaceAccountId)))
    .leftJoin(orderBuyers, and(eq(orderBuyers.orgId, orgId), eq(orderBuyers.orderId, orders.id)))
    .where(where)
    .orderBy(...orderBy(params))
    .limit(pageSize)
    .offset((page - 1) * pageSize);

  const rows = found.map(({ buyerAnonymizedAt, buyerName, total: amount, ...r }) => ({
    ...r,
    total: Number(amount),
    buyerName: buyerAnonymizedAt ? null : buyerName,
    buyerAnonymized: buyerAnonymizedAt !== null,
    late: isLate(r, now),
  }));
  return { rows, total, page, pageCount, pageSize };
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
}

/** The organization's marketplace accounts, for the account filter. */
export async function listOrderAccounts(tx: Tx, orgId: string): Promise<AccountOption[]> {
  return tx
    .select({ id: marketplaceAccounts.id, name: marketplaceAccounts.displayName, marketplace: marketplaceAccounts.marketplace })
    .from(marketplaceAccounts)
    .where(eq(marketplaceAccounts.orgId, orgId))
    .orderBy(asc(marketplaceAccounts.displayName));
}
