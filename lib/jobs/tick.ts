// One tick: claim due jobs one at a time and run each with its kind's handler until the time
// budget is spent; the rest waits for the next tick. Vercel Cron calls a tick route each minute;
// the embedded default calls the same route from scripts/serve.ts.
import crypto from 'node:crypto';
import type { Db } from '@/lib/db/connect';
import type { JobKind } from './kinds';
import { claimJobs, completeJob, failJob, heartbeat, releaseJob, saveProgress, type Job } from './queue';
import type { JobContext, JobOutcome, JobRegistry, JobTrigger } from './registry';

/** A handler error whose message is safe to store and show (no secrets, no buyer data). */
export class JobFailure extends Error {}

export interface DrainOptions {
  db: Db;
  /** The kinds and their handlers: the app's (lib/jobs/app-registry.ts) or a test's own. */
  registry: JobRegistry;
  budgetMs?: number;
  now?: () => number;
  random?: () => number;
  /** Only these kinds (default: every registered kind). */
  kinds?: JobKind[];
  accountId?: string;
  /** Handed to each handler (default 'schedule'). */
  trigger?: JobTrigger;
  workerId?: string;
  /** Real-time heartbeat period while a handler runs (default: a third of the lease). */
  heartbeatMs?: number;
  /** For the log: called with the raw error of a throwing handler (the stored error is sanitized). */
  onError?(job: Job, error: unknown): void;
}

export interface DrainResult {
  workerId: string;
  ran: Array<{ jobId: string; kind: JobKind; orgId: string; accountId: string | null; outcome: JobOutcome }>;
}

export const DEFAULT_BUDGET_MS = 50_000;
const MAX_TIMER_MS = 2_147_483_647;

export async function drainJobs(o: DrainOptions): Promise<DrainResult> {
  const registry = o.registry;
  const now = o.now ?? Date.now;
  const workerId = o.workerId ?? `worker-${crypto.randomUUID()}`;
  const deadline = now() + (o.budgetMs ?? DEFAULT_BUDGET_MS);
  const kinds = (o.kinds ?? registry.registered()).filter((k) => registry.get(k));
  const ran: DrainResult['ran'] = [];
  while (now() < deadline) {
    const [job] = await claimJobs(o.db, { workerId, now: now(), kinds: kinds.map((k) => registry.capacity(k)), accountId: o.accountId, limit: 1 });
    if (!job) break;
    const outcome = await runOne(o, registry, job, now, deadline);
    ran.push({ jobId: job.id, kind: job.kind, orgId: job.orgId, accountId: job.accountId, outcome });
  }
  return { workerId, ran };
}

async function runOne(o: DrainOptions, registry: JobRegistry, job: Job, now: () => number, deadline: number): Promise<JobOutcome> {
  const kind = registry.get(job.kind)!;
  const leaseMs = registry.leaseMs(job.kind);
  const abort = new AbortController();
  const ctx: JobContext = {
    db: o.db,
    job,
    trigger: o.trigger ?? 'schedule',
    now,
    deadline,
    leaseMs,
    signal: abort.signal,
    saveProgress: (tx, state) => saveProgress(tx, job, state, now() + leaseMs),
    complete: (tx, state) => completeJob(tx, job, { state: state ?? job.state, nextRunAt: registry.nextRunAt(job, now()), now: now() }),
    pause: (tx, state) => releaseJob(tx, job, { state, runAt: new Date(now()) }),
    fail: (tx, error, state) =>
      failJob(tx, job, { error, state: state ?? job.state, retryAt: new Date(now() + registry.retryDelayMs(job.kind, job.attempts, o.random)), now: now() }),
    heartbeat: async () => {
      const ok = await heartbeat(o.db, job, now() + leaseMs);
      if (!ok) abort.abort();
      return ok;
    },
  };
  // Timers take at most 2^31−1 ms (a longer delay fires at once, every millisecond): long leases heartbeat at that.
  const timer = setInterval(() => void ctx.heartbeat().catch(() => {}), Math.min(o.heartbeatMs ?? leaseMs / 3, MAX_TIMER_MS));
  try {
    if (kind.scope === 'account' && !job.accountId) throw new JobFailure(`A ${job.kind} job needs an account`);
    const outcome = (await kind.handler(ctx)) ?? 'completed';
    clearInterval(timer);
    // Whatever the handler did not settle itself, the runner settles; a lease no longer held means it did.
    if (outcome === 'completed') await o.db.transaction((tx) => ctx.complete(tx));
    if (outcome === 'failed') await o.db.transaction((tx) => ctx.fail(tx, 'The job failed'));
    if (outcome === 'paused') await o.db.transaction((tx) => ctx.pause(tx, job.state));
    return outcome;
  } catch (e) {
    clearInterval(timer);
    o.onError?.(job, e);
    const message = e instanceof JobFailure ? e.message : 'Internal error while running the job; see the server log';
    const result = await o.db.transaction((tx) => ctx.fail(tx, message));
    return result === 'lease_lost' ? 'lease_lost' : 'failed';
  } finally {
    clearInterval(timer);
  }
}
