// One privacy tick (the /api/cron/privacy route, hourly): eBay account deletions still pending,
// scheduled anonymization of every organization, and expiry of operational rows, within the time
// budget. Each part is idempotent and commits as it goes, so overlapping or interrupted ticks
// lose nothing and the next tick continues.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/lib/db/connect';
import { processEbayDeletions, type DeletionRunResult } from './ebay-deletion';
import { runRetention, type RetentionResult } from './retention';

export const OPERATIONAL_RETENTION_DAYS = 90;
const EXPIRY_BATCH = 5_000;

export interface PrivacyTickResult {
  ebay: DeletionRunResult;
  retention: RetentionResult;
  expired: { syncRuns: number; jobs: number };
}

/** Sync runs and finished one-off jobs older than `days` go, in bounded batches. */
export async function expireOperationalRows(db: Db, o: { now: Date; days: number; deadline: number }): Promise<PrivacyTickResult['expired']> {
  const cutoff = new Date(o.now.getTime() - o.days * 86_400_000).toISOString();
  const expired = { syncRuns: 0, jobs: 0 };
  const sweep = async (statement: ReturnType<typeof sql>) => {
    let total = 0;
    while (Date.now() < o.deadline) {
      const n = rowsOf(await db.execute(statement)).length;
      total += n;
      if (n < EXPIRY_BATCH) break;
    }
    return total;
  };
  expired.syncRuns = await sweep(sql`delete from public.sync_runs where id in (
    select id from public.sync_runs where status <> 'running' and coalesce(finished_at, started_at) < ${cutoff}::timestamptz limit ${EXPIRY_BATCH})
    returning id`);
  expired.jobs = await sweep(sql`delete from public.jobs where id in (
    select id from public.jobs where not recurring and status in ('done', 'dead') and finished_at < ${cutoff}::timestamptz limit ${EXPIRY_BATCH})
    returning id`);
  return expired;
}

export async function runPrivacyTick(db: Db, o: { budgetMs?: number; now?: Date; operationalDays?: number } = {}): Promise<PrivacyTickResult> {
  const deadline = Date.now() + (o.budgetMs ?? 50_000);
  const now = o.now ?? new Date();
  const ebay = await processEbayDeletions(db, { limit: 500, now: () => o.now ?? new Date() });
  const retention = await runRetention(db, { now, deadline });
  const expired = await expireOperationalRows(db, { now, days: o.operationalDays ?? OPERATIONAL_RETENTION_DAYS, deadline });
  return { ebay, retention, expired };
}
