// Mount point of the sandbox Supabase Auth stand-in (embedded default only). With production
// configuration present this route answers 404 and never touches the sandbox or the database.
import { config } from '@/lib/env';
import { authStandIn } from '@/lib/auth/stand-in';

export const dynamic = 'force-dynamic';

async function handle(req: Request): Promise<Response> {
  if (!config().sandbox) return new Response('Not Found', { status: 404 });
  const handler = await authStandIn();
  return handler ? handler(req) : new Response('Not Found', { status: 404 });
}

export { handle as GET, handle as POST, handle as PUT, handle as DELETE, handle as PATCH };
