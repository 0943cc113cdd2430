import 'server-only';
// Keyset pagination for deep pages: the cursor holds the last row's sort key values and id, so
// the next page starts there in the sort's index instead of counting past every earlier row.
// It is opaque to people (base64url JSON) and checked on the way in: a cursor of another sort,
// or one that does not parse, is ignored (page 1).
import { orders } from '@/lib/db/schema';
import { sql, type SQL } from 'drizzle-orm';
import { sortKeys } from './query';
import type { OrderListParams } from './url';

interface Cursor {
  s: string;
  d: string;
  v: Array<string | null>;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(p: OrderListParams, values: Array<string | null>, id: string): string {
  return Buffer.from(JSON.stringify({ s: p.sort, d: p.dir, v: values, id } satisfies Cursor)).toString('base64url');
}

export function decodeCursor(p: OrderListParams, raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Cursor;
    const keys = sortKeys(p).length;
    const ok =
      c && c.s === p.sort && c.d === p.dir && typeof c.id === 'string' && UUID.test(c.id) && Array.isArray(c.v) && c.v.length === keys &&
      c.v.every((x) => x === null || (typeof x === 'string' && x.length <= 200)) &&
      (p.sort === 'ship_by' || c.v.every((x) => x !== null));
    return ok ? c : null;
  } catch {
    return null;
  }
}

/** Each sort key's SQL type, so the cursor's text values compare as the column does. */
function typed(p: OrderListParams, v: Array<string | null>): SQL[] {
  const cast = (x: string | null, t: string) => sql`${x}::${sql.raw(t)}`;
  switch (p.sort) {
    case 'ship_by':
    case 'ordered_at':
      return [cast(v[0], 'timestamptz')];
    case 'total':
      return [cast(v[0], 'numeric')];
    case 'status':
      return [cast(v[0], 'int'), cast(v[1], 'timestamptz')];
    case 'marketplace':
      return [sql`${v[0]}::text`, cast(v[1], 'timestamptz')];
    case 'external_order_id':
      return [sql`(${v[0]}::text collate "C")`];
  }
}

/** Rows strictly after the cursor in the list's order (a row comparison the index can seek). */
export function afterCursor(p: OrderListParams, c: Cursor): SQL {
  const op = sql.raw(p.dir === 'asc' ? '>' : '<');
  const id = sql`${c.id}::uuid`;
  if (p.sort === 'ship_by') {
    // Nulls come last in both directions, ordered by id among themselves.
    if (c.v[0] === null) return sql`(${orders.shipBy} is null and ${orders.id} ${op} ${id})`;
    return sql`((${orders.shipBy}, ${orders.id}) ${op} (${c.v[0]}::timestamptz, ${id}) or ${orders.shipBy} is null)`;
  }
  const keys = sortKeys(p);
  const vals = typed(p, c.v);
  return sql`((${sql.join(keys, sql`, `)}, ${orders.id}) ${op} (${sql.join(vals, sql`, `)}, ${id}))`;
}

/** The sort key values of a row as text, selected with its id for the next cursor. */
export function cursorColumns(p: OrderListParams): SQL<string | null>[] {
  return sortKeys(p).map((k) => sql<string | null>`(${k})::text`);
}
