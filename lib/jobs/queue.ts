// The queue: rows in `jobs`, claimed with FOR UPDATE SKIP LOCKED under a lease. A worker that
// dies leaves a lease that expires and another worker takes the job over. Every write after the
// claim is conditioned on still holding the lease (locked_by), so a worker that lost its lease
// can never overwrite the progress of the one that took over. These functions take the caller's
// transaction so a handler can commit its own writes and the job's state atomically.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/lib/db/connect';
import type { JobKind } from './kinds';

export interface Job<P = Record<string, unknown>> {
  id: string;
  orgId: string;
  /** Null for an organization-level job. */
  accountId: string | null;
  kind: JobKind;
  runAt: Date;
  /** Claims so far, this one included; reset to 0 when a recurring job succeeds. */
  attempts: number;
  maxAttempts: number | null;
  recurring: boolean;
  lockedBy: string;
  lockedUntil: Date;
  /** Progress the handler saved (e.g. a sync cursor and page). */
  state: Record<string, unknown>;
  /** What the job was enqueued with; never changes. */
  payload: P;
}

interface JobRow {
  id: string;
  org_id: string;
  marketplace_account_id: string | null;
  kind: JobKind;
  run_at: string | Date;
  attempts: number;
  max_attempts: number | null;
  recurring: boolean;
  locked_by: string;
  locked_until: string | Date;
  state: Record<string, unknown> | string;
  payload: Record<string, unknown> | string;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

function toJob(r: JobRow): Job {
  return {
    id: r.id,
    orgId: r.org_id,
    accountId: r.marketplace_account_id,
    kind: r.kind,
    runAt: new Date(r.run_at),
    attempts: Number(r.attempts),
    maxAttempts: r.max_attempts === null ? null : Number(r.max_attempts),
    recurring: r.recurring,
    lockedBy: r.locked_by,
    lockedUntil: new Date(r.locked_until),
    state: json(r.state),
    payload: json(r.payload),
  };
}

/** What a claim may take of one kind. */
export interface KindCapacity {
  kind: JobKind;
  /** At most this many jobs of the kind hold a live lease at once, across all workers. */
  concurrency: number;
  leaseMs: number;
  /** Run even when the job's account is not active (e.g. deleting a disconnected account's data). */
  runsOnInactiveAccount: boolean;
  /**
   * Called in the claim's transaction when the job is taken over from a worker whose lease expired
   * (it died or stalled): the kind closes what that worker left open. A returned state replaces
   * the job's saved state.
   */
  onTakeover?(tx: Tx, job: Job, now: number): Promise<Record<string, unknown> | void>;
}

export interface ClaimOptions {
  workerId: string;
  now: number;
  kinds: KindCapacity[];
  /** Only this account's jobs (Sync now). */
  accountId?: string;
  limit?: number;
}

// Claims are serialized by this transaction-scoped advisory lock, so the per-kind count of live
// leases cannot be read by two claims at once (SKIP LOCKED alone would let both take one more).
// Transaction-scoped: it is released at commit and works through a transaction-mode pooler.
const CLAIM_LOCK_KEY = 72_620_401;

/**
 * Claims due jobs: queued or left running by a worker whose lease expired, organization-level or
 * of an active account, oldest first, within each kind's free concurrency. Jobs that exhausted
 * their attempts while their worker died are marked dead instead of being claimed again.
 */
export async function claimJobs(db: Db, o: ClaimOptions): Promise<Job[]> {
  if (!o.kinds.length) return [];
  const now = new Date(o.now).toISOString();
  const kindList = sql.join(o.kinds.map((k) => sql`${k.kind}`), sql`, `);
  const caps = sql.join(
    o.kinds.map((k) => sql`(${k.kind}::text, ${k.concurrency}::int, ${k.leaseMs}::bigint, ${k.runsOnInactiveAccount}::boolean)`),
    sql`, `,
  );
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`);
    await tx.execute(sql`
      update public.jobs set status = 'dead', finished_at = ${now}::timestamptz, locked_by = null, locked_until = null,
        last_error = coalesce(last_error || ' / ', '') || 'The worker running it stopped before finishing, ' || attempts || ' times'
      where kind in (${kindList}) and status = 'running' and locked_until < ${now}::timestamptz
        and max_attempts is not null and attempts >= max_attempts`);
    const rows = rowsOf<JobRow & { taken_over: boolean }>(
      await tx.execute(sql`
        with cap (kind, lim, lease_ms, any_account) as (values ${caps}),
        pick as (
          select c.id, c.run_at, c.lease_ms, c.taken_over from cap cross join lateral (
            select q.id, q.run_at, cap.lease_ms, q.locked_by is not null as taken_over from public.jobs q
            left join public.marketplace_accounts a on a.id = q.marketplace_account_id
            where q.kind = cap.kind and q.status in ('queued', 'running') and q.run_at <= ${now}::timestamptz
              and (q.locked_until is null or q.locked_until < ${now}::timestamptz)
              and (q.marketplace_account_id is null or a.status = 'active' or cap.any_account)
              ${o.accountId ? sql`and q.marketplace_account_id = ${o.accountId}` : sql``}
            order by q.run_at, q.id
            limit greatest(0, cap.lim - (select count(*) from public.jobs l where l.kind = cap.kind and l.locked_until >= ${now}::timestamptz))
            for update of q skip locked) c
          order by c.run_at, c.id
          limit ${o.limit ?? 1})
        update public.jobs j set status = 'running', locked_by = ${o.workerId},
          locked_until = ${now}::timestamptz + pick.lease_ms * interval '1 millisecond', attempts = j.attempts + 1
        from pick where j.id = pick.id
        returning j.id, j.org_id, j.marketplace_account_id, j.kind, j.run_at, j.attempts, j.max_attempts, j.recurring,
          j.locked_by, j.locked_until, j.state, j.payload, pick.taken_over`),
    );
    const jobs = rows.map((r) => ({ job: toJob(r), takenOver: r.taken_over === true }));
    // A lease left behind (locked_by still set: every release clears it) means the previous worker
    // never finished; its kind closes what it left open, atomically with this claim.
    for (const { job, takenOver } of jobs) {
      const hook = takenOver ? o.kinds.find((k) => k.kind === job.kind)?.onTakeover : undefined;
      const state = hook ? await hook(tx, job, o.now) : undefined;
      if (state) {
        await tx.execute(sql`update public.jobs set state = ${JSON.stringify(state)}::jsonb where id = ${job.id}`);
        job.state = state;
      }
    }
    return jobs.map((x) => x.job).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
  });
}

const held = (job: Job) => sql`id = ${job.id} and locked_by = ${job.lockedBy} and status = 'running'`;
const iso = (ms: number) => new Date(ms).toISOString();

async function changed(tx: Tx | Db, q: ReturnType<typeof sql>): Promise<boolean> {
  return rowsOf(await tx.execute(q)).length === 1;
}

/** Extends the lease; false if it was lost (expired and taken over): the caller must stop. */
export async function heartbeat(tx: Tx | Db, job: Job, until: number): Promise<boolean> {
  const ok = await changed(tx, sql`update public.jobs set locked_until = ${iso(until)}::timestamptz where ${held(job)} returning id`);
  if (ok) job.lockedUntil = new Date(until);
  return ok;
}

/** Saves progress and extends the lease in the caller's transaction; false if the lease was lost. */
export async function saveProgress(tx: Tx, job: Job, state: Record<string, unknown>, until: number): Promise<boolean> {
  const ok = await changed(
    tx,
    sql`update public.jobs set state = ${JSON.stringify(state)}::jsonb, locked_until = ${iso(until)}::timestamptz where ${held(job)} returning id`,
  );
  if (ok) {
    job.state = state;
    job.lockedUntil = new Date(until);
  }
  return ok;
}

/** Success: a recurring job is queued again for `nextRunAt`; a one-off job is done (kept, so its dedupe key still holds). */
export async function completeJob(tx: Tx, job: Job, o: { state: Record<string, unknown>; nextRunAt: Date | null; now: number }): Promise<boolean> {
  const done = o.nextRunAt === null;
  return changed(
    tx,
    sql`update public.jobs set state = ${JSON.stringify(o.state)}::jsonb, locked_by = null, locked_until = null, last_error = null,
      status = ${done ? 'done' : 'queued'}, attempts = 0,
      run_at = ${done ? sql`run_at` : sql`${o.nextRunAt!.toISOString()}::timestamptz`},
      finished_at = ${done ? sql`${iso(o.now)}::timestamptz` : sql`finished_at`}
      where ${held(job)} returning id`,
  );
}

/** Releases the lease with the job due at `runAt` (out of time: the next tick continues it). Progress resets the attempts. */
export async function releaseJob(tx: Tx, job: Job, o: { state: Record<string, unknown>; runAt: Date }): Promise<boolean> {
  return changed(
    tx,
    sql`update public.jobs set state = ${JSON.stringify(o.state)}::jsonb, locked_by = null, locked_until = null, status = 'queued',
      attempts = 0, run_at = ${o.runAt.toISOString()}::timestamptz where ${held(job)} returning id`,
  );
}

export type FailResult = 'retry' | 'dead' | 'lease_lost';

/**
 * A failed attempt: queued again at `retryAt`, or dead once its attempts reach max_attempts.
 * Either way the error stays on the row, visible; a dead job is never deleted by the queue.
 */
export async function failJob(tx: Tx, job: Job, o: { error: string; state: Record<string, unknown>; retryAt: Date; now: number }): Promise<FailResult> {
  const dead = job.maxAttempts !== null && job.attempts >= job.maxAttempts;
  const ok = await changed(
    tx,
    sql`update public.jobs set state = ${JSON.stringify(o.state)}::jsonb, locked_by = null, locked_until = null,
      last_error = ${o.error.slice(0, 1000)}, status = ${dead ? 'dead' : 'queued'},
      run_at = ${dead ? sql`run_at` : sql`${o.retryAt.toISOString()}::timestamptz`},
      finished_at = ${dead ? sql`${iso(o.now)}::timestamptz` : sql`finished_at`}
      where ${held(job)} returning id`,
  );
  return ok ? (dead ? 'dead' : 'retry') : 'lease_lost';
}
