// Runs one claimed sync job page by page. Each page is written in the same transaction that
// records where the next page starts, so a crash at any point resumes with nothing lost and
// nothing duplicated; the account's cursor moves to the end of the window only after its last
// page is committed. A run interrupted by the time budget continues on the next tick.
import { eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db/connect';
import { marketplaceAccounts, syncRuns } from '@/lib/db/schema';
import { MarketplaceError } from '@/lib/marketplaces/http';
import type { Connector, Marketplace, NormalizedListing, NormalizedOrder, OrderWindow } from '@/lib/marketplaces/types';
import { finishJob, nextRunAt, retryDelayMs, saveProgress, type Job } from './jobs';
import { PageRejectedError, quarantine, quarantinedIds, release, screenPage, externalIdOf } from './quarantine';
import { retryQuarantinedOrders } from './retry-quarantined';
import { upsertListings } from './upsert-listings';
import { upsertOrders } from './upsert-orders';

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

export interface RunContext {
  db: Db;
  connectorFor(job: Job): Promise<Connector>;
  now(): number;
  leaseMs: number;
  /** No new page is started after this instant (ms). */
  deadline: number;
  trigger: 'schedule' | 'manual' | 'connect';
  lookbackMs?: number;
  onError?(job: Job, error: unknown): void;
}

export type RunOutcome = 'completed' | 'paused' | 'failed' | 'lease_lost';

export async function runJob(ctx: RunContext, job: Job): Promise<RunOutcome> {
  let state: SyncState = { ...(job.state as SyncState) };
  let connector: Connector | undefined;
  let callsSeen = 0;
  try {
    connector = await ctx.connectorFor(job);
    const marketplace = connector.marketplace;
    const scope = { orgId: job.orgId, accountId: job.accountId, marketplace };
    if (job.kind === 'sync_orders' && !state.window) {
      const now = ctx.now();
      const from = state.cursor ? Date.parse(state.cursor) - OVERLAP_MS : now - (ctx.lookbackMs ?? INITIAL_LOOKBACK_MS);
      state.window = { from: new Date(from).toISOString(), to: new Date(now).toISOString() };
      state.page = null;
    }
    const recordKind = job.kind === 'sync_orders' ? 'order' : 'listing';
    const quarantined = await quarantinedIds(ctx.db, job.accountId, recordKind);
    if (!state.runId) {
      state.runId = await startRun(ctx.db, job, ctx.trigger, state);
      if (job.kind === 'sync_orders' && (await retryQuarantinedOrders(ctx, job, connector, quarantined, state)) === 'lease_lost') return 'lease_lost';
    }

    for (;;) {
      if (ctx.now() >= ctx.deadline) {
        // Out of time: release the lease with the job due at once, so the next tick continues
        // this same run (runId, window and page are kept).
        const released = await ctx.db.transaction((tx) => finishJob(tx, job, { state, runAt: new Date(ctx.now()), succeeded: true }));
        return released ? 'paused' : 'lease_lost';
      }
      const page =
        job.kind === 'sync_orders'
          ? await connector.fetchOrders(windowOf(state), state.page ?? null)
          : await connector.fetchListings(state.page ?? null);
      const calls = connector.apiCalls - callsSeen;
      callsSeen = connector.apiCalls;
      const last = page.next === null;
      // Odd records are quarantined and the rest stored; a page with nothing readable fails.
      const { ok, rejected } = screenPage(recordKind, page.records as Array<NormalizedOrder | NormalizedListing>, page.rejected);
      if (ok.length === 0 && rejected.length > 0) throw new PageRejectedError(rejected);
      const outcome = await ctx.db.transaction(async (tx) => {
        const next: SyncState = { ...state, page: page.next };
        if (last && job.kind === 'sync_orders') {
          next.cursor = state.window!.to;
          delete next.window;
          delete next.page;
        }
        if (last) delete next.runId;
        if (!(await saveProgress(tx, job, next, ctx.now() + ctx.leaseMs))) return { outcome: 'lease_lost' as const, next };
        const { written } =
          job.kind === 'sync_orders'
            ? await upsertOrders(tx, scope, ok as NormalizedOrder[])
            : await upsertListings(tx, scope, ok as NormalizedListing[]);
        if (rejected.length) await quarantine(tx, scope, rejected, ctx.now());
        await release(tx, job.accountId, recordKind, ok.map((r) => externalIdOf(recordKind, r)), quarantined);
        await tx.execute(sql`update public.sync_runs set pages = pages + 1, records_upserted = records_upserted + ${written},
          api_calls = api_calls + ${calls} where id = ${state.runId!}`);
        if (last) {
          await finishRun(tx, state.runId!, 'succeeded', null, ctx.now());
          await markAccountHealthy(tx, job.accountId, ctx.now());
          await finishJob(tx, job, { state: next, runAt: nextRunAt(job.kind, job.accountId, ctx.now()), succeeded: true });
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

function windowOf(state: SyncState): OrderWindow {
  return { updatedFrom: new Date(state.window!.from), updatedTo: new Date(state.window!.to) };
}

async function startRun(db: Db, job: Job, trigger: RunContext['trigger'], state: SyncState): Promise<string> {
  const [run] = await db
    .insert(syncRuns)
    .values({
      orgId: job.orgId,
      marketplaceAccountId: job.accountId,
      kind: job.kind === 'sync_orders' ? 'orders' : 'listings',
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

async function recordFailure(ctx: RunContext, job: Job, state: SyncState, e: unknown, calls: number, marketplace?: Marketplace): Promise<void> {
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
    // Keep the window and page: the next attempt resumes exactly where this one stopped.
    const next: SyncState = { ...state };
    delete next.runId;
    await finishJob(tx, job, { state: next, runAt: new Date(now + retryDelayMs(job.kind, job.attempts)), succeeded: false, error: message });
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
      await tx.execute(sql`insert into public.audit_events (org_id, actor_type, action, target_type, target_id, details)
        values (${job.orgId}, 'system', 'account.needs_reconnect', 'marketplace_account', ${job.accountId},
          ${JSON.stringify({ marketplace: marketplace ?? null, failures: acct.failures })}::jsonb)`);
    }
  });
}
