import 'server-only';
// Orders search, resolved before the page is read. A term that looks like a number (one word with
// a digit: an order, SKU or tracking number) is looked up by prefix first, and by substring (buyer
// name, item title) only when no prefix matches. Then, kind by kind, by how many orders match:
// - at most SEARCH_CAP: their ids, from the membership-checking search path and its indexes, and
//   the page sorts just those;
// - in a large organization, up to SEARCH_COLLECT (private.search_page_kinds sets the bound by the
//   organization's size): their ids too, counted exactly, but the page walks its sort's index and
//   checks each order against them, hashed (looking each one up and sorting them cost more);
// - more (a common name such as "kim" in a large organization), or so many by the planner's
//   estimate that reading them would be the cost: the page walks its sort's index and checks that
//   kind on each order as it goes, which stops after a page; the count shows "1,000+".
// Reading every match of a broad term to sort it took seconds for a million-order organization.
import { or, sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import { orders } from '@/lib/db/schema';
import { pgArray } from '@/lib/sync/pg-array';

/** Searches need this many characters: shorter terms match too much to be useful or fast. */
export const SEARCH_MIN = 3;
/** Past this many matches a search's ids are checked as the page walks; a walked count reads "1,000+". */
export const SEARCH_CAP = 1_000;
/**
 * Up to this many orders of a kind are collected as ids (and counted exactly) in a large
 * organization; in a smaller one fewer (down to SEARCH_CAP), where checking each order as the
 * page walks costs less than carrying the list.
 */
export const SEARCH_COLLECT = 4 * SEARCH_CAP;

/** An order, SKU or tracking number: one word with a digit in it. */
export const looksLikeNumber = (q: string): boolean => /^\S*\d\S*$/.test(q.trim());

export interface ResolvedSearch {
  where: SQL;
  /** How many orders match, or null when a kind was walked (more than its bound, see SEARCH_COLLECT). */
  n: number | null;
}

/** A uuid[] as Postgres writes it ("{a,b}"), for a driver that does not parse it. */
const parseUuidArray = (text: string): string[] => (text === '{}' ? [] : text.slice(1, -1).split(','));

/**
 * The order is one of these: one array parameter, not a parameter per id (building and binding
 * up to 3,000 of those cost the page milliseconds of client time).
 */
const idIn = (ids: readonly string[]): SQL => sql`${orders.id} = any(${pgArray(ids, 'uuid')})`;

/**
 * The order is one of these many ids, checked as the page walks its sort's index: written so the
 * planner cannot turn it into a lookup per id (about 3 us each, then a sort of them all). Walking
 * reads about 50 / (share of matching orders) index entries and hashes the list once.
 */
const idAmong = (ids: readonly string[]): SQL => sql`(${orders.id} = any(${pgArray(ids, 'uuid')})) is true`;

/** idIn for a few ids, idAmong for more than SEARCH_CAP. */
const idsWhere = (ids: readonly string[]): SQL => (ids.length > SEARCH_CAP ? idAmong(ids) : idIn(ids));

export async function resolveSearch(tx: Tx, orgId: string, q: string): Promise<ResolvedSearch> {
  if (q.trim().length < SEARCH_MIN) return { where: sql`false`, n: 0 };
  const numberLike = looksLikeNumber(q);
  // Every kind in one call of private.search_page_kinds, each bounded on its own: the prefix
  // kinds and, unless a number-like term starts a number, item titles and buyer names.
  const [row] = rowsOf<Record<'few' | 'titles' | 'names', string[] | string | null>>(
    await tx.execute(
      sql`select few, titles, names from private.search_page_kinds(${orgId}::uuid, ${q}::text, ${sql.raw(numberLike ? 'true' : 'false')}, ${SEARCH_CAP}::int, ${SEARCH_COLLECT}::int)`,
    ),
  );
  const [few, titles, names] = [row.few, row.titles, row.names].map((ids) => (typeof ids === 'string' ? parseUuidArray(ids) : ids));
  // A word that starts more order numbers, SKUs or tracking numbers than the organization's bound:
  // a number-like one means those numbers, checked on each order as the page walks; any other
  // word, every kind checked on each order.
  if (few === null) return numberLike ? { where: prefixEach(q), n: null } : { where: matchesEach(q, sql`true`), n: null };
  if (numberLike && few.length) return { where: idsWhere(few), n: few.length };
  // Otherwise only the broad substring kinds are checked on each order; the rest are ids (each
  // kind within its bound, so a list of at most three times SEARCH_COLLECT, counted exactly).
  const known = [...new Set([...few, ...(titles ?? []), ...(names ?? [])])];
  const walked = [titles === null ? titleEach(q) : null, names === null ? nameEach(q) : null].filter((x): x is SQL => x !== null);
  if (!walked.length) return { where: known.length ? idsWhere(known) : sql`false`, n: known.length };
  return { where: known.length ? or(idsWhere(known), ...walked)! : or(...walked)!, n: null };
}

const lower = (q: string) => sql`lower(btrim(${q}::text))`;
// A scalar subquery with LIMIT 1 per check, so Postgres probes the order's own rows by index
// rather than hashing every matching item or buyer of the organization first.
const probe = (body: SQL) => sql`coalesce((${body} limit 1), false)`;

/** Order number, SKU or tracking number starts with the term, checked on each order (under RLS). */
function prefixEach(q: string): SQL {
  const lo = lower(q);
  const prefix = (col: SQL) => sql`((lower(${col}) collate "C") >= (${lo} collate "C") and (lower(${col}) collate "C") < ((${lo} || chr(1114111)) collate "C"))`;
  return sql`(${prefix(sql`${orders.externalOrderId}`)}
    or ${probe(sql`select true from public.order_items i where i.order_id = ${orders.id} and ${prefix(sql`i.sku`)}`)}
    or ${probe(sql`select true from public.shipments s where s.order_id = ${orders.id} and s.tracking_number is not null and ${prefix(sql`s.tracking_number`)}`)})`;
}

const pattern = (q: string) => sql`'%' || replace(replace(replace(${lower(q)}, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;

/** An item title contains the term, checked on each order. */
const titleEach = (q: string): SQL =>
  probe(sql`select true from public.order_items i where i.order_id = ${orders.id} and i.title ilike ${pattern(q)}`);

/** The (not anonymized) buyer's name contains the term, checked on each order. */
const nameEach = (q: string): SQL =>
  probe(sql`select true from public.order_buyers b where b.order_id = ${orders.id} and b.anonymized_at is null and b.name ilike ${pattern(q)}`);

/** An item title or the (not anonymized) buyer's name contains the term, checked on each order. */
const substringEach = (q: string): SQL => sql`(${titleEach(q)} or ${nameEach(q)})`;

/** The search as a check of each order: the same kinds as the search path. */
export function matchesEach(q: string, substring: SQL): SQL {
  return sql`(${prefixEach(q)} or (${substring} and ${substringEach(q)}))`;
}

/**
 * The search as one condition, for callers that cannot resolve it first: the term's routing (a
 * number-like term with prefix matches skips the substring kinds) is decided once, in the query.
 */
export function searchCondition(orgId: string, q: string): SQL {
  if (q.trim().length < SEARCH_MIN) return sql`false`;
  // With a bound of 0 the search path answers null as soon as one prefix match exists; as a
  // subquery it runs once per statement, not per row.
  const substring = looksLikeNumber(q)
    ? sql`((select private.search_order_ids(${orgId}::uuid, ${q}::text, false, 0)) is not null)`
    : sql`true`;
  return matchesEach(q, substring);
}

/** The resolved search for `conditions()` (bulk selection, export), when there is a term. */
export async function searchWhere(tx: Tx, orgId: string, q: string | undefined): Promise<SQL | undefined> {
  return q ? (await resolveSearch(tx, orgId, q)).where : undefined;
}
