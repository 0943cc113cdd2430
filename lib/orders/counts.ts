import 'server-only';
// The numbers on the tabs: one statement, each figure a count that stops at COUNT_CAP + 1 (shown
// as "10,000+"), so a million-order organization costs a few index ranges, not a full scan.
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import { orders } from '@/lib/db/schema';
import { COUNT_CAP } from './list';
import { dueTodayCondition, lateCondition, tabCondition } from './query';
import { ORDER_TABS, type OrderTab } from './url';

export type CountKey = OrderTab | 'late' | 'due_today';
export type TabCounts = Record<CountKey, { n: number; capped: boolean }>;

export async function tabCounts(tx: Tx, orgId: string, opts: { now?: Date; timeZone?: string } = {}): Promise<TabCounts> {
  const now = opts.now ?? new Date();
  const org = eq(orders.orgId, orgId);
  const parts: Array<[CountKey, ReturnType<typeof and>]> = [
    ...ORDER_TABS.map((tab): [CountKey, ReturnType<typeof and>] => [tab, and(org, tabCondition(tab, orgId))]),
    ['late', and(org, lateCondition(now))],
    ['due_today', and(org, dueTodayCondition(now, opts.timeZone))],
  ];
  const columns = parts.map(([key, where]) => {
    const limited = tx.select({ one: sql`1` }).from(orders).where(where).limit(COUNT_CAP + 1);
    return sql`(select count(*) from (${limited}) t)::int as ${sql.identifier(key)}`;
  });
  const [row] = rowsOf<Record<CountKey, number>>(await tx.execute(sql`select ${sql.join(columns, sql`, `)}`));
  return Object.fromEntries(parts.map(([key]) => [key, { n: Math.min(Number(row[key]), COUNT_CAP), capped: Number(row[key]) > COUNT_CAP }])) as TabCounts;
}
