'use server';

import { redirect } from 'next/navigation';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { fieldErrors, formText, signInSchema } from '@/lib/auth/forms';
import { describeSignInError } from '@/lib/auth/errors';
import { safeNextPath } from '@/lib/auth/redirect';
import { log } from '@/lib/log';
import type { AuthFormState } from '../form-state';

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: formText(form, 'email').trim() };
  const parsed = signInSchema.safeParse({
    email: formText(form, 'email'),
    password: formText(form, 'password'),
    next: formText(form, 'next') || undefined,
  });
  if (!parsed.success) return { values, fields: fieldErrors(parsed.error) };

  const supabase = await createSupabaseServerClient();
  const { error } = await supabase.auth.signInWithPassword({ email: parsed.data.email, password: parsed.data.password });
  if (error) {
    const failure = describeSignInError(error);
    if (failure.kind === 'form' && failure.message !== 'Wrong email or password.') {
      log.warn({ code: error.code, status: error.status }, 'sign-in failed');
    }
    return failure.kind === 'field' ? { values, fields: { [failure.field]: failure.message } } : { values, error: failure.message };
  }
  redirect(safeNextPath(parsed.data.next));
}
