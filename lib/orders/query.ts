import 'server-only';
// The WHERE and ORDER BY of the orders list, shared by the page, the tab counts, bulk selection
// and the CSV export, so "every order matching the filter" means the same thing everywhere.
// Every condition starts with org_id (explicitly, on top of RLS) so the (org_id, ...) indexes
// answer it; each sort has an index ending in id (migration 20261206001200).
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { orders } from '@/lib/db/schema';
import type { Marketplace, OrderStatus } from '@/lib/model';
import { searchCondition } from './search';
import { dayBounds } from './urgency';
import type { OrderListParams, OrderTab } from './url';

/** Statuses in which an order still has to ship; past its ship-by date it is late. */
export const OPEN_STATUSES = ['pending', 'unshipped', 'partially_shipped'] as const satisfies readonly OrderStatus[];

export { SEARCH_MIN } from './search';

const DAY_MS = 86_400_000;
const open = () => inArray(orders.status, [...OPEN_STATUSES]);

/** Open orders past their ship-by. */
export const lateCondition = (now: Date): SQL => and(open(), lt(orders.shipBy, now))!;
/** Open orders due later today, in the organization's zone. */
export const dueTodayCondition = (now: Date, timeZone?: string): SQL =>
  and(open(), gte(orders.shipBy, now), lt(orders.shipBy, dayBounds(now, timeZone).end))!;

/** Orders whose label's tracking number could not be pushed to the marketplace. */
const needsAttention = (orgId: string): SQL =>
  sql`exists (select 1 from public.shipments s where s.org_id = ${orgId} and s.order_id = ${orders.id} and s.tracking_push_status = 'failed')`;

export function tabCondition(tab: OrderTab, orgId: string): SQL | undefined {
  switch (tab) {
    case 'awaiting':
      return and(open(), eq(orders.onHold, false));
    case 'hold':
      return eq(orders.onHold, true);
    case 'attention':
      return needsAttention(orgId);
    case 'shipped':
    case 'delivered':
    case 'cancelled':
      return eq(orders.status, tab);
    default:
      return undefined;
  }
}

export interface QueryContext {
  orgId: string;
  now: Date;
  timeZone?: string;
  /** The search, resolved first (search.ts resolveSearch); without it, checked order by order. */
  search?: SQL;
}

export function conditions(c: QueryContext, p: OrderListParams): SQL {
  const w: Array<SQL | undefined> = [eq(orders.orgId, c.orgId), tabCondition(p.tab, c.orgId)];
  if (p.status.length) w.push(inArray(orders.status, p.status as OrderStatus[]));
  if (p.marketplace.length) w.push(inArray(orders.marketplace, p.marketplace as Marketplace[]));
  if (p.account) w.push(eq(orders.marketplaceAccountId, p.account));
  if (p.hold) w.push(eq(orders.onHold, p.hold === 'yes'));
  if (p.late) w.push(lateCondition(c.now));
  if (p.due === 'today') w.push(dueTodayCondition(c.now, c.timeZone));
  // Dates are whole UTC days; "to" includes its day.
  if (p.from) w.push(gte(orders.orderedAt, new Date(`${p.from}T00:00:00Z`)));
  if (p.to) w.push(lt(orders.orderedAt, new Date(Date.parse(`${p.to}T00:00:00Z`) + DAY_MS)));
  if (p.q) w.push(c.search ?? searchCondition(c.orgId, p.q));
  return and(...w)!;
}

/** The sort keys of each sort, most significant first; the id tiebreak is added by the caller. */
export function sortKeys(p: OrderListParams): SQL[] {
  switch (p.sort) {
    case 'ship_by':
      return [sql`${orders.shipBy}`];
    case 'total':
      return [sql`${orders.total}`];
    case 'status':
      return [sql`private.order_status_rank(${orders.status})`, sql`${orders.orderedAt}`];
    case 'marketplace':
      return [sql`${orders.marketplace}`, sql`${orders.orderedAt}`];
    case 'external_order_id':
      return [sql`(lower(${orders.externalOrderId}) collate "C")`];
    default:
      return [sql`${orders.orderedAt}`];
  }
}

export function orderBy(p: OrderListParams): SQL[] {
  const dir = p.dir === 'asc' ? asc : desc;
  // Orders without a ship-by date go last whichever way the list is sorted.
  if (p.sort === 'ship_by') return [sql`${orders.shipBy} ${sql.raw(p.dir)} nulls last`, dir(orders.id)];
  return [...sortKeys(p).map((k) => sql`${k} ${sql.raw(p.dir)}`), dir(orders.id)];
}
