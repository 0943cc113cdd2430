// What the sign-in and sign-up forms accept, checked before anything is sent to Supabase Auth.
import { z } from 'zod';

export const PASSWORD_MIN = 8;

const email = z
  .string({ error: 'Enter a valid email address' })
  .trim()
  .toLowerCase()
  .max(254, 'Enter a valid email address')
  .pipe(z.email({ error: 'Enter a valid email address' }));

export const signUpSchema = z.object({
  email,
  password: z
    .string({ error: `Password must be at least ${PASSWORD_MIN} characters` })
    .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
    .max(72, 'Password must be at most 72 characters'),
  organization: z
    .string({ error: 'Enter your organization name' })
    .trim()
    .min(1, 'Enter your organization name')
    .max(100, 'Organization name must be at most 100 characters'),
});

export const signInSchema = z.object({
  email,
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(1000, 'Wrong email or password.'),
  next: z.string().optional(),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
export type SignInInput = z.infer<typeof signInSchema>;

/** First message per field, for showing under each input. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

export function formText(form: FormData, name: string): string {
  // An action can be called with anything at all, not only the form it expects.
  if (!(form instanceof FormData)) return '';
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}
