import 'server-only';
// The numbers on the tabs: one statement, each figure a count that stops at COUNT_CAP + 1 (shown
// as "10,000+"), so a million-order organization costs a few index ranges, not a full scan.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import { orders } from '@/lib/db/schema';
import { COUNT_CAP } from './list';
import { dueTodayCondition, lateCondition, OPEN_STATUSES, tabCondition } from './query';
import { ORDER_TABS, type OrderTab } from './url';

export type CountKey = OrderTab | 'late' | 'due_today';
export type TabCounts = Record<CountKey, { n: number; capped: boolean }>;

export async function tabCounts(tx: Tx, orgId: string, opts: { now?: Date; timeZone?: string } = {}): Promise<TabCounts> {
  const now = opts.now ?? new Date();
  const org = eq(orders.orgId, orgId);
  // "All" is not counted on its own: open + shipped + delivered + cancelled partition it, so it
  // is their sum (capped when any of them is), which saves the longest scan of all.
  type Key = CountKey | 'open';
  const parts: Array<[Key, ReturnType<typeof and>]> = [
    ...ORDER_TABS.filter((t) => t !== 'all').map((tab): [Key, ReturnType<typeof and>] => [tab, and(org, tabCondition(tab, orgId))]),
    ['open', and(org, inArray(orders.status, [...OPEN_STATUSES]))],
    ['late', and(org, lateCondition(now))],
    ['due_today', and(org, dueTodayCondition(now, opts.timeZone))],
  ];
  const columns = parts.map(([key, where]) => {
    const limited = tx.select({ one: sql`1` }).from(orders).where(where).limit(COUNT_CAP + 1);
    return sql`(select count(*) from (${limited}) t)::int as ${sql.identifier(key)}`;
  });
  const [row] = rowsOf<Record<Key, number>>(await tx.execute(sql`select ${sql.join(columns, sql`, `)}`));
  const c = (n: number) => ({ n: Math.min(Number(n), COUNT_CAP), capped: Number(n) > COUNT_CAP });
  const out = Object.fromEntries(parts.map(([key]) => [key, c(row[key])])) as TabCounts & { open?: unknown };
  const whole = (['open', 'shipped', 'delivered', 'cancelled'] as const).map((k) => Number(row[k]));
  out.all = c(whole.reduce((a, b) => a + b, 0));
  delete out.open;
  return out;
}
