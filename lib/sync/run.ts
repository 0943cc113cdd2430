// Runs one claimed sync job page by page. Each page is written in the same transaction that
// records where the next page starts, so a crash at any point resumes with nothing lost and
// nothing duplicated; the account's cursor moves to the end of the window only after its last
// page is committed. A run interrupted by the time budget continues on the next tick.
// What differs between orders and listings (window, fetch, upsert) is the kind's SyncSpec
// (lib/sync/handlers.ts); this file never looks at the job's kind.
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db/connect';
import { marketplaceAccounts, syncRuns } from '@/lib/db/schema';
import { recordAudit } from '@/lib/audit';
import type { AccountJob, JobContext, JobOutcome, JobTrigger } from '@/lib/jobs/registry';
import { MarketplaceError } from '@/lib/marketplaces/http';
import type { Connector, Marketplace, Page } from '@/lib/marketplaces/types';
import { PageRejectedError, quarantine, quarantinedIds, release, screenPage, type RecordSpec } from './quarantine';

/** Re-read this much before the cursor: marketplaces index updates with some delay. */
export const OVERLAP_MS = 10 * 60_000;
/** First sync of an account reaches back this far. */
export const INITIAL_LOOKBACK_MS = 30 * 24 * 60 * 60_000;
/** This many auth failures in a row and the account needs reconnecting. */
export const AUTH_FAILURES_TO_RECONNECT = 3;

export interface SyncState extends Record<string, unknown> {
  cursor?: string; // ISO: orders updated before this are in ESM
  window?: { from: string; to: string };
  page?: string | null;
  runId?: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The sync's view of a job's saved state: only fields of the right type are taken. */
export function syncStateOf(saved: Record<string, unknown>): SyncState {
  const state: SyncState = {};
  const w = saved.window;
  const from = w && typeof w === 'object' && 'from' in w ? str(w.from) : undefined;
  const to = w && typeof w === 'object' && 'to' in w ? str(w.to) : undefined;
  if (str(saved.cursor)) state.cursor = str(saved.cursor);
  if (from && to) state.window = { from, to };
  if (saved.page === null) state.page = null;
  else if (str(saved.page)) state.page = str(saved.page);
  if (str(saved.runId)) state.runId = str(saved.runId);
  return state;
}

export interface RunContext {
  db: Db;
  /** The job runner's controls for this job (lib/jobs): every write to the job goes through them. */
  jobs: Pick<JobContext, 'saveProgress' | 'complete' | 'pause' | 'fail'>;
  connectorFor(job: AccountJob): Promise<Connector>;
  now(): number;
  /** No new page is started after this instant (ms). */
  deadline: number;
  trigger: JobTrigger;
  lookbackMs?: number;
  onError?(job: AccountJob, error: unknown): void;
}

export type Scope = { orgId: string; accountId: string; marketplace: Marketplace };

/** What one sync kind does differently: its records, its run kind, how it pages and stores. */
export interface SyncSpec<T> {
  runKind: 'orders' | 'listings';
  records: RecordSpec<T>;
  /** A new run's window, set in `state` before the run starts (orders); none for a full pass. */
  openWindow?(state: SyncState, now: number, lookbackMs: number): void;
  /** Work before a new run's first page (orders: re-fetch quarantined orders). */
  beforeRun?(ctx: RunContext, job: AccountJob, connector: Connector, quarantined: Set<string>, state: SyncState): Promise<'ok' | 'lease_lost'>;
  fetch(connector: Connector, state: SyncState): Promise<Page<T>>;
  /** `page`: the whole page, for what it carries besides records (listings: stock read apart). */
  upsert(tx: Tx, scope: Scope, records: T[], page: Page<T>): Promise<{ written: number }>;
  /** The state after the last page of a run (orders: the cursor moves to the window's end). */
  closeWindow?(next: SyncState, state: SyncState): void;
}

export async function runSync<T>(ctx: RunContext, job: AccountJob, spec: SyncSpec<T>): Promise<JobOutcome> {
  let state = syncStateOf(job.state);
  let connector: Connector | undefined;
  let callsSeen = 0;
  try {
    connector = await ctx.connectorFor(job);
    const scope: Scope = { orgId: job.orgId, accountId: job.accountId, marketplace: connector.marketplace };
    if (!state.window && spec.openWindow) {
      spec.openWindow(state, ctx.now(), ctx.lookbackMs ?? INITIAL_LOOKBACK_MS);
      state.page = null;
    }
    const quarantined = await quarantinedIds(ctx.db, job.accountId, spec.records.kind);
    if (!state.runId) {
      state.runId = await startRun(ctx.db, job, spec.runKind, ctx.trigger, state);
      if (spec.beforeRun && (await spec.beforeRun(ctx, job, connector, quarantined, state)) === 'lease_lost') return 'lease_lost';
    }

    for (;;) {
      if (ctx.now() >= ctx.deadline) {
        // Out of time: release the lease with the job due at once, so the next tick continues
        // this same run (runId, window and page are kept).
        const released = await ctx.db.transaction((tx) => ctx.jobs.pause(tx, state));
        return released ? 'paused' : 'lease_lost';
      }
      const page = await spec.fetch(connector, state);
      const calls = connector.apiCalls - callsSeen;
      callsSeen = connector.apiCalls;
      const last = page.next === null;
      // Odd records are quarantined and the rest stored; a page with nothing readable fails.
      const { ok, rejected } = screenPage(spec.records, page.records, page.rejected);
      if (ok.length === 0 && rejected.length > 0) throw new PageRejectedError(rejected);
      const outcome = await ctx.db.transaction(async (tx) => {
        const next: SyncState = { ...state, page: page.next };
        if (last) {
          spec.closeWindow?.(next, state);
          delete next.runId;
        }
        if (!(await ctx.jobs.saveProgress(tx, next))) return { outcome: 'lease_lost' as const, next };
        const { written } = await spec.upsert(tx, scope, ok, page);
        if (rejected.length) await quarantine(tx, scope, rejected, ctx.now());
        await release(tx, job.accountId, spec.records.kind, ok.map((r) => spec.records.idOf(r)), quarantined);
        await tx.execute(sql`update public.sync_runs set pages = pages + 1, records_upserted = records_upserted + ${written},
          api_calls = api_calls + ${calls} where id = ${state.runId!}`);
        if (last) {
          await finishRun(tx, state.runId!, 'succeeded', null, ctx.now());
          await markAccountHealthy(tx, job.accountId, ctx.now());
          await ctx.jobs.complete(tx, next);
        }
        return { outcome: last ? ('completed' as const) : ('continue' as const), next };
      });
      // Only once the page is committed does the in-memory state move on.
      if (outcome.outcome === 'lease_lost') return 'lease_lost';
      state = outcome.next;
      if (outcome.outcome === 'completed') return 'completed';
    }
  } catch (e) {
    ctx.onError?.(job, e);
    await recordFailure(ctx, job, state, e, connector ? connector.apiCalls - callsSeen : 0, connector?.marketplace);
    return 'failed';
  }
}

/** What a sync run left behind by a dead worker is closed with. */
export const INTERRUPTED_RUN_ERROR = 'Interrupted: the worker running this sync stopped (its lease expired and another worker took over)';

/**
 * Taking over an expired lease means the worker that held it died (or stalled past its lease):
 * its runs of this kind still marked running are closed as failed ("interrupted"), and the job
 * continues its window (kept in the state) in a new run.
 */
export async function closeInterruptedRuns(tx: Tx, job: Pick<AccountJob, 'orgId' | 'accountId' | 'state'>, runKind: SyncSpec<unknown>['runKind'], now: number): Promise<SyncState> {
  await tx.execute(sql`
    update public.sync_runs set status = 'failed', error = ${INTERRUPTED_RUN_ERROR}, finished_at = ${new Date(now).toISOString()}::timestamptz
    where marketplace_account_id = ${job.accountId} and org_id = ${job.orgId} and kind = ${runKind} and status = 'running'`);
  const next = syncStateOf(job.state);
  delete next.runId;
  return next;
}

async function startRun(db: Db, job: AccountJob, kind: SyncSpec<unknown>['runKind'], trigger: JobTrigger, state: SyncState): Promise<string> {
  const [run] = await db
    .insert(syncRuns)
    .values({
      orgId: job.orgId,
      marketplaceAccountId: job.accountId,
      kind,
      trigger,
      cursorFrom: state.window ? new Date(state.window.from) : null,
      cursorTo: state.window ? new Date(state.window.to) : null,
    })
    .returning({ id: syncRuns.id });
  await db.update(marketplaceAccounts).set({ lastSyncStartedAt: new Date() }).where(eq(marketplaceAccounts.id, job.accountId));
  return run.id;
}

async function finishRun(tx: Tx, runId: string, status: 'succeeded' | 'failed', error: string | null, now: number): Promise<void> {
  await tx.update(syncRuns).set({ status, error, finishedAt: new Date(now) }).where(eq(syncRuns.id, runId));
}

async function markAccountHealthy(tx: Tx, accountId: string, now: number): Promise<void> {
  await tx
    .update(marketplaceAccounts)
    .set({ lastSyncSucceededAt: new Date(now), lastSyncError: null, consecutiveAuthFailures: 0 })
    .where(eq(marketplaceAccounts.id, accountId));
}

/** What may be shown and stored about a failure: never a body, a credential or buyer data. */
export function sanitizedError(e: unknown): string {
  if (e instanceof MarketplaceError) {
    const what: Record<string, string> = {
      auth: 'The marketplace refused the credentials',
      rate_limited: 'The marketplace kept rate-limiting the requests',
      transient: 'The marketplace had a temporary error',
      timeout: 'The marketplace did not answer in time',
      malformed: 'The marketplace sent a response ESM could not read',
      not_found: 'The marketplace answered "not found"',
      permanent: 'The marketplace rejected the request',
    };
    return `${what[e.kind]} (${e.message})`.slice(0, 500);
  }
  // Built from ESM's own wording and schema paths only (records.ts).
  if (e instanceof PageRejectedError) return e.message;
  return 'Internal error while syncing; see the server log';
}

async function recordFailure(ctx: RunContext, job: AccountJob, state: SyncState, e: unknown, calls: number, marketplace?: Marketplace): Promise<void> {
  const message = sanitizedError(e);
  const auth = e instanceof MarketplaceError && e.kind === 'auth';
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    if (state.runId) {
      await tx.execute(sql`update public.sync_runs set api_calls = api_calls + ${calls} where id = ${state.runId}`);
      await finishRun(tx, state.runId, 'failed', message, now);
    }
    // A page with nothing readable: its records are shown in quarantine too.
    if (e instanceof PageRejectedError) await quarantine(tx, { orgId: job.orgId, accountId: job.accountId }, e.rejected, now);
    // Keep the window and page: the next attempt (retried with backoff) resumes exactly where this one stopped.
    const next: SyncState = { ...state };
    delete next.runId;
    await ctx.jobs.fail(tx, message, next);
    const [acct] = await tx
      .update(marketplaceAccounts)
      .set({
        lastSyncError: message,
        consecutiveAuthFailures: auth ? sql`${marketplaceAccounts.consecutiveAuthFailures} + 1` : 0,
      })
      .where(eq(marketplaceAccounts.id, job.accountId))
      .returning({ failures: marketplaceAccounts.consecutiveAuthFailures, status: marketplaceAccounts.status });
    if (auth && acct && acct.failures >= AUTH_FAILURES_TO_RECONNECT && acct.status === 'active') {
      await tx
        .update(marketplaceAccounts)
        .set({ status: 'needs_reconnect', statusReason: 'The marketplace refused the stored credentials repeatedly. Reconnect the account.' })
        .where(eq(marketplaceAccounts.id, job.accountId));
      await recordAudit(tx, {
        orgId: job.orgId,
        actor: { type: 'system' },
        action: 'account.needs_reconnect',
        targetType: 'marketplace_account',
        targetId: job.accountId,
        details: { marketplace: marketplace ?? null, failures: acct.failures },
      });
    }
  });
}
