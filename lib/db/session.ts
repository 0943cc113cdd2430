// The two ways code touches the database. For a person: one transaction as role `authenticated`
// with the verified JWT claims set, so Postgres itself enforces row-level security. For the
// system (sync, retention, eBay deletion): the connection's own role, named with a reason, and
// the caller filters by tenant itself.
import { sql } from 'drizzle-orm';
import type { Db, Tx } from './connect';

export interface Claims {
  sub: string;
  email?: string;
  role?: string;
  [key: string]: unknown;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function runAsUser<T>(db: Db, claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!claims || typeof claims.sub !== 'string' || !UUID.test(claims.sub)) {
    throw new Error('runAsUser needs verified claims with a user id (sub)');
  }
  const payload = JSON.stringify({ ...claims, role: 'authenticated' });
  return db.transaction(async (tx) => {
    // Both for this transaction only, in one round trip (set_config('role', …, true) is SET LOCAL
    // ROLE, with the same membership check).
    await tx.execute(sql`select set_config('request.jwt.claims', ${payload}, true), set_config('role', 'authenticated', true)`);
    return fn(tx);
  });
}

export type ServiceReason =
  | 'sign-up'
  | 'seed'
  | 'sync'
  | 'jobs'
  | 'connect-account'
  | 'credentials'
  | 'auth-sandbox'
  | 'anonymize'
  | 'ebay-account-deletion'
  | 'report-cli'
  | 'health'
  | 'shipping'
  | 'tests';

export async function runAsService<T>(db: Db, reason: ServiceReason, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (!reason) throw new Error('runAsService needs a reason');
  return db.transaction(fn);
}
