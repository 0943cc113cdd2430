'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { FieldError, Label } from '@/components/ui/Label';
import { renameOrganizationAction } from '@/app/(app)/settings/actions';
import type { SettingsFormState } from './form-state';

export function RenameOrgForm({ orgId, name }: { orgId: string; name: string }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(renameOrganizationAction, {});
  const error = state.fields?.name;
  return (
    <form action={action} className="space-y-3" key={JSON.stringify(state)}>
      <input type="hidden" name="orgId" value={orgId} />
      <div className="max-w-md">
        <Label htmlFor="org-name">Organization name</Label>
        <div className="flex gap-2">
          <Input
            id="org-name"
            name="name"
            required
            maxLength={100}
            defaultValue={state.values?.name ?? name}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'org-name-error' : undefined}
          />
          <Button type="submit" disabled={pending}>
            {pending ? 'Saving…' : 'Save'}
          </Button>
        </div>
        <FieldError id="org-name-error">{error}</FieldError>
      </div>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
    </form>
  );
}
