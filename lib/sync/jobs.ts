// The one job queue: rows in `jobs`, one per account and kind, claimed with FOR UPDATE SKIP
// LOCKED under a lease. A worker that dies leaves a lease that expires; two overlapping cron
// ticks never hold the same job. Schedules are spread by a hash of the account id.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/lib/db/connect';

export type JobKind = 'sync_orders' | 'sync_listings';

export const SCHEDULE_MS: Record<JobKind, number> = {
  sync_orders: 10 * 60_000,
  sync_listings: 6 * 60 * 60_000,
};

export interface Job {
  id: string;
  orgId: string;
  accountId: string;
  kind: JobKind;
  runAt: Date;
  attempts: number;
  lockedBy: string;
  lockedUntil: Date;
  state: Record<string, unknown>;
}

interface JobRow {
  id: string;
  org_id: string;
  marketplace_account_id: string;
  kind: JobKind;
  run_at: string | Date;
  attempts: number;
  locked_by: string;
  locked_until: string | Date;
  state: Record<string, unknown> | string;
}

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    orgId: r.org_id,
    accountId: r.marketplace_account_id,
    kind: r.kind,
    runAt: new Date(r.run_at),
    attempts: Number(r.attempts),
    lockedBy: r.locked_by,
    lockedUntil: new Date(r.locked_until),
    state: typeof r.state === 'string' ? JSON.parse(r.state) : r.state,
  };
}

/** Stable offset in [0, period) so accounts do not all run at :00. */
export function spreadOffset(accountId: string, periodMs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < accountId.length; i++) h = Math.imul(h ^ accountId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % periodMs;
}

/** The next run after `now` on the account's own phase of the schedule. */
export function nextRunAt(kind: JobKind, accountId: string, now: number): Date {
  const period = SCHEDULE_MS[kind];
  const phase = spreadOffset(accountId, period);
  const k = Math.floor((now - phase) / period) + 1;
  return new Date(k * period + phase);
}

/** Creates the account's sync jobs (due now) if they do not exist yet. */
export async function ensureSyncJobs(tx: Tx, orgId: string, accountId: string, now = Date.now()): Promise<void> {
  for (const kind of Object.keys(SCHEDULE_MS) as JobKind[]) {
    await tx.execute(sql`
      insert into public.jobs (org_id, marketplace_account_id, kind, run_at)
      values (${orgId}, ${accountId}, ${kind}, ${new Date(now).toISOString()})
      on conflict do nothing`);
  }
}

export interface ClaimOptions {
  workerId: string;
  leaseMs: number;
  now: number;
  kinds?: JobKind[];
  /** Only this account (Sync now). */
  accountId?: string;
  limit?: number;
}

/** What a sync run left behind by a dead worker is closed with. */
export const INTERRUPTED_RUN_ERROR = 'Interrupted: the worker running this sync stopped (its lease expired and another worker took over)';

/**
 * Claims due jobs of active accounts whose lease is free. Taking over an expired lease means the
 * worker that held it died (or stalled past its lease): its sync runs still marked running are
 * closed as failed ("interrupted") and the job continues its window in a new run.
 */
export async function claimJobs(db: Db, o: ClaimOptions): Promise<Job[]> {
  const now = new Date(o.now).toISOString();
  const until = new Date(o.now + o.leaseMs).toISOString();
  const kinds = o.kinds ?? (Object.keys(SCHEDULE_MS) as JobKind[]);
  return db.transaction(async (tx) => {
    const rows = rowsOf<JobRow & { taken_over: boolean }>(
      await tx.execute(sql`
        with due as (
          select q.id, q.locked_by is not null as taken_over from public.jobs q
          join public.marketplace_accounts a on a.id = q.marketplace_account_id and a.status = 'active'
          where q.run_at <= ${now}::timestamptz
            and (q.locked_until is null or q.locked_until < ${now}::timestamptz)
            and q.kind in (${sql.join(kinds.map((k) => sql`${k}`), sql`, `)})
            ${o.accountId ? sql`and q.marketplace_account_id = ${o.accountId}` : sql``}
          order by q.run_at
          limit ${o.limit ?? 1}
          for update of q skip locked)
        update public.jobs j set locked_by = ${o.workerId}, locked_until = ${until}::timestamptz, attempts = j.attempts + 1,
          state = case when due.taken_over then j.state - 'runId' else j.state end
        from due where j.id = due.id
        returning j.id, j.org_id, j.marketplace_account_id, j.kind, j.run_at, j.attempts, j.locked_by, j.locked_until, j.state, due.taken_over`),
    );
    for (const r of rows.filter((x) => x.taken_over)) {
      await tx.execute(sql`
        update public.sync_runs set status = 'failed', error = ${INTERRUPTED_RUN_ERROR}, finished_at = ${now}::timestamptz
        where marketplace_account_id = ${r.marketplace_account_id} and org_id = ${r.org_id}
          and kind = ${r.kind === 'sync_orders' ? 'orders' : 'listings'} and status = 'running'`);
    }
    return rows.map(toJob);
  });
}

/**
 * Saves progress while still holding the lease; false if the lease was lost (expired and
 * claimed by another worker), in which case the caller must stop without writing anything else.
 */
export async function saveProgress(tx: Tx, job: Job, state: Record<string, unknown>, extendUntil: number): Promise<boolean> {
  const rows = rowsOf(
    await tx.execute(sql`
      update public.jobs set state = ${JSON.stringify(state)}::jsonb, locked_until = ${new Date(extendUntil).toISOString()}::timestamptz
      where id = ${job.id} and locked_by = ${job.lockedBy}
      returning id`),
  );
  if (rows.length) job.state = state;
  return rows.length === 1;
}

/** Releases the lease and sets the next run; attempts reset on success. */
export async function finishJob(tx: Tx, job: Job, o: { state: Record<string, unknown>; runAt: Date; succeeded: boolean; error?: string | null }): Promise<boolean> {
  const rows = rowsOf(
    await tx.execute(sql`
      update public.jobs set state = ${JSON.stringify(o.state)}::jsonb, run_at = ${o.runAt.toISOString()}::timestamptz,
        locked_by = null, locked_until = null, last_error = ${o.error ?? null},
        attempts = case when ${o.succeeded} then 0 else attempts end
      where id = ${job.id} and locked_by = ${job.lockedBy}
      returning id`),
  );
  return rows.length === 1;
}

/** Exponential backoff for a failed job, capped at its regular schedule. */
export function retryDelayMs(kind: JobKind, attempts: number): number {
  return Math.min(SCHEDULE_MS[kind], 30_000 * 2 ** Math.max(0, attempts - 1));
}
