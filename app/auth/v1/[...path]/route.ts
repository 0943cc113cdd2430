// Mount point of the sandbox Supabase Auth stand-in (embedded default only). With production
// configuration present this route answers 404 and never loads the sandbox.
import { config } from '@/lib/env';
import { getDatabase } from '@/lib/db';

export const dynamic = 'force-dynamic';

type Handler = (req: Request) => Promise<Response>;
const KEY = Symbol.for('esm.sandbox-auth');

async function handler(): Promise<Handler> {
  const holder = globalThis as { [KEY]?: Promise<Handler> };
  holder[KEY] ??= (async () => {
    const cfg = config();
    const { createAuthHandler } = await import('@/sandbox/auth');
    return createAuthHandler({ database: await getDatabase(), issuerUrl: cfg.supabaseUrl, anonKey: cfg.supabaseAnonKey });
  })();
  return holder[KEY];
}

async function handle(req: Request): Promise<Response> {
  if (!config().sandbox) return new Response('Not Found', { status: 404 });
  return (await handler())(req);
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as PATCH };
