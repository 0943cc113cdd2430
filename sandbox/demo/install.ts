// What the embedded default adds to the app process: the Supabase Auth stand-in behind its mount
// and the demo seller's data once the database is open. Called only from the server's bootstrap
// file (instrumentation-node.ts), and only when configuration allows sandbox services.
import { onDatabaseOpen } from '@/lib/db';
import { registerAuthStandIn } from '@/lib/auth/stand-in';
import { config } from '@/lib/env';
import { createAuthHandler } from '@/sandbox/auth';
import { ensureSandboxData } from './seed';
import { subscribeInBackground } from './shippo-webhook';

export function installSandbox(): void {
  const cfg = config();
  if (!cfg.sandbox) throw new Error('sandbox services are not allowed with production configuration');
  registerAuthStandIn((database) => createAuthHandler({ database, issuerUrl: cfg.supabaseUrl, anonKey: cfg.supabaseAnonKey }));
  onDatabaseOpen(ensureSandboxData);
  // Shippo tells the app when packages move (track_updated → /api/shippo/track).
  subscribeInBackground();
}
