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
    // Both for this transaction only (set_config('role', …, true) is SET LOCAL ROLE, with the same
    // membership check).
    const raw = postgresJsClient(tx);
    if (!raw) {
      await tx.execute(sql`select set_config('request.jwt.claims', ${payload}, true), set_config('role', 'authenticated', true)`);
      return fn(tx);
    }
    // On postgres.js, started now and not waited for. postgres.js hands a transaction's
    // statements to its connection in the order they are started (each one microtask after its
    // start), and the connection runs them in that order: every statement fn issues runs after
    // this one, as `authenticated` with the claims, and this one goes out in the same round trip
    // as fn's first ones. Should it fail, the transaction is aborted and fn's statements fail with
    // it; its own error is the one raised.
    const claimed = raw.unsafe(CLAIMS, [payload]).execute().then(() => undefined);
    claimed.catch(() => {}); // awaited below, on either path
    try {
      return await fn(tx);
    } finally {
      await claimed; // its error, if any, replaces fn's
    }
  });
}

const CLAIMS = `select set_config('request.jwt.claims', $1, true), set_config('role', 'authenticated', true)`;

interface PostgresJsTx {
  unsafe(query: string, params: unknown[]): { execute(): Promise<unknown> };
}

/**
 * The postgres.js transaction under a Drizzle one (drizzle-orm/postgres-js keeps it as
 * `session.client`), or null on another driver (PGlite, whose statements cost no round trip).
 */
function postgresJsClient(tx: Tx): PostgresJsTx | null {
  const client = (tx as unknown as { session?: { client?: Partial<PostgresJsTx> & { savepoint?: unknown } } }).session?.client;
  return client && typeof client.unsafe === 'function' && typeof client.savepoint === 'function' ? (client as PostgresJsTx) : null;
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
