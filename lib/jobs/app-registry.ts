import 'server-only';
// The one place the application's job kinds are registered, and the tick that drains them.
// A feature adds its kinds here (handlers live in the feature: lib/sync/handlers.ts, …); the
// cron tick and "Sync now" both drain this registry, so there is one runner for everything.
import { serviceDatabase } from '@/lib/db';
import { log } from '@/lib/log';
import { appSyncDeps } from '@/lib/sync/app-deps';
import { registerSyncKinds } from '@/lib/sync/handlers';
import { registerLabelBatch } from '@/lib/shipping/batch';
import { registerDeliveryKinds } from '@/lib/delivery/jobs';
import { configuredShippo } from '@/lib/shipping/client';
import { Pacer, shippoPostsPerMinute } from '@/lib/shipping/pace';
import { config } from '@/lib/env';
import type { Tx } from '@/lib/db/connect';
import { appTrackingDeps, registerTrackingKinds } from '@/lib/tracking/app-deps';
import type { JobKind } from './kinds';
import { JobRegistry, type EnqueueOptions } from './registry';
import { drainJobs, type DrainOptions, type DrainResult } from './tick';

let registry: JobRegistry | undefined;

/** The application's registry, with every kind registered (built once per module instance). */
export function appJobs(): JobRegistry {
  // Label batches in this process share one pace, at the configured Shippo key's rate limit.
  const pace = () => new Pacer(shippoPostsPerMinute(config().marketplaces.shippo.apiKey));
  return (registry ??= registerTrackingKinds(
    registerDeliveryKinds(
      registerLabelBatch(registerSyncKinds(new JobRegistry(), appSyncDeps), () => configuredShippo(), pace()),
      { shippo: () => configuredShippo() },
    ),
    appTrackingDeps,
  ));
}

/** Enqueues a one-off job of one of the app's kinds (see JobRegistry.enqueue). */
export function enqueue<P extends Record<string, unknown>>(tx: Tx, kind: JobKind, o: EnqueueOptions<P>) {
  return appJobs().enqueue(tx, kind, o);
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
