// SQL pieces every report shares. Each report reads as the person (withUser, under RLS) and also
// names the organization explicitly, so the same query is safe on the service path (the CLI).
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';
import { blocksFor } from './blocks';
import { bucketFor, bucketLabels, localDate, previousPeriod } from './range';
import type { Chart, Kpi, ReportParams, ValueType } from './types';

/** Local midnight at the start of `date` in the organization's zone, as a timestamptz. */
export const dayStart = (date: string, tz: string) => sql`((${date}::date)::timestamp at time zone ${tz})`;
/** Local midnight after `date`: ranges are [start of from, start of to + 1 day). */
export const dayEnd = (date: string, tz: string) => sql`((${date}::date + 1)::timestamp at time zone ${tz})`;

export const inRange = (col: SQL, from: string, to: string, tz: string) =>
  sql`${col} >= ${dayStart(from, tz)} and ${col} < ${dayEnd(to, tz)}`;

/** Orders of the organization, narrowed by the marketplace and account filters (alias `o`). */
export function orderScope(p: ReportParams): SQL {
  const parts = [sql`o.org_id = ${p.orgId}::uuid`];
  if (p.marketplace) parts.push(sql`o.marketplace = ${p.marketplace}`);
  if (p.accountId) parts.push(sql`o.marketplace_account_id = ${p.accountId}::uuid`);
  return sql.join(parts, sql` and `);
}

/**
 * Rollup rows (alias `r`, keyed by the organization's local day) of the range and filters. The
 * rollups are kept in the organization's stored time zone; runReport checks that it is p.timeZone.
 */
export function rollupScope(p: ReportParams, from = p.from, to = p.to): SQL {
  return sql`${rollupFilters(p)} and r.day >= ${from}::date and r.day <= ${to}::date`;
}

/**
 * The range as signed rollup rows (lib/reports/blocks.ts): `day.cols` of the day table's rows in
 * each run of days and `period.cols` of the month/year table's rows of each whole period, each row
 * with `sign` (+1, or -1 for blocks subtracted). Alias `r` in both; one `union all`.
 */
export function blockRows(p: ReportParams, day: { table: SQL; cols: SQL }, period: { table: SQL; cols: SQL }): SQL {
  const parts = blocksFor(p.from, p.to, localDate(p.now, p.timeZone)).map((b) =>
    b.grain === 'day'
      ? sql`select ${b.sign}::int as sign, ${day.cols} from ${day.table} r where ${rollupScope(p, b.from, b.to)}`
      : sql`select ${b.sign}::int as sign, ${period.cols} from ${period.table} r where ${rollupFilters(p)} and r.grain = ${b.grain} and r.start = ${b.start}::date`,
  );
  return sql.join(parts, sql` union all `);
}

/** Rollup rows (alias `r`) of the organization and the marketplace and account filters. */
export function rollupFilters(p: ReportParams): SQL {
  const parts = [sql`r.org_id = ${p.orgId}::uuid`];
  if (p.marketplace) parts.push(sql`r.marketplace = ${p.marketplace}`);
  if (p.accountId) parts.push(sql`r.marketplace_account_id = ${p.accountId}::uuid`);
  return sql.join(parts, sql` and `);
}

/** The local day (or Monday of the local week) of a rollup day, as YYYY-MM-DD. */
export const bucketOfDay = (p: ReportParams) => sql`to_char(date_trunc(${bucketFor(p.from, p.to)}, r.day::timestamp), 'YYYY-MM-DD')`;

/**
 * The currency the tiles and the chart show when amounts came in several: the one with the most
 * orders (then alphabetical). The others are listed per currency in the tables, never added in.
 */
export function mainCurrency(rows: Array<{ currency: string; orders: number }>): string {
  const n = new Map<string, number>();
  for (const r of rows) n.set(r.currency, (n.get(r.currency) ?? 0) + Number(r.orders));
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'USD';
}

/** The note shown when some money of the range is in other currencies than the tiles'. */
export function currencyNote(main: string, all: Iterable<string>): string[] {
  const others = [...new Set(all)].filter((c) => c !== main).sort();
  return others.length
    ? [`Money figures in the tiles and the chart are in ${main}. Amounts in ${others.join(', ')} are not converted or added to them: the table lists each currency on its own rows.`]
    : [];
}

/** The local day (or Monday of the local week) of a timestamptz column, as YYYY-MM-DD. */
export const bucketOf = (col: SQL, p: ReportParams) =>
  sql`to_char(date_trunc(${bucketFor(p.from, p.to)}, ${col} at time zone ${p.timeZone}), 'YYYY-MM-DD')`;

/** A timestamptz as ISO 8601 UTC text, identical on PGlite and postgres.js. */
export const isoOf = (col: SQL) => sql`to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export async function rows<T>(tx: Tx, q: SQL): Promise<T[]> {
  return rowsOf<T>(await tx.execute(q));
}

/** Zero-filled chart points for every bucket of the range. */
export function fillBuckets<K extends string>(
  p: ReportParams,
  found: Array<{ bucket: string } & { [k in K]?: number | string }>,
  keys: K[],
): Chart['points'] {
  const byBucket = new Map(found.map((r) => [r.bucket, r]));
  return bucketLabels(p.from, p.to, bucketFor(p.from, p.to)).map((label) => {
    const r = byBucket.get(label) as Partial<Record<K, number | string>> | undefined;
    return { label, ...Object.fromEntries(keys.map((k) => [k, Number(r?.[k] ?? 0)])) };
  });
}

/** The same parameters one period earlier. */
export function previous(p: ReportParams): ReportParams {
  return { ...p, ...previousPeriod(p.from, p.to) };
}

type KpiSpec<R> = { key: keyof R & string; label: string; type: ValueType };

/** Tiles from the current and the previous period's totals (decimal strings become numbers). */
export function kpis<R extends object>(specs: KpiSpec<R>[], now: R, before?: R, currency?: string): Kpi[] {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const at = (r: R, k: string) => (r as Record<string, unknown>)[k];
  return specs.map((s) => ({
    key: s.key, label: s.label, type: s.type, value: num(at(now, s.key)),
    ...(before ? { previous: num(at(before, s.key)) } : {}),
    ...(currency && s.type === 'money' ? { currency } : {}),
  }));
}

/** a ÷ b as a ratio rounded to 4 places, null when b is 0. */
export const ratio = (a: number, b: number): number | null => (b ? Math.round((a / b) * 10_000) / 10_000 : null);

/** A decimal string divided by a count, to cents (null when the count is 0). */
export const perUnit = (total: string | number, n: number): string | null => (n ? (Number(total) / n).toFixed(2) : null);
