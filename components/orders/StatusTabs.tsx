// The status tabs with their counts, and the Late / Due today counts that open their filtered
// views. Counts are capped: "10,000+" past COUNT_CAP.
import Link from 'next/link';
import { AlarmClock, CalendarClock } from 'lucide-react';
import { cn } from '@/components/ui/cn';
import { formatCount } from '@/components/ui/format';
import type { TabCounts } from '@/lib/orders/counts';
import { DEFAULT_PAGE_SIZE, orderListQuery, type OrderListParams, type OrderTab } from '@/lib/orders/url';

const TABS: Array<[OrderTab, string]> = [
  ['awaiting', 'Awaiting shipment'],
  ['hold', 'On hold'],
  ['attention', 'Needs attention'],
  ['shipped', 'Shipped'],
  ['delivered', 'Delivered'],
  ['cancelled', 'Cancelled'],
  ['all', 'All'],
];

const count = (c: { n: number; capped: boolean }) => `${formatCount(c.n)}${c.capped ? '+' : ''}`;

/** A fresh view of one tab: filters that narrow by status or urgency are left behind. */
const base = (p: OrderListParams): OrderListParams => ({
  ...p, page: 1, after: undefined, status: [], late: false, due: undefined, hold: undefined, size: p.size ?? DEFAULT_PAGE_SIZE,
});

export function StatusTabs({ params, counts }: { params: OrderListParams; counts: TabCounts }) {
  const hrefFor = (tab: OrderTab) => {
    const { sort: _s, dir: _d, ...rest } = base(params);
    // Each tab opens with its own default sort.
    return `/orders${orderListQuery({ ...rest, tab, sort: tab === 'awaiting' ? 'ship_by' : 'ordered_at', dir: tab === 'awaiting' ? 'asc' : 'desc' })}`;
  };
  const urgent = (key: 'late' | 'due_today', label: string, Icon: typeof AlarmClock, changes: Partial<OrderListParams>, tone: string) => {
    const active = key === 'late' ? params.late : params.due === 'today';
    return (
      <Link
        href={`/orders${orderListQuery({ ...base(params), tab: 'all', sort: 'ship_by', dir: 'asc', ...changes })}`}
        aria-current={active ? 'page' : undefined}
        className={cn('inline-flex items-center gap-1.5 rounded-full border px-3 py-1 text-sm font-medium whitespace-nowrap', tone, active && 'ring-2 ring-current/30')}
      >
        <Icon aria-hidden className="size-4" />
        {label} <span className="tabular-nums">{count(counts[key])}</span>
      </Link>
    );
  };
  return (
    <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
      <nav aria-label="Order status" className="-mb-px max-w-full overflow-x-auto">
        <ul className="flex min-w-max gap-1 border-b border-line">
          {TABS.map(([tab, label]) => {
            const active = params.tab === tab && !params.late && !params.due;
            return (
              <li key={tab}>
                <Link
                  href={hrefFor(tab)}
                  aria-current={active ? 'page' : undefined}
                  className={cn(
                    'inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
                    active ? 'border-accent text-accent-strong' : 'border-transparent text-ink-muted hover:border-line hover:text-ink',
                  )}
                >
                  {label}
                  <span className={cn('rounded-full px-1.5 text-xs tabular-nums', active ? 'bg-accent-soft' : 'bg-surface-muted')}>{count(counts[tab])}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="flex flex-wrap gap-2">
        {urgent('late', 'Late', AlarmClock, { late: true }, 'border-danger/30 bg-danger-soft text-danger')}
        {urgent('due_today', 'Due today', CalendarClock, { due: 'today' }, 'border-warning/30 bg-warning-soft text-warning')}
      </div>
    </div>
  );
}
