'use client';

import { useActionState, useState } from 'react';
import { Download } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button, buttonClasses } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { FieldError, Label } from '@/components/ui/Label';
import { deleteOrganizationAction } from '@/app/(app)/settings/privacy-actions';
import type { SettingsFormState } from './form-state';

/** For owners: a copy of everything, and deleting the organization with a typed confirmation. */
export function DataSection({ orgId, name }: { orgId: string; name: string }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(deleteOrganizationAction, {});
  const [confirming, setConfirming] = useState(false);
  const error = state.fields?.confirm;
  return (
    <div className="space-y-5">
      <div className="space-y-2">
        <p className="text-sm text-ink-muted">
          A ZIP of CSV files: accounts, orders and their items, buyers not yet anonymized, listings, shipments, each order's history and the audit trail. Never
          marketplace credentials. The download is recorded in the audit trail.
        </p>
        <a href={`/api/orgs/${orgId}/export`} className={buttonClasses('secondary')} download data-testid="export-link">
          <Download className="size-4" aria-hidden />
          Download all data
        </a>
      </div>
      <div className="space-y-2 border-t border-line pt-4">
        {!confirming ? (
          <Button variant="ghost" className="text-danger hover:text-danger-strong" onClick={() => setConfirming(true)}>
            Delete this organization…
          </Button>
        ) : (
          <form action={action} className="space-y-3 rounded-md border border-danger/30 bg-danger-soft/60 p-3" key={JSON.stringify(state)}>
            <input type="hidden" name="orgId" value={orgId} />
            <p className="text-sm text-ink">
              This deletes <span className="font-medium break-words">{name}</span> and everything in it at once: its marketplace connections and their
              stored credentials, orders, buyers, listings, labels, members&apos; access and the audit trail. It cannot be undone. Download the
              data first if you need it. To stop ESM&apos;s access on the marketplaces&apos; side too, remove the app in Seller Central, your eBay
              account or Walmart&apos;s Developer Portal.
            </p>
            <div className="max-w-md">
              <Label htmlFor="confirm-delete">Type the organization&apos;s name to confirm</Label>
              <Input
                id="confirm-delete"
                name="confirm"
                autoComplete="off"
                defaultValue={state.values?.confirm ?? ''}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'confirm-delete-error' : undefined}
              />
              <FieldError id="confirm-delete-error">{error}</FieldError>
            </div>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" variant="danger" disabled={pending}>
                {pending ? 'Deleting…' : 'Delete the organization'}
              </Button>
              <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
                Cancel
              </Button>
            </div>
            {state.error ? <Alert tone="error">{state.error}</Alert> : null}
          </form>
        )}
      </div>
    </div>
  );
}
