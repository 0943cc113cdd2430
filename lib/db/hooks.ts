// What runs once the process's database is open and migrated, before its first use. The embedded
// default registers the demo seed here from the server's bootstrap file (instrumentation-node.ts),
// so the database layer never imports the sandbox. Kept on globalThis: Next bundles the bootstrap
// and the routes separately, and they must see one registration.
import type { Database } from './connect';

export type OpenHook = (database: Database) => Promise<void>;

const KEY = Symbol.for('esm.database.open-hooks');
type Holder = { [KEY]?: OpenHook[] };

export function onDatabaseOpen(hook: OpenHook): void {
  const holder = globalThis as Holder;
  (holder[KEY] ??= []).push(hook);
}

export async function runOpenHooks(database: Database): Promise<void> {
  for (const hook of (globalThis as Holder)[KEY] ?? []) await hook(database);
}
