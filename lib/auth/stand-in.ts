import 'server-only';
// The mount of the sandbox Supabase Auth stand-in (embedded default only). The server's bootstrap
// file registers the stand-in's factory when configuration allows sandbox services; with
// production configuration nothing is registered and the mount answers 404.
import { serviceConnection, type Database } from '@/lib/db';

export type AuthHandler = (req: Request) => Promise<Response>;
export type AuthHandlerFactory = (database: Database) => AuthHandler;

const FACTORY = Symbol.for('esm.auth-stand-in.factory');
const HANDLER = Symbol.for('esm.auth-stand-in.handler');
type Holder = { [FACTORY]?: AuthHandlerFactory; [HANDLER]?: Promise<AuthHandler> };

export function registerAuthStandIn(factory: AuthHandlerFactory): void {
  (globalThis as Holder)[FACTORY] = factory;
}

/** The stand-in's handler, or null when none is registered (production). */
export async function authStandIn(): Promise<AuthHandler | null> {
  const holder = globalThis as Holder;
  const factory = holder[FACTORY];
  if (!factory) return null;
  holder[HANDLER] ??= serviceConnection('auth-sandbox').then(factory);
  return holder[HANDLER];
}
