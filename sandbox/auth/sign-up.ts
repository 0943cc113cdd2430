// POST /signup and the seed's createSandboxUser share one path: validate like GoTrue, hash outside
// the transaction, then insert into auth.users. The organization trigger on auth.users runs in that
// same transaction, so a user never exists without a home organization.
import { randomUUID } from 'node:crypto';
import { pgErrorCode, type Database, type RawTx } from '@/lib/db/connect';
import type { Clock } from '@/sandbox/core/clock';
import type { AuthContext } from './context';
import { badRequest, unprocessable } from './errors';
import { readJsonBody, sendJson, stringField, type JsonBody } from './http';
import { DEFAULT_SCRYPT_LOG_N, hashPassword } from './passwords';
import { startSession } from './tokens';
import { findUserByEmail, insertUser, type Json, type UserRow } from './users-store';
import { assertStrongPassword, validateEmail } from './validation';

export interface Registration {
  email: string;
  password: string;
  /** supabase-js `options.data`: stored as raw_user_meta_data (e.g. `organization_name`). */
  data?: Json;
}

interface RegistrationSettings {
  database: Database;
  now(): Date;
  minPasswordLength: number;
  passwordHashLogN: number;
}

type Outcome<T> = { created: true; user: UserRow; result: T } | { created: false; user: UserRow };

async function registerUser<T>(
  s: RegistrationSettings,
  input: Registration,
  afterInsert: (tx: RawTx, user: UserRow) => Promise<T>,
): Promise<Outcome<T>> {
  if (!input.password) throw badRequest('validation_failed', 'Signup requires a valid password');
  assertStrongPassword(input.password, s.minPasswordLength);
  const email = validateEmail(input.email);
  const passwordHash = await hashPassword(input.password, s.passwordHashLogN);
  try {
    return await s.database.rawTransaction(async (tx): Promise<Outcome<T>> => {
      const existing = await findUserByEmail(tx, email);
      if (existing) return { created: false, user: existing };
      const user = await insertUser(tx, { id: randomUUID(), email, passwordHash, userMetadata: input.data ?? {}, at: s.now() });
      return { created: true, user, result: await afterInsert(tx, user) };
    });
  } catch (e) {
    // Two sign-ups for one address raced past the lookup; the unique index decided.
    if (pgErrorCode(e) !== '23505') throw e;
    const winner = await s.database.rawTransaction((tx) => findUserByEmail(tx, email));
    if (!winner) throw e;
    return { created: false, user: winner };
  }
}

function metadataField(body: JsonBody): Json {
  const data = body.data;
  if (data === undefined || data === null) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw badRequest('bad_json', 'Could not parse request body as JSON: data must be an object');
  }
  return data as Json;
}

/** POST /signup. Email confirmations are off (mailer autoconfirm), so it answers with a session. */
export async function signUpEndpoint(ctx: AuthContext, req: Request): Promise<Response> {
  const body = await readJsonBody(req);
  const email = stringField(body, 'email');
  const phone = stringField(body, 'phone');
  if (!email && !phone) throw unprocessable('anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  if (email && phone) {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on signup.');
  }
  if (!email) throw badRequest('phone_provider_disabled', 'Phone signups are disabled');
  const outcome = await registerUser(ctx, { email, password: stringField(body, 'password'), data: metadataField(body) }, (tx, user) =>
    startSession(ctx, tx, user),
  );
  if (!outcome.created) throw unprocessable('user_already_exists', 'User already registered');
  return sendJson(outcome.result);
}

export interface SandboxUserOptions {
  clock?: Clock;
  minPasswordLength?: number;
  passwordHashLogN?: number;
}

/**
 * Creates a confirmed email user exactly as sign-up does (same checks, same trigger) and returns
 * its id; an address that is already registered returns the existing id untouched. For seeds.
 * Invalid input throws the GoTrueError sign-up would have answered with.
 */
export async function createSandboxUser(database: Database, input: Registration, opts: SandboxUserOptions = {}): Promise<string> {
  const clock = opts.clock ?? { now: () => Date.now() };
  const outcome = await registerUser(
    {
      database,
      now: () => new Date(clock.now()),
      minPasswordLength: opts.minPasswordLength ?? 8,
      passwordHashLogN: opts.passwordHashLogN ?? DEFAULT_SCRYPT_LOG_N,
    },
    input,
    async () => undefined,
  );
  return outcome.user.id;
}
