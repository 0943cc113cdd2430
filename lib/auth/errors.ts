// Supabase Auth errors as people should read them. Anything unrecognised gets a calm generic
// message: the raw error text can name internals and is logged (without the email) instead.
export type AuthFailure =
  | { kind: 'exists'; message: string }
  | { kind: 'field'; field: 'email' | 'password'; message: string }
  | { kind: 'form'; message: string };

interface AuthErrorLike {
  code?: string;
  status?: number;
  message?: string;
}

export function describeSignUpError(error: AuthErrorLike): AuthFailure {
  switch (error.code) {
    case 'user_already_exists':
    case 'email_exists':
      return { kind: 'exists', message: 'An account with this email already exists.' };
    case 'weak_password':
      return { kind: 'field', field: 'password', message: 'This password is too weak. Use at least 8 characters and avoid common passwords.' };
    case 'validation_failed':
    case 'email_address_invalid':
      return { kind: 'field', field: 'email', message: 'Enter a valid email address' };
    case 'signup_disabled':
      return { kind: 'form', message: 'Sign-ups are currently closed. Ask your organization owner to add you.' };
    case 'over_request_rate_limit':
    case 'over_email_send_rate_limit':
      return { kind: 'form', message: 'Too many attempts. Wait a minute and try again.' };
    default:
      return { kind: 'form', message: 'We could not create your account just now. Try again in a moment.' };
  }
}

export function describeSignInError(error: AuthErrorLike): AuthFailure {
  switch (error.code) {
    case 'invalid_credentials':
    case 'user_not_found':
      return { kind: 'form', message: 'Wrong email or password.' };
    case 'email_not_confirmed':
      return { kind: 'form', message: 'Confirm your email address first: follow the link in the email we sent you.' };
    case 'validation_failed':
      return { kind: 'field', field: 'email', message: 'Enter a valid email address' };
    case 'user_banned':
      return { kind: 'form', message: 'This account is disabled. Contact support.' };
    case 'over_request_rate_limit':
      return { kind: 'form', message: 'Too many attempts. Wait a minute and try again.' };
    default:
      // Older servers answer wrong credentials with a 400 and no code.
      if (error.status === 400 && /invalid login credentials/i.test(error.message ?? '')) {
        return { kind: 'form', message: 'Wrong email or password.' };
      }
      return { kind: 'form', message: 'We could not sign you in just now. Try again in a moment.' };
  }
}
