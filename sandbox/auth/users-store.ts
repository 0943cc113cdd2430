// auth.users, read and written with plain SQL inside the caller's transaction. Timestamps come
// from the handler's clock, never from now(), so a simulated clock stays consistent everywhere.
import type { RawTx } from '@/lib/db/connect';

export type Json = Record<string, unknown>;

export interface UserRow {
  id: string;
  aud: string | null;
  role: string | null;
  email: string | null;
  encrypted_password: string | null;
  email_confirmed_at: Date | null;
  last_sign_in_at: Date | null;
  raw_app_meta_data: Json | null;
  raw_user_meta_data: Json | null;
  created_at: Date | null;
  updated_at: Date | null;
  phone: string | null;
  banned_until: Date | null;
  is_anonymous: boolean;
}

const COLUMNS = `id::text as id, aud, role, email, encrypted_password, email_confirmed_at, last_sign_in_at,
  raw_app_meta_data, raw_user_meta_data, created_at, updated_at, phone, banned_until, is_anonymous`;

// Soft-deleted users (deleted_at set) are gone as far as signing in is concerned, as in GoTrue.
export async function findUserByEmail(tx: RawTx, email: string): Promise<UserRow | null> {
  const [row] = await tx.query<UserRow>(
    `select ${COLUMNS} from auth.users where lower(email) = lower($1) and deleted_at is null limit 1`,
    [email],
  );
  return row ?? null;
}

export async function findUserById(tx: RawTx, id: string, forUpdate = false): Promise<UserRow | null> {
  const [row] = await tx.query<UserRow>(
    `select ${COLUMNS} from auth.users where id = $1::uuid and deleted_at is null${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return row ?? null;
}

export interface NewUser {
  id: string;
  email: string;
  passwordHash: string;
  /** Sign-up `data`: becomes raw_user_meta_data, which the organization trigger reads. */
  userMetadata: Json;
  at: Date;
}

/** Inserts a confirmed email user (mailer autoconfirm is on) and returns the stored row. */
export async function insertUser(tx: RawTx, u: NewUser): Promise<UserRow> {
  const [row] = await tx.query<UserRow>(
    `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
       raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
     values ('00000000-0000-0000-0000-000000000000', $1::uuid, 'authenticated', 'authenticated', $2, $3,
       $4::timestamptz, $5::jsonb, $6::jsonb, $4::timestamptz, $4::timestamptz, false)
     returning ${COLUMNS}`,
    [
      u.id,
      u.email,
      u.passwordHash,
      u.at.toISOString(),
      JSON.stringify({ provider: 'email', providers: ['email'] }),
      JSON.stringify(u.userMetadata),
    ],
  );
  return row;
}

export async function recordSignIn(tx: RawTx, id: string, at: Date): Promise<UserRow> {
  const [row] = await tx.query<UserRow>(
    `update auth.users set last_sign_in_at = $2::timestamptz, updated_at = $2::timestamptz where id = $1::uuid returning ${COLUMNS}`,
    [id, at.toISOString()],
  );
  return row;
}

export async function setPassword(tx: RawTx, id: string, passwordHash: string, at: Date): Promise<void> {
  await tx.query(`update auth.users set encrypted_password = $2, updated_at = $3::timestamptz where id = $1::uuid`, [
    id,
    passwordHash,
    at.toISOString(),
  ]);
}

export async function setUserMetadata(tx: RawTx, id: string, metadata: Json, at: Date): Promise<void> {
  await tx.query(`update auth.users set raw_user_meta_data = $2::jsonb, updated_at = $3::timestamptz where id = $1::uuid`, [
    id,
    JSON.stringify(metadata),
    at.toISOString(),
  ]);
}

export function isBanned(user: UserRow, now: Date): boolean {
  return user.banned_until !== null && new Date(user.banned_until).getTime() > now.getTime();
}
