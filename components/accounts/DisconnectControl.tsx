'use client';

import { useActionState, useState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { disconnectAction } from '@/app/(app)/accounts/actions';
import type { AccountFormState } from './form-state';

/** Disconnect, with a confirmation step that says exactly what happens. */
export function DisconnectControl({ orgId, accountId, name }: { orgId: string; accountId: string; name: string }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(disconnectAction, {});
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <div className="space-y-2">
        <Button variant="ghost" size="sm" className="text-danger hover:text-danger-strong" onClick={() => setConfirming(true)}>
          Disconnect
        </Button>
        {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      </div>
    );
  }
  return (
    <form action={action} className="w-full space-y-3 rounded-md border border-danger/30 bg-danger-soft/60 p-3" aria-label={`Disconnect ${name}`}>
      <input type="hidden" name="orgId" value={orgId} />
      <input type="hidden" name="accountId" value={accountId} />
      <p className="text-sm text-ink">
        Disconnect <span className="font-medium">{name}</span>? ESM stops syncing it and deletes its stored credentials. You can reconnect it
        later. What happens to what it already synced?
      </p>
      <fieldset className="space-y-2 text-sm">
        <legend className="sr-only">Orders and listings of {name}</legend>
        <label className="flex items-start gap-2">
          <input type="radio" name="data" value="anonymize" defaultChecked className="mt-1" />
          <span>
            <span className="font-medium">Keep the orders as history, anonymize their buyers now</span>
            <span className="block text-ink-muted">Names, addresses, phones and e-mails are cleared; totals, items and regions stay for reports.</span>
          </span>
        </label>
        <label className="flex items-start gap-2">
          <input type="radio" name="data" value="delete" className="mt-1" />
          <span>
            <span className="font-medium">Delete its orders and listings</span>
            <span className="block text-ink-muted">Orders, their items, buyers and labels, and the listings are removed from ESM.</span>
          </span>
        </label>
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit" variant="danger" size="sm" disabled={pending}>
          {pending ? 'Disconnecting…' : 'Yes, disconnect'}
        </Button>
        <Button variant="secondary" size="sm" onClick={() => setConfirming(false)} disabled={pending}>
          Cancel
        </Button>
      </div>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
    </form>
  );
}
