'use client';

import { useActionState } from 'react';
import Link from 'next/link';
import { Alert } from '@/components/ui/Alert';
import { Input } from '@/components/ui/Input';
import { FieldError, Label } from '@/components/ui/Label';
import { signInAction } from './actions';
import { SubmitButton } from '../SubmitButton';
import type { AuthFormState } from '../form-state';

export function SignInForm({ next, email = '' }: { next?: string; email?: string }) {
  const [state, action] = useActionState<AuthFormState, FormData>(signInAction, { values: { email } });
  const f = state.fields ?? {};
  return (
    // key: after an error, re-mount so the kept email shows even though React resets the form.
    <form action={action} noValidate className="space-y-4" key={JSON.stringify(state)}>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div>
        <Label htmlFor="email">Email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values.email}
          aria-invalid={f.email ? true : undefined}
          aria-describedby={f.email ? 'email-error' : undefined}
          autoFocus={!state.values.email}
        />
        <FieldError id="email-error">{f.email}</FieldError>
      </div>
      <div>
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={f.password ? true : undefined}
          aria-describedby={f.password ? 'password-error' : undefined}
          autoFocus={Boolean(state.values.email)}
        />
        <FieldError id="password-error">{f.password}</FieldError>
      </div>
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      <p className="text-center text-sm text-ink-muted">
        New to ESM?{' '}
        <Link href={next ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'} className="font-medium text-accent hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
