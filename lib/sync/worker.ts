// Sync jobs drained by the job runner (lib/jobs) with a connector of the caller's choosing, in a
// registry of their own: what tests, benchmarks and test worker processes run. The app's ticks
// use the app registry (lib/jobs/app-registry.ts) with the same handlers.
import type { Db } from '@/lib/db/connect';
import { JobRegistry, type AccountJob, type JobTrigger } from '@/lib/jobs/registry';
import { drainJobs, type DrainResult } from '@/lib/jobs/tick';
import type { Connector } from '@/lib/marketplaces/types';
import { registerSyncKinds, SYNC_KINDS, type SyncDeps, type SyncKind } from './handlers';

export interface TickOptions {
  db: Db;
  connectorFor(job: AccountJob): Promise<Connector>;
  budgetMs?: number;
  leaseMs?: number;
  now?: () => number;
  trigger?: JobTrigger;
  kinds?: SyncKind[];
  accountId?: string;
  lookbackMs?: number;
  onError?: SyncDeps['onError'];
}

export type TickResult = DrainResult;

export async function runDueJobs(o: TickOptions): Promise<TickResult> {
  const registry = registerSyncKinds(new JobRegistry(), {
    connectorFor: (_db, job) => o.connectorFor(job),
    lookbackMs: o.lookbackMs,
    leaseMs: o.leaseMs,
    onError: o.onError,
  });
  return drainJobs({ db: o.db, registry, budgetMs: o.budgetMs, now: o.now, kinds: [...(o.kinds ?? SYNC_KINDS)], accountId: o.accountId, trigger: o.trigger });
}
