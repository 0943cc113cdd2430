'use client';

import { useActionState, useId } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { FieldError, Label } from '@/components/ui/Label';
import { connectAmazonTokenAction } from '@/app/(app)/accounts/actions';
import type { AccountFormState } from './form-state';
import { SharedSellerAlert } from './OutcomeAlert';

/** A private (self-authorized) SP-API app: the seller pastes the refresh token Amazon showed them. */
export function AmazonTokenForm({ orgId, accountId }: { orgId: string; accountId?: string }) {
  const [state, action, pending] = useActionState<AccountFormState, FormData>(connectAmazonTokenAction, {});
  const id = useId();
  const f = state.fields ?? {};
  return (
    <form action={action} noValidate className="space-y-3" key={JSON.stringify(state)} aria-label="Connect Amazon with a refresh token">
      <input type="hidden" name="orgId" value={orgId} />
      {accountId ? <input type="hidden" name="accountId" value={accountId} /> : null}
      <div>
        <Label htmlFor={`${id}-spid`}>Selling partner ID</Label>
        <Input
          id={`${id}-spid`}
          name="sellingPartnerId"
          autoComplete="off"
          spellCheck={false}
          placeholder="A1B2C3D4E5F6G7"
          defaultValue={state.values?.sellingPartnerId}
          aria-invalid={f.sellingPartnerId ? true : undefined}
          aria-describedby={f.sellingPartnerId ? `${id}-spid-error` : undefined}
        />
        <FieldError id={`${id}-spid-error`}>{f.sellingPartnerId}</FieldError>
      </div>
      <div>
        <Label htmlFor={`${id}-token`}>Refresh token</Label>
        <Input
          id={`${id}-token`}
          name="refreshToken"
          type="password"
          autoComplete="off"
          placeholder="Atzr|…"
          aria-invalid={f.refreshToken ? true : undefined}
          aria-describedby={f.refreshToken ? `${id}-token-error` : undefined}
        />
        <FieldError id={`${id}-token-error`}>{f.refreshToken}</FieldError>
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? 'Checking with Amazon…' : 'Connect with this token'}
      </Button>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
      {state.warning ? <SharedSellerAlert>{state.warning}</SharedSellerAlert> : null}
    </form>
  );
}
