import 'server-only';
// Sync jobs run on request ("Sync now", a fresh connection): the app registry's sync kinds for one
// account, on the service path. The cron tick drains every kind (lib/jobs/app-registry.ts).
import { serviceDatabase } from '@/lib/db';
import { appJobs } from '@/lib/jobs/app-registry';
import type { JobTrigger } from '@/lib/jobs/registry';
import { drainJobs, type DrainResult } from '@/lib/jobs/tick';
import { SYNC_KINDS, type SyncKind } from './handlers';

export async function runSyncTick(o: { budgetMs?: number; trigger?: JobTrigger; accountId?: string; kinds?: SyncKind[] } = {}): Promise<DrainResult> {
  return drainJobs({
    db: await serviceDatabase('sync'),
    registry: appJobs(),
    kinds: [...(o.kinds ?? SYNC_KINDS)],
    budgetMs: o.budgetMs,
    trigger: o.trigger,
    accountId: o.accountId,
  });
}
