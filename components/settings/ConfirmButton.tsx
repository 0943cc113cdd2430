'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/Button';
import type { SettingsFormState } from './form-state';

interface Props {
  action: (state: SettingsFormState, form: FormData) => Promise<SettingsFormState>;
  fields: Record<string, string>;
  label: string;
  pendingLabel: string;
  /** Asked with window.confirm before submitting. */
  question: string;
  ariaLabel?: string;
}

/** One small form: a destructive button that asks first and shows its own refusal. */
export function ConfirmButton({ action, fields, label, pendingLabel, question, ariaLabel }: Props) {
  const [state, submit, pending] = useActionState<SettingsFormState, FormData>(action, {});
  return (
    <form
      action={submit}
      className="space-y-1"
      onSubmit={(e) => {
        if (!window.confirm(question)) e.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button type="submit" variant="ghost" size="sm" disabled={pending} className="text-danger hover:text-danger-strong" aria-label={ariaLabel}>
        {pending ? pendingLabel : label}
      </Button>
      {state.error ? (
        <p role="alert" className="text-xs text-danger">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
