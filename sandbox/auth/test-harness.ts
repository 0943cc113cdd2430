// Test support: a freshly migrated in-memory database and the stand-in served over real HTTP, so
// the tests drive it with the real supabase-js exactly as the application does.
import net from 'node:net';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { openDatabase, type Database } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { SimClock } from '@/sandbox/core/clock';
import { startService, type RunningService } from '@/sandbox/core/server';
import type { AuthHandlerOptions } from './handler';
import { AuthSandboxService } from './service';

export const TEST_ANON_KEY = 'sandbox-anon-key-for-tests-0000';
/** Cheap hashes: the cost travels in the hash, so verification logic is the same as production's. */
export const TEST_HASH_LOG_N = 10;

export async function openMigratedDatabase(): Promise<Database> {
  const database = await openDatabase({ dataDir: 'memory://' });
  await migrate(database);
  return database;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface AuthServer {
  url: string;
  service: AuthSandboxService;
  clock: SimClock;
  close(): Promise<void>;
}

export async function startAuthServer(
  database: Database,
  opts: Partial<Omit<AuthHandlerOptions, 'database' | 'clock'>> & { clock?: SimClock } = {},
): Promise<AuthServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const clock = opts.clock ?? new SimClock();
  const service = new AuthSandboxService(
    { anonKey: TEST_ANON_KEY, issuerUrl: url, passwordHashLogN: TEST_HASH_LOG_N, ...opts, database },
    clock,
  );
  const running: RunningService = await startService(service, { port });
  return { url: running.url, service, clock, close: () => running.close() };
}

/** A supabase-js client with its session in memory only, as a server-side script would use it. */
export function supabaseFor(server: { url: string }, anonKey = TEST_ANON_KEY): SupabaseClient {
  return createClient(server.url, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

let counter = 0;
/** A unique, valid address per call, so tests never collide on the unique email index. */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}.${process.pid}.${counter}.${Date.now().toString(36)}@example.com`;
}
