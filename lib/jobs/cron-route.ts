import 'server-only';
// The one wrapper for cron routes (each listed in vercel.json): the constant-time Bearer
// CRON_SECRET check before anything runs, a JSON answer, and an internal error that is logged by
// type only and answered without its message.
import { isCronAuthorized } from '@/lib/cron-auth';
import { log } from '@/lib/log';

export function cronRoute<T>(name: string, run: (req: Request) => Promise<T>): (req: Request) => Promise<Response> {
  return async (req) => {
    if (!isCronAuthorized(req)) return Response.json({ error: 'unauthorized' }, { status: 401 });
    try {
      return Response.json(await run(req));
    } catch (e) {
      log.error({ cron: name, err: { name: (e as Error)?.name } }, 'cron route failed');
      return Response.json({ error: 'internal error' }, { status: 500 });
    }
  };
}
