import 'server-only';
// The process's one database handle: opened lazily on first use (never by `next build`), kept on
// globalThis so module reloads in development do not open PGlite twice.
import { config } from '@/lib/env';
import { openDatabase, type Database, type Tx } from './connect';
import { runOpenHooks } from './hooks';
import { migrate } from './migrate';
import { runAsService, runAsUser, type Claims, type ServiceReason } from './session';

export type { Database, Db, Tx } from './connect';
export type { Claims, ServiceReason } from './session';
export { rowsOf, pgErrorCode } from './connect';
export { onDatabaseOpen } from './hooks';

const KEY = Symbol.for('esm.database');
type Holder = { [KEY]?: Promise<Database> };

async function open(): Promise<Database> {
  const cfg = config();
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    // Production applies migrations with `supabase db push` or `npm run db:migrate`.
    if (!cfg.production) await migrate(database);
    await runOpenHooks(database);
  } catch (e) {
    await database.close().catch(() => {});
    throw e;
  }
  return database;
}

export function getDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    holder[KEY] = open();
    holder[KEY].catch(() => {
      delete holder[KEY]; // let the next request try again (e.g. after the other process stopped)
    });
  }
  return holder[KEY];
}

export async function withUser<T>(claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const { db } = await getDatabase();
  return runAsUser(db, claims, fn);
}

export async function asService<T>(reason: ServiceReason, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const { db } = await getDatabase();
  return runAsService(db, reason, fn);
}

/**
 * System work that spans several transactions (a job's run): the connection itself, named with
 * a reason like asService. Together the two are the service path: every RLS bypass goes through
 * one of them.
 */
export async function serviceDatabase(reason: ServiceReason): Promise<Database['db']> {
  if (!reason) throw new Error('serviceDatabase needs a reason');
  return (await getDatabase()).db;
}

/**
 * The process's database handle itself, for the one piece of system code that needs the driver
 * rather than queries: the embedded default's Supabase Auth stand-in (it is Supabase Auth, which
 * works outside RLS by nature). Named with a reason like the rest of the service path.
 */
export async function serviceConnection(reason: ServiceReason): Promise<Database> {
  if (!reason) throw new Error('serviceConnection needs a reason');
  return getDatabase();
}
