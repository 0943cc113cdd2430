// `npm run db:migrate`: applies the bootstrap (outside Supabase) and pending migrations to
// DATABASE_URL, or to the embedded database when it is unset. Safe to run twice.
import { loadConfig, ConfigError } from '@/lib/env';
import { openDatabase } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';

try {
  const cfg = loadConfig();
  const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    const result = await migrate(database);
    console.log(
      `${cfg.databaseUrl ? 'PostgreSQL' : `Embedded database (${cfg.dataDir})`}: ` +
        (result.applied.length ? `applied ${result.applied.join(', ')}` : 'already up to date') +
        (result.bootstrapped ? ' (Supabase stand-in bootstrap ensured)' : ''),
    );
  } finally {
    await database.close();
  }
} catch (e) {
  console.error(e instanceof ConfigError ? e.message : `Migration failed: ${(e as Error).message}`);
  process.exit(1);
}
