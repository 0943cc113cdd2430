// Vercel Cron (and the embedded default's scheduler): run due lib/jobs work until the time
// budget. Today that is label batches; other kinds join by registering with the job registry.
import { serviceDatabase } from '@/lib/db';
import { cronRoute } from '@/lib/jobs/cron-route';
import { drainJobs } from '@/lib/jobs/tick';
import { log } from '@/lib/log';
import { jobRegistry } from '@/lib/shipping/batch-kind';

export const dynamic = 'force-dynamic';
export const maxDuration = 60;

export const GET = cronRoute('jobs', async () => {
  const result = await drainJobs({
    db: await serviceDatabase('jobs'),
    registry: jobRegistry,
    kinds: ['label_batch'],
    budgetMs: 50_000,
    onError: (job, e) => log.error({ job: job.id, kind: job.kind, err: { name: (e as Error)?.name } }, 'job failed'),
  });
  return { ran: result.ran.map((r) => ({ kind: r.kind, outcome: r.outcome })) };
});
