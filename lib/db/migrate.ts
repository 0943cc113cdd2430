// Applies the schema: the Supabase stand-in bootstrap (only where the server is not Supabase),
// then supabase/migrations/*.sql in order, each recorded in supabase_migrations.schema_migrations
// (the table the Supabase CLI uses, so `supabase db push` and this runner agree). All in one
// transaction under an advisory lock: concurrent starts wait, a failure leaves nothing half-done.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from './connect';

export interface MigrateResult {
  bootstrapped: boolean;
  applied: string[];
}

export interface MigrateOptions {
  rootDir?: string;
}

const LOCK_KEY = 72_620_011;

function sqlFiles(dir: string): { version: string; name: string; text: string }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => {
      const m = /^(\d+)_(.+)\.sql$/.exec(f);
      if (!m) throw new Error(`Migration file name must be <version>_<name>.sql: ${f}`);
      return { version: m[1], name: m[2], text: fs.readFileSync(path.join(dir, f), 'utf8') };
    });
}

export async function migrate(database: Database, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const root = opts.rootDir ?? process.cwd();
  const migrations = sqlFiles(path.join(root, 'supabase', 'migrations'));
  const bootstrap = fs.readFileSync(path.join(root, 'supabase', 'bootstrap', 'supabase-stand-in.sql'), 'utf8');

  return database.rawTransaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    const [{ supabase }] = await tx.query<{ supabase: boolean }>(
      "select exists (select 1 from pg_roles where rolname = 'supabase_admin') as supabase",
    );
    if (!supabase) await tx.exec(bootstrap);
    await tx.exec(`
      create schema if not exists supabase_migrations;
      create table if not exists supabase_migrations.schema_migrations (
        version text primary key, statements text[], name text
      );`);
    const done = new Set(
      (await tx.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).map((r) => r.version),
    );
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      try {
        await tx.exec(m.text);
      } catch (e) {
        throw new Error(`Migration ${m.version}_${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
      await tx.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
        m.version,
        m.name,
        [m.text],
      ]);
      applied.push(`${m.version}_${m.name}`);
    }
    return { bootstrapped: !supabase, applied };
  });
}
