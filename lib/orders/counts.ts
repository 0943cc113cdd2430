import 'server-only';
// The numbers on the tabs: one statement, each figure a count that stops at COUNT_CAP + 1 (shown
// as "10,000+") or, for the statuses, the organization's per-status totals (kept by triggers on
// the report rollup), so a million-order organization costs a few index ranges, not a full scan.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import { COUNT_CAP } from './list';
import { dayBounds } from './urgency';
import type { OrderTab } from './url';

export type CountKey = OrderTab | 'late' | 'due_today';
export type TabCounts = Record<CountKey, { n: number; capped: boolean }>;

/** The row private.order_tab_counts answers. */
export type CountsRow = Record<Exclude<CountKey, 'all'> | 'open', number>;

/**
 * Every tab's count, late and due today, in one call of private.order_tab_counts: it checks
 * membership once and then counts from indexes (under RLS each counted row paid the policy check,
 * which was most of the page for a large organization). Not a member: every count is 0.
 */
export async function tabCounts(tx: Tx, orgId: string, opts: { now?: Date; timeZone?: string } = {}): Promise<TabCounts> {
  const now = opts.now ?? new Date();
  const dayEnd = dayBounds(now, opts.timeZone).end;
  const [row] = rowsOf<CountsRow>(
    await tx.execute(sql`select * from private.order_tab_counts(${orgId}::uuid, ${now.toISOString()}::timestamptz, ${dayEnd.toISOString()}::timestamptz, ${COUNT_CAP})`),
  );
  return countsOf(row);
}

/**
 * The tabs' counts from private.order_tab_counts' row, as tabCounts reads it or within the Orders
 * page's side data (lib/orders/page-data.ts). No row, or nulls (not a member): every count 0.
 */
export function countsOf(row: Partial<CountsRow> | undefined): TabCounts {
  const c = (n: number) => ({ n: Math.min(Number(n), COUNT_CAP), capped: Number(n) > COUNT_CAP });
  const get = (k: keyof CountsRow) => Number(row?.[k] ?? 0);
  // "All" is not counted on its own: open + shipped + delivered + cancelled partition it, so it
  // is their sum (capped when any of them is), which saves the longest scan of all.
  const all = get('open') + get('shipped') + get('delivered') + get('cancelled');
  return {
    awaiting: c(get('awaiting')),
    hold: c(get('hold')),
    attention: c(get('attention')),
    shipped: c(get('shipped')),
    delivered: c(get('delivered')),
    cancelled: c(get('cancelled')),
    all: c(all),
    late: c(get('late')),
    due_today: c(get('due_today')),
  };
}
