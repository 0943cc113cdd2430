import 'server-only';
// The one place the application's job kinds are registered, and the tick that drains them.
// A feature adds its kinds here (handlers live in the feature: lib/sync/handlers.ts, …); the
// cron tick and "Sync now" both drain this registry, so there is one runner for everything.
import { serviceDatabase } from '@/lib/db';
import { log } from '@/lib/log';
import { appSyncDeps } from '@/lib/sync/app-deps';
import { registerSyncKinds } from '@/lib/sync/handlers';
import { jobRegistry, type JobRegistry } from './registry';
import { drainJobs, type DrainOptions, type DrainResult } from './tick';

/** The application's registry, with every kind registered (once per module instance). */
export function appJobs(): JobRegistry {
  if (!jobRegistry.get('sync_orders')) registerSyncKinds(jobRegistry, appSyncDeps);
  return jobRegistry;
}

/** One tick of the cron route: every registered kind's due jobs, until the time budget is spent. */
export async function runJobsTick(o: Pick<DrainOptions, 'budgetMs'> = {}): Promise<DrainResult> {
  return drainJobs({
    db: await serviceDatabase('jobs'),
    registry: appJobs(),
    budgetMs: o.budgetMs,
    trigger: 'schedule',
    // A handler that threw (one that records its own failures, like sync, does not get here).
    onError: (job, e) => log.error({ jobId: job.id, kind: job.kind, err: { name: (e as Error)?.name } }, 'job failed'),
  });
}
