// `kind → handler` with each kind's rules: concurrency, attempts, backoff, lease, and for
// recurring kinds the schedule. Recurring jobs exist once per account (or organization) and kind
// and are queued again after each success; one-off jobs are enqueued, run until done or dead,
// and made idempotent by a dedupe key.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/lib/db/connect';
import type { JobKind } from './kinds';
import type { FailResult, Job, KindCapacity } from './queue';

/** Why this drain runs: the schedule (cron tick), a person's "Sync now", or a fresh connection. */
export type JobTrigger = 'schedule' | 'manual' | 'connect';

export interface JobContext<P = Record<string, unknown>, J extends Job<P> = Job<P>> {
  db: Db;
  job: J;
  trigger: JobTrigger;
  now(): number;
  /** Start no new unit of work after this instant (ms): the tick's time budget. */
  deadline: number;
  leaseMs: number;
  /** Aborted when a heartbeat finds the lease lost: stop without writing. */
  signal: AbortSignal;
  /** Saves progress and extends the lease, in the handler's transaction; false: lease lost, stop. */
  saveProgress(tx: Tx, state: Record<string, unknown>): Promise<boolean>;
  /** Success, in the handler's transaction: recurring → next scheduled run, one-off → done. */
  complete(tx: Tx, state?: Record<string, unknown>): Promise<boolean>;
  /** Out of time: released, due at once, the next tick continues from `state`. */
  pause(tx: Tx, state: Record<string, unknown>): Promise<boolean>;
  /** A failed attempt, in the handler's transaction: retried with backoff, or dead after max attempts. `error` is stored and shown: no secrets, no buyer data. */
  fail(tx: Tx, error: string, state?: Record<string, unknown>): Promise<FailResult>;
  /**
   * Extends the lease (the runner also does so on a timer while the handler runs). Not inside a
   * transaction of the handler: PGlite has one connection and would wait for that transaction.
   */
  heartbeat(): Promise<boolean>;
}

export type AccountJob<P = Record<string, unknown>> = Job<P> & { accountId: string };

/** What the handler did; void means "completed" (the runner completes the job if the handler did not). */
export type JobOutcome = 'completed' | 'paused' | 'failed' | 'lease_lost';

export interface JobKindOptions<P = Record<string, unknown>> {
  /** 'account': every job has an account and the handler's job.accountId is a string. */
  scope: 'account' | 'org';
  handler(ctx: JobContext<P, Job<P>>): Promise<JobOutcome | void>;
  /** At most this many running at once across all workers (default 2). */
  concurrency?: number;
  /** Default: 5 for one-off kinds, no limit for recurring kinds (the schedule is the retry). */
  maxAttempts?: number | null;
  /** Retry delay: baseMs · 2^(attempt−1), capped at maxMs (default the schedule period, else 1 h), with jitter. */
  backoff?: { baseMs: number; maxMs?: number };
  leaseMs?: number;
  /** A recurring kind: runs every `everyMs`, each account on its own phase of the period. */
  schedule?: { everyMs: number };
  runsOnInactiveAccount?: boolean;
  /** Closes what a worker that died holding the lease left open (see KindCapacity.onTakeover). */
  onTakeover?: KindCapacity['onTakeover'];
}

/** Options for an account-scoped kind, with the handler typed for jobs that have an account. */
export function accountKind<P extends Record<string, unknown> = Record<string, unknown>>(
  o: Omit<JobKindOptions<P>, 'scope' | 'handler'> & { handler(ctx: JobContext<P, AccountJob<P>>): Promise<JobOutcome | void> },
): JobKindOptions<P> {
  return { ...o, scope: 'account', handler: o.handler as JobKindOptions<P>['handler'] };
}

export const DEFAULT_LEASE_MS = 120_000;
const DEFAULT_CONCURRENCY = 2;
const DEFAULT_ONE_OFF_ATTEMPTS = 5;
const DEFAULT_BACKOFF_BASE_MS = 30_000;
const HOUR = 3_600_000;

/** Stable offset in [0, period) so accounts do not all run at :00 (FNV-1a of the key). */
export function phaseOf(key: string, periodMs: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % periodMs;
}

export interface EnqueueOptions<P> {
  orgId: string;
  accountId?: string | null;
  payload?: P;
  runAt?: Date;
  dedupeKey?: string;
}

export class JobRegistry {
  private readonly kinds = new Map<JobKind, JobKindOptions<never>>();

  register<P extends Record<string, unknown> = Record<string, unknown>>(kind: JobKind, o: JobKindOptions<P>): this {
    if (this.kinds.has(kind)) throw new Error(`Job kind ${kind} is already registered`);
    if (o.schedule && !(o.schedule.everyMs > 0)) throw new Error(`Job kind ${kind}: schedule.everyMs must be positive`);
    this.kinds.set(kind, o as unknown as JobKindOptions<never>);
    return this;
  }

  get(kind: JobKind): JobKindOptions | undefined {
    return this.kinds.get(kind) as JobKindOptions | undefined;
  }

  registered(): JobKind[] {
    return [...this.kinds.keys()];
  }

  private must(kind: JobKind): JobKindOptions {
    const o = this.get(kind);
    if (!o) throw new Error(`Job kind ${kind} has no handler registered`);
    return o;
  }

  capacity(kind: JobKind): KindCapacity {
    const o = this.must(kind);
    return {
      kind,
      concurrency: o.concurrency ?? DEFAULT_CONCURRENCY,
      leaseMs: this.leaseMs(kind),
      runsOnInactiveAccount: o.runsOnInactiveAccount ?? false,
      onTakeover: o.onTakeover,
    };
  }

  leaseMs(kind: JobKind): number {
    return this.must(kind).leaseMs ?? DEFAULT_LEASE_MS;
  }

  maxAttempts(kind: JobKind): number | null {
    const o = this.must(kind);
    return o.maxAttempts !== undefined ? o.maxAttempts : o.schedule ? null : DEFAULT_ONE_OFF_ATTEMPTS;
  }

  /** The next run after `now` on the job's own phase of its kind's schedule; null for one-off kinds. */
  nextRunAt(job: Pick<Job, 'kind' | 'orgId' | 'accountId' | 'recurring'>, now: number): Date | null {
    const every = this.must(job.kind).schedule?.everyMs;
    if (!every || !job.recurring) return null;
    const phase = phaseOf(job.accountId ?? job.orgId, every);
    return new Date((Math.floor((now - phase) / every) + 1) * every + phase);
  }

  /** Exponential backoff with "equal jitter": half the delay fixed, half random, so retries spread out. */
  retryDelayMs(kind: JobKind, attempts: number, random: () => number = Math.random): number {
    const o = this.must(kind);
    const cap = o.backoff?.maxMs ?? o.schedule?.everyMs ?? HOUR;
    const d = Math.min(cap, (o.backoff?.baseMs ?? DEFAULT_BACKOFF_BASE_MS) * 2 ** Math.max(0, attempts - 1));
    return Math.round(d / 2 + random() * (d / 2));
  }

  /** Creates the recurring job (due at `runAt`, default now) unless it exists. */
  async ensureRecurring(tx: Tx | Db, kind: JobKind, o: { orgId: string; accountId?: string | null; runAt?: Date }): Promise<void> {
    const k = this.must(kind);
    if (!k.schedule) throw new Error(`Job kind ${kind} is not recurring`);
    this.checkScope(kind, k, o.accountId);
    await tx.execute(sql`
      insert into public.jobs (org_id, marketplace_account_id, kind, run_at, recurring, max_attempts)
      values (${o.orgId}, ${o.accountId ?? null}, ${kind}, ${(o.runAt ?? new Date()).toISOString()}::timestamptz, true, ${this.maxAttempts(kind)})
      on conflict do nothing`);
  }

  /** Enqueues a one-off job; with a dedupe key, a second enqueue returns the first job's id and inserts nothing. */
  async enqueue<P extends Record<string, unknown>>(tx: Tx | Db, kind: JobKind, o: EnqueueOptions<P>): Promise<{ id: string; created: boolean }> {
    const k = this.must(kind);
    if (k.schedule) throw new Error(`Job kind ${kind} is recurring: use ensureRecurring`);
    this.checkScope(kind, k, o.accountId);
    const inserted = rowsOf<{ id: string }>(
      await tx.execute(sql`
        insert into public.jobs (org_id, marketplace_account_id, kind, run_at, recurring, max_attempts, payload, dedupe_key)
        values (${o.orgId}, ${o.accountId ?? null}, ${kind}, ${(o.runAt ?? new Date()).toISOString()}::timestamptz, false,
          ${this.maxAttempts(kind)}, ${JSON.stringify(o.payload ?? {})}::jsonb, ${o.dedupeKey ?? null})
        on conflict (org_id, kind, dedupe_key) where dedupe_key is not null do nothing
        returning id`),
    );
    if (inserted.length) return { id: inserted[0].id, created: true };
    const [existing] = rowsOf<{ id: string }>(
      await tx.execute(sql`select id from public.jobs where org_id = ${o.orgId} and kind = ${kind} and dedupe_key = ${o.dedupeKey!}`),
    );
    return { id: existing.id, created: false };
  }

  private checkScope(kind: JobKind, k: JobKindOptions, accountId: string | null | undefined): void {
    if (k.scope === 'account' && !accountId) throw new Error(`Job kind ${kind} needs an account`);
  }
}
