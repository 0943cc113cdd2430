// Builds the database handle: PGlite (file-backed, one process) when DATABASE_URL is unset,
// postgres.js otherwise (Supabase's transaction-mode pooler forbids prepared statements).
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { lockDataDir } from './lock';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** A transaction on the raw driver: multi-statement scripts and plain parameterized queries. */
export interface RawTx {
  exec(script: string): Promise<void>;
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
}

export interface Database {
  kind: 'pglite' | 'postgres';
  db: Db;
  rawTransaction<T>(fn: (tx: RawTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** postgres:// URL; unset opens PGlite. */
  databaseUrl?: string;
  /** PGlite data directory; 'memory://' for an in-memory database (tests). */
  dataDir?: string;
  maxConnections?: number;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts.maxConnections ?? 10) : openPglite(opts.dataDir ?? 'memory://');
}

async function openPglite(dataDir: string): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  // pg_trgm and btree_gin: the orders search's trigram indexes, keyed by organization
  // (PostgreSQL ships both as contrib extensions).
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const { btree_gin } = await import('@electric-sql/pglite/contrib/btree_gin');
  const { drizzle } = await import('drizzle-orm/pglite');
  const inMemory = dataDir.startsWith('memory://');
  const dir = inMemory ? dataDir : path.resolve(dataDir, 'pglite');
  const release = inMemory ? () => {} : lockDataDir(path.resolve(dataDir));
  let client: InstanceType<typeof PGlite>;
  try {
    client = await PGlite.create(dir, { extensions: { pg_trgm, btree_gin } });
  } catch (e) {
    release();
    throw e;
  }
  const db = drizzle({ client, schema }) as unknown as Db;
  return {
    kind: 'pglite',
    db,
    rawTransaction: (fn) =>
      client.transaction((tx) =>
        fn({
          exec: async (script) => void (await tx.exec(script)),
          query: async <T>(text: string, params?: unknown[]) => (await tx.query<T>(text, params)).rows,
        }),
      ),
    close: async () => {
      await client.close();
      release();
    },
  };
}

async function openPostgres(databaseUrl: string, max: number): Promise<Database> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const sql = postgres(databaseUrl, {
    max,
    prepare: false, // Supavisor transaction mode (port 6543) has no prepared statements
    onnotice: () => {},
    connection: { application_name: 'esm' },
    idle_timeout: 30,
  });
  const db = drizzle({ client: sql, schema }) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    rawTransaction: (fn) =>
      sql.begin((t) =>
        fn({
          exec: async (script) => void (await t.unsafe(script)),
          query: async <T>(text: string, params?: unknown[]) =>
            (await t.unsafe(text, (params ?? []) as never[])) as unknown as T[],
        }),
      ) as Promise<Awaited<ReturnType<typeof fn>>>,
    close: () => sql.end({ timeout: 5 }),
  };
}

/** Rows of a drizzle `execute()` result: an array on postgres.js, `{ rows }` on PGlite. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The SQLSTATE of a database error, wherever the driver or drizzle put it. */
export function pgErrorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}
