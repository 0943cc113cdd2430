// `npm run report -- <name> --org <id or name> …`: a report as CSV or JSON on stdout, read from
// DATABASE_URL or, when it is unset, the embedded database (only while the app is not running:
// the embedded database takes a lock). Exit codes: 0 done, 2 bad input, 1 anything else.
import path from 'node:path';
import { openDatabase, type Database } from '@/lib/db/connect';
import { DatabaseLockedError } from '@/lib/db/lock';
import { migrate } from '@/lib/db/migrate';
import { parseCliArgs, runCli, UsageError, USAGE } from '@/lib/reports/cli';

async function main(): Promise<number> {
  let args;
  try {
    args = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const dataDir = path.resolve(process.env.ESM_DATA_DIR ?? '.data');
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl, dataDir, maxConnections: 2 });
  } catch (e) {
    if (e instanceof DatabaseLockedError) {
      console.error(e.message); // says the app is running on it, and what to do
      return 1;
    }
    throw e;
  }
  try {
    if (!databaseUrl) await migrate(database); // as the app does when it opens the embedded database
    const { text } = await runCli(database.db, args);
    process.stdout.write(text);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(e.message);
      return 2;
    }
    const cause = (e as { cause?: unknown }).cause;
    console.error(`The report failed: ${cause instanceof Error ? cause.message : (e as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
