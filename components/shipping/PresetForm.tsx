'use client';

import { useActionState } from 'react';
import { Box } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import type { SettingsFormState } from '@/components/settings/form-state';
import { addPresetAction } from '@/app/(app)/settings/shipping/actions';
import { Field } from './Field';

export function PresetForm({ orgId }: { orgId: string }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(addPresetAction, {});
  const f = state.fields ?? {};
  const v = state.values ?? {};
  const num = (name: string, label: string) => (
    <Field id={`preset-${name}`} name={name} label={label} error={f[name]} defaultValue={v[name]} inputMode="decimal" className="col-span-1" />
  );
  return (
    <form action={action} noValidate className="space-y-3" key={JSON.stringify(state)} aria-label="Add a package">
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Field id="preset-name" name="name" label="Package name" error={f.name} defaultValue={v.name} placeholder="Small box" className="col-span-2 sm:col-span-5" />
        {num('lengthIn', 'Length (in)')}
        {num('widthIn', 'Width (in)')}
        {num('heightIn', 'Height (in)')}
        {num('weightOz', 'Weight (oz)')}
      </div>
      <Button type="submit" disabled={pending}>
        <Box aria-hidden className="size-4" />
        {pending ? 'Saving…' : 'Save package'}
      </Button>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
    </form>
  );
}
