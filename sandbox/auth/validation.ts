// GoTrue's input checks, with its exact messages: the app shows these to people and branches on
// their codes, so the sandbox must not be more or less forgiving than production.
import { badRequest, GoTrueError } from './errors';

// checkmail's format rule, which GoTrue's validateEmail applies.
const EMAIL_FORMAT =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

/** The address GoTrue stores (lower-cased), or its `validation_failed` error. */
export function validateEmail(email: string): string {
  if (email === '') throw badRequest('validation_failed', 'An email address is required');
  if (email.length > 255) throw badRequest('validation_failed', 'An email address is too long');
  if (!EMAIL_FORMAT.test(email)) throw badRequest('validation_failed', 'Unable to validate email address: invalid format');
  return email.toLowerCase();
}

/** bcrypt's input limit, which GoTrue enforces whatever the hash. */
export const MAX_PASSWORD_BYTES = 72;

export interface WeakPassword {
  message: string;
  reasons: string[];
}

/** GoTrue measures length in bytes (Go's len), not characters. */
const byteLength = (s: string) => Buffer.byteLength(s, 'utf8');

/** Why a password is weak (GoTrue's reasons and message), or null. Too long is an error outright. */
export function passwordWeakness(password: string, minLength: number): WeakPassword | null {
  if (byteLength(password) > MAX_PASSWORD_BYTES) {
    throw badRequest('validation_failed', `Password cannot be longer than ${MAX_PASSWORD_BYTES} characters`);
  }
  if (byteLength(password) < minLength) {
    return { message: `Password should be at least ${minLength} characters.`, reasons: ['length'] };
  }
  return null;
}

export function assertStrongPassword(password: string, minLength: number): void {
  const weak = passwordWeakness(password, minLength);
  if (weak) throw new GoTrueError(422, 'weak_password', weak.message, weak.reasons);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (s: unknown): s is string => typeof s === 'string' && UUID.test(s);
