// Vercel Cron (and the embedded default's scheduler): sync due accounts until the time budget.
import { isCronAuthorized } from '@/lib/cron-auth';
import { runSyncTick } from '@/lib/sync/tick';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

export async function GET(req: Request): Promise<Response> {
  if (!isCronAuthorized(req)) return Response.json({ error: 'unauthorized' }, { status: 401 });
  const result = await runSyncTick({ budgetMs: 50_000, trigger: 'schedule' });
  return Response.json({ ran: result.ran.map((r) => ({ kind: r.kind, account: r.accountId, outcome: r.outcome })) });
}
