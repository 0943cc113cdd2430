'use server';

import { redirect } from 'next/navigation';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { fieldErrors, formText, signUpSchema } from '@/lib/auth/forms';
import { describeSignUpError } from '@/lib/auth/errors';
import { safeNextPath } from '@/lib/auth/redirect';
import { log } from '@/lib/log';
import type { AuthFormState } from '../form-state';

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: formText(form, 'email').trim(), organization: formText(form, 'organization') };
  const parsed = signUpSchema.safeParse({
    email: formText(form, 'email'),
    password: formText(form, 'password'),
    organization: formText(form, 'organization'),
  });
  if (!parsed.success) return { values, fields: fieldErrors(parsed.error) };

  const supabase = await createSupabaseServerClient();
  // The database trigger on auth.users creates the organization (owner role) from this metadata.
  const { data, error } = await supabase.auth.signUp({
    email: parsed.data.email,
    password: parsed.data.password,
    options: { data: { organization_name: parsed.data.organization } },
  });
  if (error) {
    const failure = describeSignUpError(error);
    if (failure.kind === 'form') log.warn({ code: error.code, status: error.status }, 'sign-up failed');
    if (failure.kind === 'exists') return { values, error: failure.message, accountExists: true };
    if (failure.kind === 'field') return { values, fields: { [failure.field]: failure.message } };
    return { values, error: failure.message };
  }
  // With email confirmation switched on (a production Supabase setting) there is no session yet.
  if (!data.session) {
    return { values, info: 'Check your inbox: follow the link we sent to confirm your email, then sign in.' };
  }
  // Back to where sign-up was asked for (an invitation link), if that is a safe same-site path.
  redirect(safeNextPath(formText(form, 'next') || undefined));
}
