// Arrays travel as one text parameter in Postgres array-literal form, cast in SQL ($1::text[]):
// postgres.js without prepared statements (Supavisor) cannot infer array parameter types, and
// this works the same on PGlite. Elements are always quoted, so any text is safe.
import { Param, sql, type SQL } from 'drizzle-orm';

type Scalar = string | number | boolean | Date | null | undefined;

function element(v: Scalar): string {
  if (v === null || v === undefined) return 'NULL';
  const s = v instanceof Date ? v.toISOString() : String(v);
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function arrayLiteral(values: readonly Scalar[]): string {
  return `{${values.map(element).join(',')}}`;
}

/** `${pgArray(values, 'timestamptz')}` in a drizzle sql template → `$n::timestamptz[]`. */
export function pgArray(values: readonly Scalar[], type: string): SQL {
  return sql`${new Param(arrayLiteral(values))}::${sql.raw(type)}[]`;
}
