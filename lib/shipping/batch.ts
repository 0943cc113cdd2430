import 'server-only';
// Buying labels for many orders: one `label_batch` job (lib/jobs), so closing the tab does not
// stop it. Order by order it quotes, picks a rate by the batch's rule and buys through the same
// exactly-once path as one order (buyLabel), as the person who started it (their role is checked
// for every order). Each order's result is saved with the job's progress; a retry is a new batch
// of the orders not bought, so nothing bought is bought again. The payload and results hold ids
// and safe text only: members can read jobs.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/lib/db';
import { runAsUser } from '@/lib/db/session';
import type { JobContext, JobRegistry } from '@/lib/jobs/registry';
import { hasRole } from '@/lib/orgs/roles';
import { roleIn } from '@/lib/orgs/roles';
import type { Pacer } from './pace';
import { buyLabel, resolveShipment, type BuyOutcome, type ShippingDeps } from './purchase';
import { loadShippable } from './shippable';
import { quoteForOrder } from './quote';
import type { RateView } from './types';

export const BATCH_MAX = 500;
export type BatchRule = 'cheapest_in_time' | 'cheapest' | 'fastest';
export type BatchOutcome = 'bought' | 'blocked' | 'address_invalid' | 'no_rate' | 'failed' | 'unconfirmed';

export type BatchPayload = {
  orderIds: string[];
  rule: BatchRule;
  presetId: string;
  shipFromId: string;
  userId: string;
  retryOf?: string;
};

export interface BatchResult {
  outcome: BatchOutcome;
  message?: string;
  shipmentId?: string;
  /** Shippo asked to wait this long before asking again (not saved: used while the batch runs). */
  retryInMs?: number;
}

/** Results so far, and how many settling sweeps over unconfirmed purchases have started. */
export type BatchState = { results?: Record<string, BatchResult>; sweep?: number };

/**
 * After its pass over the orders, a batch goes back over the purchases Shippo did not confirm
 * (a timeout, a 5xx, a dropped connection) up to this many times, each a reconcile first, so a
 * passing fault does not need a person's retry. What is still unclear after that waits for one.
 */
export const SETTLE_SWEEPS = 2;

/**
 * Every order of a batch that did not get a label can be tried again: a failure or an unclear
 * purchase (reconciled first), and also a rule block or a bad address once the seller has changed
 * the rule or corrected the address. A bought order never is: nothing is bought twice.
 */
export function isRetryable(outcome: BatchOutcome): boolean {
  return outcome !== 'bought';
}

/** The rate a batch rule picks; null when none qualifies (e.g. nothing arrives by deliver-by). */
export function pickRate(rates: RateView[], rule: BatchRule): RateView | null {
  const byPrice = [...rates].sort((a, b) => Number(a.amount) - Number(b.amount));
  if (rule === 'cheapest') return byPrice[0] ?? null;
  if (rule === 'fastest') return [...byPrice].sort((a, b) => (a.estimatedDays ?? 99) - (b.estimatedDays ?? 99))[0] ?? null;
  // No deliver-by date on the order: any rate arrives in time.
  return byPrice.find((r) => r.arrivesInTime !== false) ?? null;
}

function classify(message: string): BatchOutcome {
  if (/Blocked by your rule/.test(message)) return 'blocked';
  if (/ship-to address|no ship-to address/i.test(message)) return 'address_invalid';
  if (/No carrier offered a rate/.test(message)) return 'no_rate';
  return 'failed';
}

/** One order of a batch, start to end. Never throws for the order's own problems. */
export async function shipOne(deps: ShippingDeps, p: BatchPayload, orderId: string): Promise<BatchResult> {
  const claims = { sub: p.userId, role: 'authenticated' };
  // An earlier unclear purchase of this order is settled (reconciled first), never bought anew.
  const pre = await runAsUser(deps.db, claims, (tx) => loadShippable(tx, orderId, claims.sub));
  if (!pre.ok && pre.active?.status === 'unknown') return asResult(await resolveShipment(deps, pre.active.id));
  const q = await quoteForOrder(deps, claims, { orderId, shipFromId: p.shipFromId, presetId: p.presetId });
  if (!q.ok) return { outcome: classify(q.message), message: q.message.slice(0, 300) };
  const rate = pickRate(q.quote.rates, p.rule);
  if (!rate) return { outcome: 'no_rate', message: 'No rate arrives by the deliver-by date.' };
  return asResult(await buyLabel(deps, claims, { orderId, rateId: rate.id, quoted: { shipmentId: q.quote.shippoShipmentId, rate } }));
}

function asResult(out: BuyOutcome): BatchResult {
  if (out.ok) return { outcome: 'bought', shipmentId: out.shipmentId };
  const result: BatchResult = { outcome: out.status === 'unknown' ? 'unconfirmed' : classify(out.message), message: out.message.slice(0, 300), shipmentId: out.shipmentId };
  return out.retryInMs === undefined ? result : { ...result, retryInMs: out.retryInMs };
}

/** How long Shippo asked us to wait, when a result is its 429 (nothing was bought, or nothing learnt). */
export function throttledForMs(r: BatchResult): number | null {
  if (r.retryInMs !== undefined) return r.retryInMs;
  const m = r.outcome === 'failed' ? /limiting requests.*?try again in (\d+) seconds/.exec(r.message ?? '') : null;
  return m ? Number(m[1]) * 1000 : null;
}

export async function runBatch(ctx: JobContext<BatchPayload>, shippo: ShippingDeps['shippo'], pace?: Pacer): Promise<'completed' | 'paused' | 'lease_lost'> {
  const deps = { db: ctx.db, shippo };
  const saved = ctx.job.state as BatchState;
  const results: Record<string, BatchResult> = { ...(saved.results ?? {}) };
  let sweep = saved.sweep ?? 0;
  const state = (): BatchState => ({ results, sweep });
  const pause = async () => ((await ctx.db.transaction((tx) => ctx.pause(tx, state()))) ? 'paused' : 'lease_lost');
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** One order, within Shippo's rate limit; false when the tick's time is out (paused) or the lease lost. */
  const step = async (orderId: string): Promise<'ok' | 'paused' | 'lease_lost'> => {
    if (ctx.signal.aborted) return 'lease_lost';
    // Wait for this order's slot rather than be refused.
    const slot = pace?.reserve() ?? 0;
    // Out of this tick's time: the next tick continues with the orders not done yet.
    if (ctx.now() + slot >= ctx.deadline) return pause();
    if (slot > 0) await wait(slot);
    let result = await shipOne(deps, ctx.job.payload, orderId);
    const throttled = throttledForMs(result);
    if (throttled !== null) {
      // Shippo's rate limit: wait as it asks, then try this order again; past the tick's budget,
      // the next tick carries on from here. The try again takes a slot of its own: unpaced, it
      // would put the pace behind Shippo's count.
      const again = Math.max(throttled, pace?.reserve() ?? 0);
      if (ctx.now() + again >= ctx.deadline) return pause();
      await wait(again);
      result = await shipOne(deps, ctx.job.payload, orderId);
    }
    const { retryInMs: _r, ...kept } = result;
    results[orderId] = kept;
    return (await ctx.db.transaction((tx) => ctx.saveProgress(tx, state()))) ? 'ok' : 'lease_lost';
  };

  for (const orderId of ctx.job.payload.orderIds) {
    if (results[orderId]) continue;
    const r = await step(orderId);
    if (r !== 'ok') return r;
  }
  // Settle what Shippo did not confirm: reconcile first, buy only if Shippo has no label.
  for (; sweep < SETTLE_SWEEPS; sweep++) {
    const unsettled = ctx.job.payload.orderIds.filter((id) => results[id]?.outcome === 'unconfirmed');
    if (!unsettled.length) break;
    for (const orderId of unsettled) {
      const r = await step(orderId);
      if (r !== 'ok') return r;
    }
  }
  return (await ctx.db.transaction((tx) => ctx.complete(tx, state()))) ? 'completed' : 'lease_lost';
}

/** Starts a batch for an operator (or above) of the organization; at most BATCH_MAX orders. */
export async function startBatch(
  db: Db,
  user: { sub: string },
  orgId: string,
  p: Omit<BatchPayload, 'userId'>,
  registry: JobRegistry,
): Promise<{ ok: true; jobId: string } | { ok: false; message: string }> {
  const orderIds = [...new Set(p.orderIds)];
  if (!orderIds.length) return { ok: false, message: 'Select at least one order.' };
  if (orderIds.length > BATCH_MAX) return { ok: false, message: `Select at most ${BATCH_MAX} orders at a time.` };
  const role = await runAsUser(db, { sub: user.sub, role: 'authenticated' }, (tx) => roleIn(tx, orgId, user.sub));
  if (!hasRole(role, 'operator')) return { ok: false, message: "Viewers can't buy labels. Ask an admin of your organization for the operator role." };
  const { id } = await registry.enqueue<BatchPayload>(db, 'label_batch', { orgId, payload: { ...p, orderIds, userId: user.sub } });
  return { ok: true, jobId: id };
}

/**
 * A new batch of a finished batch's orders that did not get a label, with the same rule, package
 * and ship-from; started as the person asking (their role is checked again).
 */
export async function retryBatch(
  db: Db,
  user: { sub: string },
  batchId: string,
  registry: JobRegistry,
): Promise<{ ok: true; jobId: string } | { ok: false; message: string }> {
  const batch = await getBatch(db, user, batchId);
  if (!batch) return { ok: false, message: 'This batch no longer exists.' };
  if (batch.status === 'queued' || batch.status === 'running') return { ok: false, message: 'This batch is still running. Retry once it has finished.' };
  const orderIds = batch.payload.orderIds.filter((id) => batch.results[id] && isRetryable(batch.results[id].outcome));
  if (!orderIds.length) return { ok: false, message: 'Every order of this batch has its label; nothing to retry.' };
  const { orderIds: _o, userId: _u, ...rest } = batch.payload;
  return startBatch(db, user, batch.orgId, { ...rest, orderIds, retryOf: batch.id }, registry);
}

export interface BatchView {
  id: string;
  orgId: string;
  status: string;
  lastError: string | null;
  payload: BatchPayload;
  results: Record<string, BatchResult>;
  createdAt: Date;
}

/** A batch as a member sees it (the jobs row under RLS). */
export async function getBatch(db: Db, user: { sub: string }, jobId: string): Promise<BatchView | null> {
  return runAsUser(db, { sub: user.sub, role: 'authenticated' }, async (tx) => {
    const [row] = rowsOf<{ id: string; org_id: string; status: string; last_error: string | null; payload: BatchPayload | string; state: BatchState | string; created_at: string | Date }>(
      await tx.execute(sql`select id, org_id, status, last_error, payload, state, created_at from public.jobs where id = ${jobId}::uuid and kind = 'label_batch'`),
    );
    if (!row) return null;
    const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
    return {
      id: row.id, orgId: row.org_id, status: row.status, lastError: row.last_error, payload: json(row.payload), results: json(row.state).results ?? {},
      createdAt: new Date(row.created_at),
    };
  });
}

/** The label_batch kind: one batch at a time per worker pair, a lease long enough for slow Shippo answers. */
export function registerLabelBatch(registry: JobRegistry, shippo: () => ShippingDeps['shippo'], pace?: Pacer): JobRegistry {
  if (registry.get('label_batch')) return registry;
  registry.register<BatchPayload>('label_batch', {
    scope: 'org',
    concurrency: 2,
    maxAttempts: 5,
    leaseMs: 120_000,
    backoff: { baseMs: 30_000, maxMs: 10 * 60_000 },
    handler: (ctx) => runBatch(ctx, shippo(), pace),
  });
  return registry;
}
