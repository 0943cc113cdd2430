'use server';

import { redirect } from 'next/navigation';
import { createSupabaseServerClient } from '@/lib/supabase/server';
import { formText, signUpSchema } from '@/lib/auth/forms';
import { describeSignUpError } from '@/lib/auth/errors';
import { safeNextPath } from '@/lib/auth/redirect';
import { runAction } from '@/lib/actions';
import { log } from '@/lib/log';
import type { AuthFormState } from '../form-state';

const UNAVAILABLE = 'We could not create your account just now. Try again in a moment.';

export async function signUpAction(_prev: AuthFormState, form: FormData): Promise<AuthFormState> {
  const values = { email: formText(form, 'email').trim(), organization: formText(form, 'organization') };
  const r = await runAction(
    {
      name: 'auth.sign-up',
      schema: signUpSchema,
      anonymous: true,
      run: async ({ input }) => {
        const supabase = await createSupabaseServerClient();
        // The database trigger on auth.users creates the organization (owner role) from this metadata.
        return supabase.auth.signUp({
          email: input.email,
          password: input.password,
          options: { data: { organization_name: input.organization } },
        });
      },
      messages: { failed: UNAVAILABLE },
    },
    { email: formText(form, 'email'), password: formText(form, 'password'), organization: formText(form, 'organization') },
  );
  if (!r.ok) return r.kind === 'invalid' ? { values, fields: r.fields } : { values, error: r.message };
  const { data, error } = r.value;
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
