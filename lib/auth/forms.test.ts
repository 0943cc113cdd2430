import { describe, expect, it } from 'vitest';
import { fieldErrors, signInSchema, signUpSchema } from './forms';
import { describeSignInError, describeSignUpError } from './errors';

describe('sign-up validation', () => {
  it('accepts a good form and normalises the email', () => {
    const r = signUpSchema.safeParse({ email: ' Ann@Example.COM ', password: 'longenough', organization: ' Acme ' });
    expect(r.success && r.data).toEqual({ email: 'ann@example.com', password: 'longenough', organization: 'Acme' });
  });

  it('names each bad field with a clear message', () => {
    const r = signUpSchema.safeParse({ email: 'not-an-email', password: 'short', organization: '   ' });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(fieldErrors(r.error)).toEqual({
      email: 'Enter a valid email address',
      password: 'Password must be at least 8 characters',
      organization: 'Enter your organization name',
    });
  });

  it('limits the organization name to 100 characters', () => {
    const r = signUpSchema.safeParse({ email: 'a@b.co', password: 'longenough', organization: 'x'.repeat(101) });
    expect(r.success).toBe(false);
  });

  it('sign-in needs an email and a password', () => {
    const r = signInSchema.safeParse({ email: 'a@b.co', password: '' });
    expect(r.success).toBe(false);
  });
});

describe('auth error messages', () => {
  it('maps Supabase codes', () => {
    expect(describeSignUpError({ code: 'user_already_exists' }).kind).toBe('exists');
    expect(describeSignUpError({ code: 'weak_password' })).toMatchObject({ kind: 'field', field: 'password' });
    expect(describeSignUpError({ code: 'validation_failed' })).toMatchObject({ field: 'email', message: 'Enter a valid email address' });
    expect(describeSignInError({ code: 'invalid_credentials' }).message).toBe('Wrong email or password.');
    expect(describeSignInError({ code: 'something_new' }).message).not.toMatch(/something_new/);
  });
});
