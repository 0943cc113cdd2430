'use server';

import { redirect } from 'next/navigation';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { formText, signInSchema } from '@/lib/auth/forms';
import { describeSignInError } from '@/lib/auth/errors';
import { safeNextPath } from '@/lib/auth/redirect';
import { runAction } from '@/lib/actions';
import { log } from '@/lib/log';
import type { AuthFormState } from '../form-state';

const UNAVAILABLE = 'We could not sign you in just now. Try again in a moment.';

export async function signInAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: formText(form, 'email').trim() };
  const r = await runAction(
    {
      name: 'auth.sign-in',
      schema: signInSchema,
      anonymous: true,
      run: async ({ input }) => {
        const supabase = await createSupabaseServerClient();
        const { error } = await supabase.auth.signInWithPassword({ email: input.email, password: input.password });
        return { error };
      },
      messages: { failed: UNAVAILABLE },
    },
    { email: formText(form, 'email'), password: formText(form, 'password'), next: formText(form, 'next') || undefined },
  );
  if (!r.ok) return r.kind === 'invalid' ? { values, fields: r.fields } : { values, error: r.message };
  const { error } = r.value;
  if (error) {
    const failure = describeSignInError(error);
    if (failure.kind === 'form' && failure.message !== 'Wrong email or password.') {
      log.warn({ code: error.code, status: error.status }, 'sign-in failed');
    }
    return failure.kind === 'field' ? { values, fields: { [failure.field]: failure.message } } : { values, error: failure.message };
  }
  redirect(safeNextPath(r.input.next));
}
