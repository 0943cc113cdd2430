import 'server-only';
// Orders search, resolved before the page is read. A term that looks like a number (one word with
// a digit: an order, SKU or tracking number) is looked up by prefix first, and by substring (buyer
// name, item title) only when no prefix matches. Then by how many orders match:
// - at most SEARCH_CAP: their ids, from the membership-checking search path and its indexes, and
//   the page sorts just those;
// - more (a common name such as "kim" in a large organization): the page walks its sort's index
//   and checks each order as it goes, which stops after a page; the count shows "1,000+".
// Reading every match of a broad term to sort it took seconds for a million-order organization.
import { inArray, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import { orders } from '@/lib/db/schema';

/** Searches need this many characters: shorter terms match too much to be useful or fast. */
export const SEARCH_MIN = 3;
/** Past this many matches a search is walked, not collected, and its count reads "1,000+". */
export const SEARCH_CAP = 1_000;

/** An order, SKU or tracking number: one word with a digit in it. */
export const looksLikeNumber = (q: string): boolean => /^\S*\d\S*$/.test(q.trim());

export interface ResolvedSearch {
  where: SQL;
  /** How many orders match, or null when more than SEARCH_CAP. */
  n: number | null;
}

async function searchIds(tx: Tx, orgId: string, q: string, substring: boolean): Promise<string[]> {
  const rows = await tx.execute(sql`select private.search_order_ids(${orgId}::uuid, ${q}::text, ${substring}, ${SEARCH_CAP + 1}) as id`);
  return rowsOf<{ id: string }>(rows).map((r) => r.id);
}

export async function resolveSearch(tx: Tx, orgId: string, q: string): Promise<ResolvedSearch> {
  if (q.trim().length < SEARCH_MIN) return { where: sql`false`, n: 0 };
  let substring = true;
  let ids: string[] = [];
  if (looksLikeNumber(q)) {
    ids = await searchIds(tx, orgId, q, false);
    substring = ids.length === 0;
  }
  if (substring) ids = await searchIds(tx, orgId, q, true);
  if (ids.length <= SEARCH_CAP) return { where: ids.length ? inArray(orders.id, ids) : sql`false`, n: ids.length };
  return { where: matchesEach(q, sql`${substring}::boolean`), n: null };
}

/**
 * The search as a check of each order, under RLS: the same kinds as the search path. Each check
 * is a scalar subquery with LIMIT 1 so Postgres probes the order's own rows by index rather than
 * hashing every matching item or buyer of the organization first.
 */
export function matchesEach(q: string, substring: SQL): SQL {
  const lo = sql`lower(btrim(${q}::text))`;
  const prefix = (col: SQL) => sql`((lower(${col}) collate "C") >= (${lo} collate "C") and (lower(${col}) collate "C") < ((${lo} || chr(1114111)) collate "C"))`;
  const pat = sql`'%' || replace(replace(replace(${lo}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
  const probe = (body: SQL) => sql`coalesce((${body} limit 1), false)`;
  return sql`(${prefix(sql`${orders.externalOrderId}`)}
    or ${probe(sql`select true from public.order_items i where i.order_id = ${orders.id} and (${prefix(sql`i.sku`)} or (${substring} and i.title ilike ${pat}))`)}
    or ${probe(sql`select true from public.shipments s where s.order_id = ${orders.id} and s.tracking_number is not null and ${prefix(sql`s.tracking_number`)}`)}
    or (${substring} and ${probe(sql`select true from public.order_buyers b where b.order_id = ${orders.id} and b.anonymized_at is null and b.name ilike ${pat}`)}))`;
}

/**
 * The search as one condition, for callers that cannot resolve it first: the term's routing (a
 * number-like term with prefix matches skips the substring kinds) is decided once, in the query.
 */
export function searchCondition(orgId: string, q: string): SQL {
  if (q.trim().length < SEARCH_MIN) return sql`false`;
  const substring = looksLikeNumber(q)
    ? sql`not exists (select 1 from private.search_order_ids(${orgId}::uuid, ${q}::text, false, 1))`
    : sql`true`;
  return matchesEach(q, substring);
}

/** The resolved search for `conditions()` (bulk selection, export), when there is a term. */
export async function searchWhere(tx: Tx, orgId: string, q: string | undefined): Promise<SQL | undefined> {
  return q ? (await resolveSearch(tx, orgId, q)).where : undefined;
}
