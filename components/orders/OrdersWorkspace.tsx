'use client';
// The table with its selection: rows picked on this page (kept across pages while the filter
// stays the same), or "every order matching the filter", handed to the bulk actions.
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Alert } from '@/components/ui/Alert';
import { formatCount } from '@/components/ui/format';
import { orderListQuery, type OrderListParams } from '@/lib/orders/url';
import { BulkBar } from './BulkBar';
import { OrdersTable, type OrderRow } from './OrdersTable';

interface Props {
  orgId: string;
  rows: OrderRow[];
  total: number;
  capped: boolean;
  params: OrderListParams;
  timeZone: string;
  now: string;
  canOperate: boolean;
  /** Shown instead of the table when the view is empty (the flash of a bulk action stays). */
  empty?: ReactNode;
}

export function OrdersWorkspace({ orgId, rows, total, capped, params, timeZone, now, canOperate, empty }: Props) {
  const filter = orderListQuery({ ...params, page: 1, after: undefined }).replace(/^\?/, '');
  // A new filter starts a new selection (remounted by the page's key), paging keeps it.
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [all, setAll] = useState(false);
  const [flash, setFlash] = useState<string | undefined>();
  const toggle = useCallback((id: string) => {
    setAll(false);
    setFlash(undefined);
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const togglePage = useCallback((ids: string[]) => {
    setAll(false);
    setFlash(undefined);
    setSelected((s) => {
      const every = ids.every((id) => s.has(id));
      const next = new Set(s);
      for (const id of ids) if (every) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const selection = useMemo(() => ({ selected, toggle, togglePage }), [selected, toggle, togglePage]);
  const clear = useCallback((message?: string) => {
    setSelected(new Set());
    setAll(false);
    setFlash(message);
  }, []);

  const pageAllSelected = rows.length > 0 && rows.every((r) => selected.has(r.id));
  const any = all || selected.size > 0;
  return (
    <>
      {flash ? (
        <Alert tone="success" className="mb-3">
          {flash}
        </Alert>
      ) : null}
      {any ? (
        <BulkBar
          selection={{ orgId, ids: [...selected], all, filter, count: all ? total : selected.size, capped: all && capped }}
          canOperate={canOperate}
          timeZone={timeZone}
          onDone={clear}
        />
      ) : null}
      {pageAllSelected && !all && total > rows.length ? (
        <p className="mb-2 text-sm text-ink-muted">
          All {rows.length} orders on this page are selected.{' '}
          <button type="button" className="font-medium text-accent hover:underline" onClick={() => setAll(true)}>
            Select all {formatCount(total)}
            {capped ? '+' : ''} orders matching this view
          </button>
        </p>
      ) : null}
      {rows.length === 0 && empty ? empty : <OrdersTable rows={rows} total={total} params={params} timeZone={timeZone} now={now} selection={selection} />}
    </>
  );
}
