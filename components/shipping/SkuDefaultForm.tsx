'use client';

import { useActionState } from 'react';
import { Tag } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import type { SettingsFormState } from '@/components/settings/form-state';
import type { PackagePreset } from '@/lib/shipping/types';
import { addSkuDefaultAction } from '@/app/(app)/settings/shipping/actions';
import { Field } from './Field';

export function SkuDefaultForm({ orgId, presets }: { orgId: string; presets: PackagePreset[] }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(addSkuDefaultAction, {});
  const f = state.fields ?? {};
  const v = state.values ?? {};
  return (
    <form action={action} noValidate className="space-y-3" key={JSON.stringify(state)} aria-label="Add a SKU default">
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Field id="sku-sku" name="sku" label="SKU" error={f.sku} defaultValue={v.sku} className="col-span-2 sm:col-span-2" />
        <div>
          <Label htmlFor="sku-preset">Package</Label>
          <Select id="sku-preset" name="presetId" defaultValue={v.presetId ?? ''}>
            <option value="">Any</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
        <Field id="sku-weight" name="weightOz" label="Unit weight (oz)" error={f.weightOz} defaultValue={v.weightOz} inputMode="decimal" />
      </div>
      <Button type="submit" disabled={pending}>
        <Tag aria-hidden className="size-4" />
        {pending ? 'Saving…' : 'Save SKU default'}
      </Button>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
    </form>
  );
}
