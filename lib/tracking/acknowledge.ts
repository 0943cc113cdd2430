// Walmart acknowledge (marketplace-apis.md §1.4): Walmart expects every Created order to be
// acknowledged, as ShipStation does on import. The orders sync queues one walmart_acknowledge job
// per account when it stored Created orders; the job acknowledges them one call per order (that
// is Walmart's API), paced by the connector's acknowledgeOrders bucket (5/s, burst 10), at most
// ACK_BATCH per run: more are left to the next tick. An order Walmart refuses is recorded in the
// job's state with the message (shown on the order page) and not tried again by this job.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/lib/db/connect';
import { accountKind, type AccountJob, type JobContext, type JobRegistry } from '@/lib/jobs/registry';
import { requireCapability } from '@/lib/marketplaces/capabilities';
import type { Connector } from '@/lib/marketplaces/types';
import { upsertOrders } from '@/lib/sync/upsert-orders';
import { classifyPushError } from './errors';

export const ACK_BATCH = 50;

export type AckState = { acknowledged?: number; failures?: Record<string, string> };

/** Created (not yet acknowledged) Walmart orders of the account, oldest first, less those that failed. */
async function pending(tx: Tx | Db, accountId: string, skip: string[], limit: number): Promise<string[]> {
  return rowsOf<{ external_order_id: string }>(
    await tx.execute(sql`
      select o.external_order_id from public.orders o
      where o.marketplace_account_id = ${accountId} and o.marketplace = 'walmart' and o.status <> 'cancelled'
        and exists (select 1 from public.order_items i where i.order_id = o.id and i.marketplace_status = 'Created')
        -- Walmart refuses orders with a line shipped or cancelled ("some or all qty in higher status").
        and not exists (select 1 from public.order_items i where i.order_id = o.id and i.marketplace_status not in ('Created', 'Acknowledged'))
        ${skip.length ? sql`and o.external_order_id not in (${sql.join(skip.map((s) => sql`${s}`), sql`, `)})` : sql``}
      order by o.ordered_at, o.id limit ${limit}`),
  ).map((r) => r.external_order_id);
}

/** Called after an orders sync of a Walmart account: queues the acknowledge job unless one is waiting. */
export async function enqueueAcknowledge(db: Db, job: { orgId: string; accountId: string }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [acct] = rowsOf<{ marketplace: string }>(await tx.execute(sql`select marketplace from public.marketplace_accounts where id = ${job.accountId}`));
    if (acct?.marketplace !== 'walmart') return false;
    if (!(await pending(tx, job.accountId, [], 1)).length) return false;
    const inserted = rowsOf(
      await tx.execute(sql`
        insert into public.jobs (org_id, marketplace_account_id, kind, run_at, recurring, max_attempts, dedupe_key)
        select ${job.orgId}, ${job.accountId}, 'walmart_acknowledge', now(), false, 5, ${`ack:${job.accountId}:${Date.now()}`}
        where not exists (select 1 from public.jobs where marketplace_account_id = ${job.accountId} and kind = 'walmart_acknowledge'
          and status in ('queued', 'running'))
        returning id`),
    );
    return inserted.length > 0;
  });
}

export async function runAcknowledge(ctx: JobContext<Record<string, unknown>, AccountJob>, connectorFor: (db: Db, job: AccountJob) => Promise<Connector>) {
  const { db, job } = ctx;
  const state = job.state as AckState;
  const failures: Record<string, string> = { ...(state.failures ?? {}) };
  let acknowledged = state.acknowledged ?? 0;
  const connector = requireCapability(await connectorFor(db, job), 'acknowledgeOrders');
  const ids = await pending(db, job.accountId, Object.keys(failures), ACK_BATCH);
  for (const id of ids) {
    if (ctx.signal.aborted) return 'lease_lost';
    if (ctx.now() >= ctx.deadline) break;
    try {
      const [res] = await connector.acknowledgeOrders([id]);
      acknowledged++;
      await db.transaction(async (tx) => {
        if (res?.order) await upsertOrders(tx, { orgId: job.orgId, accountId: job.accountId, marketplace: 'walmart' }, [res.order]);
        // Walmart accepted it: never picked again, even before the next sync brings its new copy.
        await tx.execute(sql`update public.order_items i set marketplace_status = 'Acknowledged' from public.orders o
          where o.id = i.order_id and o.marketplace_account_id = ${job.accountId} and o.external_order_id = ${id} and i.marketplace_status = 'Created'`);
      });
    } catch (e) {
      failures[id] = classifyPushError(e, []).message;
    }
  }
  const next: AckState = { acknowledged, failures };
  const more = (await pending(db, job.accountId, Object.keys(failures), 1)).length > 0;
  const ok = await db.transaction((tx) => (more ? ctx.pause(tx, next) : ctx.complete(tx, next)));
  return ok ? (more ? 'paused' : 'completed') : 'lease_lost';
}

export function registerAcknowledge(registry: JobRegistry, connectorFor: (db: Db, job: AccountJob) => Promise<Connector>): JobRegistry {
  if (registry.get('walmart_acknowledge')) return registry;
  return registry.register(
    'walmart_acknowledge',
    accountKind({ concurrency: 4, maxAttempts: 5, backoff: { baseMs: 60_000, maxMs: 15 * 60_000 }, handler: (ctx) => runAcknowledge(ctx, connectorFor) }),
  );
}

/** What the order page shows: the message of the latest failed acknowledgement of this order, if any. */
export async function acknowledgeFailure(tx: Tx, o: { accountId: string; externalOrderId: string }): Promise<string | null> {
  const [r] = rowsOf<{ message: string | null }>(
    await tx.execute(sql`select state->'failures'->>${o.externalOrderId} as message from public.jobs
      where marketplace_account_id = ${o.accountId} and kind = 'walmart_acknowledge' order by created_at desc limit 1`),
  );
  return r?.message ?? null;
}
