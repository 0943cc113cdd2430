'use client';

import { useActionState } from 'react';
import { ShieldCheck } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { FieldError, Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import type { SettingsFormState } from '@/components/settings/form-state';
import { RULE_KIND_LABELS } from '@/lib/shipping/rules';
import { RULE_KINDS } from '@/lib/shipping/types';
import { addRuleAction } from '@/app/(app)/settings/shipping/actions';
import { Field } from './Field';

export function RuleForm({ orgId }: { orgId: string }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(addRuleAction, {});
  const f = state.fields ?? {};
  const v = state.values ?? {};
  return (
    <form action={action} noValidate className="space-y-3" key={JSON.stringify(state)} aria-label="Add a rule">
      <input type="hidden" name="orgId" value={orgId} />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-6">
        <Field id="rule-name" name="name" label="Rule name" error={f.name} defaultValue={v.name} placeholder="No PO boxes" className="col-span-2 sm:col-span-2" />
        <div className="col-span-2 sm:col-span-1">
          <Label htmlFor="rule-effect">Then</Label>
          <Select id="rule-effect" name="effect" defaultValue={v.effect || 'block'}>
            <option value="block">Block</option>
            <option value="warn">Warn</option>
          </Select>
        </div>
        <div className="col-span-2 sm:col-span-2">
          <Label htmlFor="rule-kind">When</Label>
          <Select id="rule-kind" name="kind" defaultValue={v.kind || 'po_box'} aria-invalid={f.kind ? true : undefined}>
            {RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {RULE_KIND_LABELS[k]}
              </option>
            ))}
          </Select>
          <FieldError>{f.kind}</FieldError>
        </div>
        <Field id="rule-value" name="value" label="Value" error={f.value} defaultValue={v.value} placeholder="e.g. 800, or US, CA" className="col-span-2 sm:col-span-1" />
        <Field id="rule-message" name="message" label="Message people see" error={f.message} defaultValue={v.message} placeholder="We do not ship to PO boxes." className="col-span-2 sm:col-span-6" />
      </div>
      <Button type="submit" disabled={pending}>
        <ShieldCheck aria-hidden className="size-4" />
        {pending ? 'Saving…' : 'Save rule'}
      </Button>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? <Alert tone="success">{state.success}</Alert> : null}
    </form>
  );
}
