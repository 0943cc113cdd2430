'use client';
// What to do with the selected orders: buy labels (hands the ready ones to the label batch form),
// hold / release (operators), export CSV. A selection is ids, or "every order matching the filter".
import { useActionState, useEffect } from 'react';
import { Download, Layers, Lock, LockOpen, X } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { formatCount } from '@/components/ui/format';
import { BulkForm } from '@/components/shipping/BulkForm';
import { bulkHoldAction, prepareLabelsAction, type BulkHoldState, type LabelsState } from '@/app/(app)/orders/actions';

export interface BulkSelection {
  orgId: string;
  ids: string[];
  /** Every order matching `filter` (the list's query string) rather than `ids`. */
  all: boolean;
  filter: string;
  count: number;
  capped: boolean;
}

function SelectionFields({ s }: { s: BulkSelection }) {
  return (
    <>
      <input type="hidden" name="orgId" value={s.orgId} />
      {s.all ? (
        <>
          <input type="hidden" name="all" value="1" />
          <input type="hidden" name="filter" value={s.filter} />
        </>
      ) : (
        s.ids.map((id) => <input key={id} type="hidden" name="ids" value={id} />)
      )}
    </>
  );
}

export function BulkBar({ selection, canOperate, timeZone, onDone }: { selection: BulkSelection; canOperate: boolean; timeZone: string; onDone: (message?: string) => void }) {
  const [hold, holdAction, holding] = useActionState<BulkHoldState, FormData>(bulkHoldAction, { status: 'idle' });
  const [labels, labelsAction, preparing] = useActionState<LabelsState, FormData>(prepareLabelsAction, { status: 'idle' });
  useEffect(() => {
    if (hold.status === 'ok') onDone(hold.message);
  }, [hold, onDone]);
  const n = `${formatCount(selection.count)}${selection.capped ? '+' : ''}`;
  const exportHref = `/api/orders/export?${selection.filter}${selection.filter ? '&' : ''}org=${selection.orgId}`;
  return (
    <section aria-label="Bulk actions" className="mb-3 space-y-3 rounded-lg border border-accent/30 bg-accent-soft/60 p-3">
      <div className="flex flex-wrap items-center gap-2">
        <p className="mr-2 text-sm font-medium text-ink" aria-live="polite">
          {selection.all ? `All ${n} matching orders selected` : `${n} selected`}
        </p>
        {canOperate ? (
          <form action={labelsAction}>
            <SelectionFields s={selection} />
            <Button type="submit" size="sm" disabled={preparing}>
              <Layers aria-hidden className="size-3.5" />
              {preparing ? 'Reading orders…' : 'Buy labels'}
            </Button>
          </form>
        ) : null}
        {canOperate ? (
          <form action={holdAction} className="flex flex-wrap items-center gap-2">
            <SelectionFields s={selection} />
            <label className="sr-only" htmlFor="bulk-hold-reason">
              Hold reason
            </label>
            <Input id="bulk-hold-reason" name="reason" placeholder="Reason (optional)" maxLength={500} className="h-8 w-44 text-xs" />
            <Button type="submit" name="hold" value="true" size="sm" variant="secondary" disabled={holding}>
              <Lock aria-hidden className="size-3.5" />
              Hold
            </Button>
            <Button type="submit" name="hold" value="false" size="sm" variant="secondary" disabled={holding}>
              <LockOpen aria-hidden className="size-3.5" />
              Release
            </Button>
          </form>
        ) : null}
        {selection.all ? (
          <a href={exportHref} download className="inline-flex h-8 items-center gap-1.5 rounded-md border border-line bg-white px-2.5 text-xs font-medium shadow-sm hover:bg-surface-muted">
            <Download aria-hidden className="size-3.5" />
            Export CSV
          </a>
        ) : (
          <form action="/api/orders/export" method="post">
            <input type="hidden" name="org" value={selection.orgId} />
            {selection.ids.map((id) => (
              <input key={id} type="hidden" name="ids" value={id} />
            ))}
            <Button type="submit" size="sm" variant="secondary">
              <Download aria-hidden className="size-3.5" />
              Export CSV
            </Button>
          </form>
        )}
        <Button type="button" size="sm" variant="ghost" onClick={() => onDone()} className="ml-auto">
          <X aria-hidden className="size-3.5" />
          Clear selection
        </Button>
      </div>
      {hold.status === 'error' ? <Alert tone="error">{hold.message}</Alert> : null}
      {labels.status === 'error' ? <Alert tone="error">{labels.message}</Alert> : null}
      {labels.status === 'ready' ? (
        <div className="rounded-md border border-line bg-white p-4">
          <h2 className="mb-1 text-base font-semibold">Buy labels</h2>
          <p className="mb-3 text-sm text-ink-muted">
            {labels.orders.length} of the selected orders can get a label now
            {labels.skipped ? `; ${labels.skipped} skipped (on hold, labelled, shipped or without an address)` : ''}.
          </p>
          <BulkForm orgId={selection.orgId} orders={labels.orders} presets={labels.presets} locations={labels.locations} timeZone={timeZone} />
        </div>
      ) : null}
    </section>
  );
}
