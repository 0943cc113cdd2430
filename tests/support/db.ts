// Integration tests run on every available backend: the embedded PGlite always, and the
// PostgreSQL server at DATABASE_URL when it is set (CI starts PostgreSQL 15). Each suite gets a
// fresh, migrated database of its own.
import crypto from 'node:crypto';
import { openDatabase, type Database } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';

export interface TestDatabase {
  database: Database;
  cleanup(): Promise<void>;
}

export interface Backend {
  name: 'pglite' | 'postgres';
  open(): Promise<TestDatabase>;
}

const pglite: Backend = {
  name: 'pglite',
  async open() {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database);
    return { database, cleanup: () => database.close() };
  },
};

function postgresBackend(url: string): Backend {
  return {
    name: 'postgres',
    async open() {
      const { default: postgres } = await import('postgres');
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      const name = `esm_test_${crypto.randomBytes(6).toString('hex')}`;
      await admin.unsafe(`create database ${name}`);
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${name}`;
      const database = await openDatabase({ databaseUrl: dbUrl.toString(), maxConnections: 8 });
      try {
        await migrate(database);
      } catch (e) {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
        throw e;
      }
      return {
        database,
        async cleanup() {
          await database.close();
          await admin.unsafe(`drop database if exists ${name} with (force)`);
          await admin.end();
        },
      };
    },
  };
}

export const backends: Backend[] = [pglite, ...(process.env.DATABASE_URL ? [postgresBackend(process.env.DATABASE_URL)] : [])];
