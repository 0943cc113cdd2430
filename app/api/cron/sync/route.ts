// Vercel Cron (and the embedded default's scheduler), every minute: the job runner's tick. It
// drains the due jobs of every registered kind (sync, and whatever is added to the app registry)
// until the time budget is spent.
import { runJobsTick } from '@/lib/jobs/app-registry';
import { cronRoute } from '@/lib/jobs/cron-route';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

export const GET = cronRoute('jobs', async () => {
  const result = await runJobsTick({ budgetMs: 50_000 });
  return { ran: result.ran.map((r) => ({ kind: r.kind, account: r.accountId, outcome: r.outcome })) };
});
