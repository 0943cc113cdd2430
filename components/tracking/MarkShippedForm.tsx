'use client';
// "Mark as shipped" for a package that left without an ESM label: carrier, service, tracking
// number (and link for a carrier outside the marketplaces' lists), ship date, and how many of
// each item are in it. The server checks everything again and writes nothing on a refusal.
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { Loader2, Truck } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { fieldClasses } from '@/components/ui/Input';
import { cn } from '@/components/ui/cn';
import { MANUAL_CARRIERS } from '@/lib/tracking/carriers-form';
import { markShippedAction } from '@/app/(app)/orders/[id]/push-actions';

export interface OpenItem {
  orderItemId: string;
  label: string;
  unshipped: number;
}

function Submit({ pending }: { pending: boolean }) {
  return (
    <Button type="submit" disabled={pending}>
      {pending ? <Loader2 aria-hidden className="size-4 animate-spin" /> : <Truck aria-hidden className="size-4" />}
      Mark as shipped
    </Button>
  );
}

const label = 'mb-1 block text-sm font-medium text-ink';

export function MarkShippedForm({ orderId, items, today }: { orderId: string; items: OpenItem[]; today: string }) {
  const [state, action, pending] = useActionState(markShippedAction, null);
  const [carrier, setCarrier] = useState<string>('USPS');
  const other = carrier === 'Other';
  // Submitted by hand rather than as a form action, so a refused entry keeps what was typed (a form
  // action resets the form). After a success the panel renders a fresh form (its key changes).
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => action(data));
  };
  return (
    <form onSubmit={submit} className="space-y-3" data-testid="mark-shipped-form">
      <input type="hidden" name="orderId" value={orderId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor="ms-carrier" className={label}>Carrier</label>
          <select id="ms-carrier" name="carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)} className={fieldClasses}>
            {MANUAL_CARRIERS.map((c) => (
              <option key={c} value={c}>{c}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="ms-service" className={label}>Service <span className="font-normal text-ink-muted">(optional)</span></label>
          <input id="ms-service" name="service" maxLength={60} placeholder="e.g. Ground Advantage" className={fieldClasses} />
        </div>
        {other ? (
          <div>
            <label htmlFor="ms-carrier-name" className={label}>Carrier name</label>
            <input id="ms-carrier-name" name="carrierName" maxLength={60} required className={fieldClasses} />
          </div>
        ) : null}
        <div>
          <label htmlFor="ms-tracking" className={label}>Tracking number</label>
          <input id="ms-tracking" name="trackingNumber" required maxLength={80} autoComplete="off" className={cn(fieldClasses, 'font-mono')} />
        </div>
        <div className={other ? 'sm:col-span-2' : undefined}>
          <label htmlFor="ms-url" className={label}>
            Tracking link <span className="font-normal text-ink-muted">{other ? '(required for this carrier)' : '(optional)'}</span>
          </label>
          <input id="ms-url" name="trackingUrl" type="url" maxLength={2048} placeholder="https://" required={other} className={fieldClasses} />
        </div>
        <div>
          <label htmlFor="ms-date" className={label}>Ship date</label>
          <input id="ms-date" name="shipDate" type="date" defaultValue={today} max={today} required className={fieldClasses} />
        </div>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-ink">Items in this package</legend>
        {items.map((i) => (
          <div key={i.orderItemId} className="flex items-center justify-between gap-3 text-sm">
            <label htmlFor={`ms-q-${i.orderItemId}`} className="min-w-0 truncate">
              {i.label} <span className="text-ink-muted">· {i.unshipped} left</span>
            </label>
            <input
              id={`ms-q-${i.orderItemId}`}
              name={`qty:${i.orderItemId}`}
              type="number"
              min={0}
              max={i.unshipped}
              step={1}
              defaultValue={i.unshipped}
              className={cn(fieldClasses, 'w-20 text-right tabular-nums')}
            />
          </div>
        ))}
      </fieldset>
      <Submit pending={pending} />
      {state ? <Alert tone={state.ok ? 'success' : 'error'}>{state.message}</Alert> : null}
    </form>
  );
}
