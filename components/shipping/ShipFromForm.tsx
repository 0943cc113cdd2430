'use client';

import { useActionState } from 'react';
import { MapPin } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import type { SettingsFormState } from '@/components/settings/form-state';
import { addShipFromAction } from '@/app/(app)/settings/shipping/actions';
import { Field } from './Field';

export function ShipFromForm({ orgId }: { orgId: string }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(addShipFromAction, {});
  const f = state.fields ?? {};
  const v = state.values ?? {};
  const field = (name: string, label: string, className: string, extra: { type?: string; placeholder?: string } = {}) => (
    <Field id={`from-${name}`} name={name} label={label} error={f[name]} defaultValue={v[name]} className={className} {...extra} />
  );
  return (
    <form action={action} noValidate className="space-y-3" key={JSON.stringify(state)} aria-label="Add a ship-from location">
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-6">
        {field('name', 'Location name', 'col-span-2 sm:col-span-3', { placeholder: 'Main warehouse' })}
        {field('company', 'Company (optional)', 'col-span-2 sm:col-span-3')}
        {field('street1', 'Street address', 'col-span-2 sm:col-span-4')}
        {field('street2', 'Suite, unit (optional)', 'col-span-2 sm:col-span-2')}
        {field('city', 'City', 'col-span-2 sm:col-span-2')}
        {field('state', 'State', 'col-span-1 sm:col-span-1')}
        {field('zip', 'ZIP code', 'col-span-1 sm:col-span-2')}
        {field('country', 'Country', 'col-span-1 sm:col-span-1', { placeholder: 'US' })}
        {field('phone', 'Phone (optional)', 'col-span-1 sm:col-span-2', { type: 'tel' })}
        {field('email', 'Email (optional)', 'col-span-2 sm:col-span-3', { type: 'email' })}
      </div>
      <Button type="submit" disabled={pending}>
        <MapPin aria-hidden className="size-4" />
        {pending ? 'Checking with Shippo…' : 'Check and save location'}
      </Button>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
    </form>
  );
}
