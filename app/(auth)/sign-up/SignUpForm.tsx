'use client';

import { useActionState } from 'react';
import Link from 'next/link';
import { Alert } from '@/components/ui/Alert';
import { Input } from '@/components/ui/Input';
import { FieldError, Label } from '@/components/ui/Label';
import { PASSWORD_MIN } from '@/lib/auth/forms';
import { signUpAction } from './actions';
import { SubmitButton } from '../SubmitButton';
import type { AuthFormState } from '../form-state';

/** `next`: where to go once the account exists (already checked by safeNextPath), e.g. an invitation. */
export function SignUpForm({ next }: { next?: string }) {
  const [state, action] = useActionState<AuthFormState, FormData>(signUpAction, { values: { email: '' } });
  const f = state.fields ?? {};
  const describedBy = (field: keyof typeof f, hint?: string) =>
    [f[field] ? `${field}-error` : null, hint].filter(Boolean).join(' ') || undefined;
  return (
    <form action={action} noValidate className="space-y-4" key={JSON.stringify(state)}>
      {state.error ? (
        <Alert tone="error">
          {state.error}
          {state.accountExists ? (
            <>
              {' '}
              <Link href={`/sign-in?email=${encodeURIComponent(state.values.email)}`}>Sign in instead.</Link>
            </>
          ) : null}
        </Alert>
      ) : null}
      {state.info ? <Alert tone="success">{state.info}</Alert> : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <div>
        <Label htmlFor="organization">Organization name</Label>
        <Input
          id="organization"
          name="organization"
          autoComplete="organization"
          required
          maxLength={100}
          defaultValue={state.values.organization}
          aria-invalid={f.organization ? true : undefined}
          aria-describedby={describedBy('organization', 'organization-hint')}
          autoFocus
        />
        <p id="organization-hint" className="mt-1 text-xs text-ink-muted">
          Your company or store name. Once signed up, you can invite your team from Settings.
        </p>
        <FieldError id="organization-error">{f.organization}</FieldError>
      </div>
      <div>
        <Label htmlFor="email">Work email</Label>
        <Input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.values.email}
          aria-invalid={f.email ? true : undefined}
          aria-describedby={describedBy('email')}
        />
        <FieldError id="email-error">{f.email}</FieldError>
      </div>
      <div>
        <Label htmlFor="password">Password</Label>
        <Input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN}
          aria-invalid={f.password ? true : undefined}
          aria-describedby={describedBy('password', 'password-hint')}
        />
        <p id="password-hint" className="mt-1 text-xs text-ink-muted">
          At least {PASSWORD_MIN} characters.
        </p>
        <FieldError id="password-error">{f.password}</FieldError>
      </div>
      <SubmitButton pendingText="Creating account…">Create account</SubmitButton>
      <p className="text-center text-sm text-ink-muted">
        Already have an account?{' '}
        <Link href={next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in'} className="font-medium text-accent hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
