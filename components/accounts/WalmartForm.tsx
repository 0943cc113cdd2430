'use client';

import { useActionState, useId } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { FieldError, Label } from '@/components/ui/Label';
import { connectWalmartAction } from '@/app/(app)/accounts/actions';
import type { AccountFormState } from './form-state';
import { SharedSellerAlert } from './OutcomeAlert';

/** Walmart client credentials: checked with a real token call before anything is saved. */
export function WalmartForm({ orgId, accountId, submitLabel = 'Connect Walmart' }: { orgId: string; accountId?: string; submitLabel?: string }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(connectWalmartAction, {});
  const id = useId();
  const f = state.fields ?? {};
  return (
    <form action={action} noValidate className="space-y-3" key={JSON.stringify(state)} aria-label={accountId ? 'Reconnect Walmart' : 'Connect Walmart'}>
      <input type="hidden" name="orgId" value={orgId} />
      {accountId ? <input type="hidden" name="accountId" value={accountId} /> : null}
      <div>
        <Label htmlFor={`${id}-client-id`}>Client ID</Label>
        <Input
          id={`${id}-client-id`}
          name="clientId"
          autoComplete="off"
          spellCheck={false}
          required
          defaultValue={state.values?.clientId}
          aria-invalid={f.clientId ? true : undefined}
          aria-describedby={f.clientId ? `${id}-client-id-error` : undefined}
        />
        <FieldError id={`${id}-client-id-error`}>{f.clientId}</FieldError>
      </div>
      <div>
        <Label htmlFor={`${id}-client-secret`}>Client secret</Label>
        <Input
          id={`${id}-client-secret`}
          name="clientSecret"
          type="password"
          autoComplete="off"
          required
          aria-invalid={f.clientSecret ? true : undefined}
          aria-describedby={f.clientSecret ? `${id}-client-secret-error` : undefined}
        />
        <FieldError id={`${id}-client-secret-error`}>{f.clientSecret}</FieldError>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Checking with Walmart…' : submitLabel}
      </Button>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      {state.warning ? <SharedSellerAlert>{state.warning}</SharedSellerAlert> : null}
    </form>
  );
}
