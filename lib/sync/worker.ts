// One cron tick: claim due jobs one at a time and run them until the time budget is spent.
// Vercel Cron calls it through /api/cron/sync; the embedded default calls the same function
// from an in-process timer.
import crypto from 'node:crypto';
import type { Db } from '@/lib/db/connect';
import { claimJobs, type JobKind } from './jobs';
import { runJob, type RunContext, type RunOutcome } from './run';

export interface TickOptions {
  db: Db;
  connectorFor: RunContext['connectorFor'];
  budgetMs?: number;
  leaseMs?: number;
  now?: () => number;
  trigger?: RunContext['trigger'];
  kinds?: JobKind[];
  accountId?: string;
  lookbackMs?: number;
  onError?: RunContext['onError'];
}

export interface TickResult {
  workerId: string;
  ran: Array<{ jobId: string; accountId: string; kind: JobKind; outcome: RunOutcome }>;
}

export const DEFAULT_BUDGET_MS = 50_000;
export const DEFAULT_LEASE_MS = 120_000;

export async function runDueJobs(o: TickOptions): Promise<TickResult> {
  const now = o.now ?? Date.now;
  const workerId = `worker-${crypto.randomUUID()}`;
  const deadline = now() + (o.budgetMs ?? DEFAULT_BUDGET_MS);
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  const ran: TickResult['ran'] = [];
  while (now() < deadline) {
    const [job] = await claimJobs(o.db, { workerId, leaseMs, now: now(), kinds: o.kinds, accountId: o.accountId, limit: 1 });
    if (!job) break;
    const outcome = await runJob(
      { db: o.db, connectorFor: o.connectorFor, now, leaseMs, deadline, trigger: o.trigger ?? 'schedule', lookbackMs: o.lookbackMs, onError: o.onError },
      job,
    );
    ran.push({ jobId: job.id, accountId: job.accountId, kind: job.kind, outcome });
  }
  return { workerId, ran };
}
