'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { FieldError, Label } from '@/components/ui/Label';
import { setRetentionAction } from '@/app/(app)/settings/privacy-actions';
import type { SettingsFormState } from './form-state';

export function RetentionForm({ orgId, days }: { orgId: string; days: number }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(setRetentionAction, {});
  const error = state.fields?.days;
  return (
    <form action={action} className="space-y-3" key={JSON.stringify(state)}>
      <input type="hidden" name="orgId" value={orgId} />
      <div className="max-w-md">
        <Label htmlFor="retention-days">Days to keep buyer data after delivery or cancellation</Label>
        <div className="flex gap-2">
          <Input
            id="retention-days"
            name="days"
            type="number"
            inputMode="numeric"
            min={1}
            max={30}
            required
            className="w-28"
            defaultValue={state.values?.days ?? String(days)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'retention-days-error' : undefined}
          />
          <Button type="submit" disabled={pending} aria-label={pending ? undefined : 'Save retention'}>
            {pending ? 'Saving…' : 'Save'}
          </Button>
        </div>
        <FieldError id="retention-days-error">{error}</FieldError>
      </div>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
    </form>
  );
}
