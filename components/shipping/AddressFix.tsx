'use client';
// Correct the ship-to address when Shippo refused it or suggested a fix (operators; audited).
import { useState, useTransition } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { correctAddressAction } from '@/app/(app)/orders/[id]/ship-actions';
import { Field } from './Field';

export interface ShipToValues {
  street1: string;
  street2: string;
  city: string;
  state: string;
  zip: string;
}

export function AddressFix({ orderId, current, suggestion }: { orderId: string; current: ShipToValues; suggestion: string | null }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; message: string } | null>(null);
  const values = suggestion ? { ...current, street1: suggestion } : current;
  return (
    <details className="rounded-md border border-line px-3 py-2 text-sm">
      <summary className="cursor-pointer font-medium">Correct the ship-to address</summary>
      <form
        className="mt-3 space-y-3"
        aria-label="Correct the ship-to address"
        action={(form) =>
          start(async () => {
            form.set('orderId', orderId);
            setMessage(await correctAddressAction(form));
          })
        }
      >
        <div className="grid grid-cols-2 gap-3">
          <Field id="fix-street1" name="street1" label="Street address" defaultValue={values.street1} className="col-span-2" />
          <Field id="fix-street2" name="street2" label="Apt, suite (optional)" defaultValue={values.street2} className="col-span-2" />
          <Field id="fix-city" name="city" label="City" defaultValue={values.city} className="col-span-2" />
          <Field id="fix-state" name="state" label="State" defaultValue={values.state} />
          <Field id="fix-zip" name="zip" label="ZIP code" defaultValue={values.zip} />
        </div>
        <Button type="submit" variant="secondary" size="sm" disabled={pending}>
          {pending ? 'Saving…' : 'Save address'}
        </Button>
        {message ? <Alert tone={message.ok ? 'success' : 'error'}>{message.message}</Alert> : null}
      </form>
    </details>
  );
}
