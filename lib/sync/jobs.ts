// The sync's recurring jobs: one per account and kind, in the job runner's table (lib/jobs).
import type { Tx } from '@/lib/db/connect';
import { appJobs } from '@/lib/jobs/app-registry';
import { SYNC_KINDS } from './handlers';

/** Creates the account's sync jobs (due at `now`) if they do not exist yet. */
export async function ensureSyncJobs(tx: Tx, orgId: string, accountId: string, now = Date.now()): Promise<void> {
  for (const kind of SYNC_KINDS) await appJobs().ensureRecurring(tx, kind, { orgId, accountId, runAt: new Date(now) });
}
