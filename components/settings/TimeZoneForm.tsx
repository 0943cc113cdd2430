'use client';

import { useActionState } from 'react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { FieldError, Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import { setTimeZoneAction } from '@/app/(app)/settings/actions';
import type { SettingsFormState } from './form-state';

/** Owners and admins pick the organization's IANA time zone; others see it read-only. */
export function TimeZoneForm({ orgId, timeZone, zones, canEdit }: { orgId: string; timeZone: string; zones: readonly string[]; canEdit: boolean }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(setTimeZoneAction, {});
  if (!canEdit) {
    return (
      <dl>
        <dt className="text-sm font-medium text-ink-muted">Time zone</dt>
        <dd className="mt-1 text-sm font-medium" data-testid="time-zone-readonly">
          {timeZone}
        </dd>
      </dl>
    );
  }
  const error = state.fields?.timeZone;
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="orgId" value={orgId} />
      <div className="max-w-md">
        <Label htmlFor="org-time-zone">Time zone</Label>
        <div className="flex gap-2">
          <Select id="org-time-zone" name="timeZone" defaultValue={timeZone} className="min-w-0 flex-1" aria-invalid={error ? true : undefined}>
            {zones.map((z) => (
              <option key={z} value={z}>
                {z.replaceAll('_', ' ')}
              </option>
            ))}
          </Select>
          <Button type="submit" disabled={pending}>
            {pending ? 'Saving…' : 'Save'}
          </Button>
        </div>
        <FieldError id="org-time-zone-error">{error}</FieldError>
      </div>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
    </form>
  );
}
