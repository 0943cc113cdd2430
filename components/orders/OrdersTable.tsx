'use client';
// The orders table. Postgres sorts and pages (manual mode): the table only renders the page it
// is given, and a click on a sortable header becomes ?sort=&dir= in the URL. Rows can be picked
// for bulk actions (the selection lives in OrdersWorkspace); times are in the organization's zone.
import { useMemo, useTransition } from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { ArrowDown, ArrowUp, ArrowUpDown, ExternalLink } from 'lucide-react';
import {
  createColumnHelper, functionalUpdate, rowPaginationFeature, rowSortingFeature, tableFeatures, useTable,
  type SortingState, type Updater,
} from '@tanstack/react-table';
import { cn } from '@/components/ui/cn';
import type { OrderListRow } from '@/lib/orders/list';
import { orderListQuery, ORDER_SORTS, type OrderListParams, type OrderSort } from '@/lib/orders/url';
import { PORTAL_NAME, sellerPortalUrl } from '@/lib/orders/portal';
import { urgencyLabel } from '@/lib/orders/urgency';
import { HoldBadge, LateBadge, MarketplaceBadge, StatusBadge } from './Badges';
import { formatDateTime, formatMoney, formatShortDate, formatTime } from '@/components/ui/format';

/** One row as the server sends it (mirrors OrderListRow in lib/orders/list.ts). */
// Type-only: erased from the client bundle.
export type OrderRow = OrderListRow;

const features = tableFeatures({ rowSortingFeature, rowPaginationFeature });
const col = createColumnHelper<typeof features, OrderRow>();

const right = 'text-right';

export interface Selection {
  selected: ReadonlySet<string>;
  toggle: (id: string) => void;
  togglePage: (ids: string[]) => void;
}

const OPEN = new Set(['pending', 'unshipped', 'partially_shipped']);
const box = 'size-4 cursor-pointer rounded border-line accent-accent';

const makeColumns = (timeZone: string, now: Date, sel: Selection, pageIds: string[]) => col.columns([
  col.display({
    id: 'select',
    header: () => {
      const all = pageIds.length > 0 && pageIds.every((id) => sel.selected.has(id));
      return <input type="checkbox" aria-label="Select every order on this page" className={box} checked={all} onChange={() => sel.togglePage(pageIds)} />;
    },
    cell: ({ row }) => (
      <input
        type="checkbox"
        aria-label={`Select order ${row.original.externalOrderId}`}
        className={box}
        checked={sel.selected.has(row.original.id)}
        onChange={() => sel.toggle(row.original.id)}
      />
    ),
  }),
  col.accessor('externalOrderId', {
    id: 'external_order_id',
    header: 'Order',
    sortDescFirst: false,
    cell: ({ row }) => (
      <div className="flex flex-col items-start gap-1">
        <Link
          href={`/orders/${row.original.id}`}
          className="font-mono text-[13px] font-medium whitespace-nowrap text-accent hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
        >
          {row.original.externalOrderId}
        </Link>
        <a
          href={sellerPortalUrl(row.original.marketplace, row.original.externalOrderId)}
          target="_blank"
          rel="noopener noreferrer"
          className="inline-flex items-center gap-0.5 text-xs whitespace-nowrap text-ink-muted hover:text-ink hover:underline"
        >
          {PORTAL_NAME[row.original.marketplace]}
          <ExternalLink aria-hidden className="size-3" />
          <span className="sr-only">(opens the marketplace)</span>
        </a>
        {row.original.onHold ? <HoldBadge /> : null}
      </div>
    ),
  }),
  col.accessor('marketplace', {
    id: 'marketplace',
    header: 'Marketplace',
    sortDescFirst: false,
    cell: ({ row }) => (
      <div className="flex flex-col items-start gap-0.5">
        <MarketplaceBadge marketplace={row.original.marketplace} />
        <span className="block max-w-36 text-xs leading-snug break-words text-ink-muted 2xl:hidden">{row.original.accountName}</span>
      </div>
    ),
  }),
  col.accessor('accountName', {
    id: 'account',
    header: 'Account',
    enableSorting: false,
    // On narrower screens the account is shown under the marketplace instead.
    meta: { className: 'hidden 2xl:table-cell' },
    cell: ({ getValue }) => <span className="block max-w-44 min-w-24 break-words text-ink-muted">{getValue()}</span>,
  }),
  col.accessor('buyerName', {
    id: 'buyer',
    header: 'Buyer',
    enableSorting: false,
    cell: ({ row }) =>
      row.original.buyerAnonymized ? (
        <span className="text-ink-faint italic">Anonymized</span>
      ) : (
        <span className="block min-w-24">{row.original.buyerName ?? <span className="text-ink-faint">—</span>}</span>
      ),
  }),
  // The item count sits under the total (no column of its own, so the table fits 1280 px).
  col.accessor('total', {
    id: 'total',
    header: 'Total',
    sortDescFirst: true,
    meta: { className: right },
    cell: ({ row }) => (
      <div className="whitespace-nowrap">
        <span className="block tabular-nums">{formatMoney(row.original.total, row.original.currency)}</span>
        <span className="block text-xs text-ink-muted">
          {row.original.itemCount} {row.original.itemCount === 1 ? 'item' : 'items'}
        </span>
      </div>
    ),
  }),
  col.accessor('status', {
    id: 'status',
    header: 'Status',
    sortDescFirst: false,
    cell: ({ row }) => (
      <span title={`Marketplace status: ${row.original.marketplaceStatus}`}>
        <StatusBadge status={row.original.status} />
      </span>
    ),
  }),
  col.accessor('shipBy', {
    id: 'ship_by',
    header: 'Ship by',
    sortDescFirst: false,
    cell: ({ row }) => {
      const o = row.original;
      const label = urgencyLabel(o.shipBy, OPEN.has(o.status), now);
      return (
        <div className="flex flex-col items-start gap-0.5 whitespace-nowrap" data-urgency={o.late ? 'late' : o.dueToday ? 'today' : undefined}>
          <span className={cn('tabular-nums', o.late && 'font-medium text-danger', o.dueToday && 'font-medium text-warning')} title={o.shipBy ? formatDateTime(o.shipBy, { clock: '12h', timeZone }) : undefined}>
            {formatShortDate(o.shipBy, { timeZone, now })}
            {o.shipBy ? <span className="text-xs font-normal text-ink-muted"> · {formatTime(o.shipBy, { timeZone })}</span> : null}
          </span>
          {/* How long until (or since) it, under the date: a late order says so in its badge. */}
          {o.late && label ? (
            <LateBadge text={label[0].toUpperCase() + label.slice(1)} />
          ) : label ? (
            <span className={cn('text-xs', o.dueToday ? 'font-medium text-warning' : 'text-ink-muted')}>{label}</span>
          ) : o.late ? (
            <LateBadge />
          ) : null}
        </div>
      );
    },
  }),
  col.accessor('orderedAt', {
    id: 'ordered_at',
    header: 'Ordered',
    sortDescFirst: true,
    cell: ({ getValue }) => (
      // The zone is named once above the table ("times in …"); the year only when not this year.
      <div className="whitespace-nowrap tabular-nums" title={formatDateTime(getValue(), { clock: '12h', timeZone })}>
        {formatShortDate(getValue(), { timeZone, now })}
        <span className="block text-xs text-ink-muted">{formatTime(getValue(), { timeZone })}</span>
      </div>
    ),
  }),
]);

const isSort = (id: string): id is OrderSort => (ORDER_SORTS as readonly string[]).includes(id);

export function OrdersTable({ rows, total, params, timeZone, now, selection }: {
  rows: OrderRow[];
  total: number;
  params: OrderListParams;
  timeZone: string;
  /** The server's "now" (ISO), so server and browser render the same urgency labels. */
  now: string;
  selection: Selection;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const pageIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const columns = useMemo(() => makeColumns(timeZone, new Date(now), selection, pageIds), [timeZone, now, selection, pageIds]);
  const sorting: SortingState = [{ id: params.sort, desc: params.dir === 'desc' }];

  const table = useTable({
    features,
    columns,
    data: rows,
    getRowId: (r) => r.id,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    rowCount: total,
    state: { sorting, pagination: { pageIndex: params.page - 1, pageSize: params.size } },
    onSortingChange: (updater: Updater<SortingState>) => {
      const next = functionalUpdate(updater, sorting)[0];
      if (!next || !isSort(next.id)) return;
      const href = `/orders${orderListQuery(params, { sort: next.id, dir: next.desc ? 'desc' : 'asc', page: 1 })}`;
      startTransition(() => router.push(href, { scroll: false }));
    },
  });

  return (
    // The table scrolls inside its card (both ways) so the header can stay in view. relative: the
    // sr-only sort labels are absolutely positioned; without it they escape the scroll box and
    // widen the whole page on a phone.
    <div className="relative max-h-[calc(100dvh-14rem)] min-h-64 overflow-auto rounded-lg border border-line bg-white shadow-sm">
      <table aria-busy={pending} className={cn('w-full border-collapse text-left text-sm transition-opacity', pending && 'opacity-60')}>
        <caption className="sr-only">
          Orders, sorted by {params.sort.replace(/_/g, ' ')} {params.dir === 'asc' ? 'ascending' : 'descending'}
        </caption>
        <thead className="sticky top-0 z-10 border-b border-line bg-surface-muted shadow-[0_1px_0_var(--color-line)]">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                const meta = header.column.columnDef.meta as { className?: string } | undefined;
                const Icon = sorted === 'asc' ? ArrowUp : sorted === 'desc' ? ArrowDown : ArrowUpDown;
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    className={cn('px-3 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-ink-muted uppercase first:pl-4 last:pr-4', meta?.className)}
                  >
                    {header.column.getCanSort() ? (
                      <button
                        type="button"
                        onClick={header.column.getToggleSortingHandler()}
                        className={cn(
                          'inline-flex items-center gap-1 rounded uppercase hover:text-ink focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent',
                          sorted && 'text-ink',
                        )}
                      >
                        <table.FlexRender header={header} />
                        <Icon aria-hidden className={cn('size-3.5', !sorted && 'opacity-40')} />
                        <span className="sr-only">, sort</span>
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="divide-y divide-line">
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              data-urgency={row.original.late ? 'late' : row.original.dueToday ? 'today' : undefined}
              className={cn(
                'transition-colors hover:bg-surface-muted/50',
                row.original.late && 'bg-danger-soft/60',
                row.original.dueToday && 'bg-warning-soft/70',
                selection.selected.has(row.id) && 'bg-accent-soft/70',
              )}
            >
              {row.getAllCells().map((cell) => {
                const meta = cell.column.columnDef.meta as { className?: string } | undefined;
                return (
                  <td key={cell.id} data-col={cell.column.id} className={cn('px-3 py-2 align-middle text-ink first:pl-4 last:pr-4', meta?.className)}>
                    <table.FlexRender cell={cell} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
