import 'server-only';
// "Sync now": an operator (or higher) pulls the account's sync jobs forward to now, inside their
// own withUser transaction, so RLS (jobs_update: operator+) is the final word. The caller then
// runs the due jobs through the job runner after the response; a job already leased by the
// scheduler simply finishes. The account's other jobs (a tracking push, say) keep their time.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { jobs, marketplaceAccounts } from '@/lib/db/schema';
import { hasRole, roleIn } from '@/lib/orgs/roles';
import { recordAudit } from '@/lib/audit';
import type { Result } from '@/lib/messages';
import { log } from '@/lib/log';
import { SYNC_KINDS } from '@/lib/sync/handlers';
import { runSyncTick } from '@/lib/sync/tick';

export type SyncNowResult = Result<object, 'forbidden' | 'not_found' | 'inactive'>;

const refuse = (reason: 'forbidden' | 'not_found' | 'inactive') => ({ ok: false, reason }) as const;

export async function requestSyncNow(tx: Tx, a: { orgId: string; userId: string; accountId: string }): Promise<SyncNowResult> {
  const role = await roleIn(tx, a.orgId, a.userId);
  if (!role) return refuse('not_found');
  if (!hasRole(role, 'operator')) return refuse('forbidden');
  const [acct] = await tx
    .select({ status: marketplaceAccounts.status, marketplace: marketplaceAccounts.marketplace })
    .from(marketplaceAccounts)
    .where(and(eq(marketplaceAccounts.id, a.accountId), eq(marketplaceAccounts.orgId, a.orgId)));
  if (!acct) return refuse('not_found');
  // The worker only claims jobs of active accounts: the others need reconnecting first.
  if (acct.status !== 'active') return refuse('inactive');
  const moved = await tx
    .update(jobs)
    .set({ runAt: sql`now()` })
    .where(and(eq(jobs.orgId, a.orgId), eq(jobs.marketplaceAccountId, a.accountId), inArray(jobs.kind, [...SYNC_KINDS])))
    .returning({ id: jobs.id });
  if (!moved.length) return refuse('inactive');
  await recordAudit(tx, {
    orgId: a.orgId,
    actor: { type: 'user', userId: a.userId },
    action: 'account.sync_requested',
    targetType: 'marketplace_account',
    targetId: a.accountId,
    details: { marketplace: acct.marketplace },
  });
  return { ok: true };
}

/**
 * Runs the account's due jobs in this process: orders first (what people wait for), then
 * listings with what is left of the budget. Meant for `after()` in the request that asked.
 */
export async function runAccountSync(accountId: string, trigger: 'manual' | 'connect', budgetMs = 50_000): Promise<void> {
  const started = Date.now();
  try {
    await runSyncTick({ accountId, trigger, budgetMs, kinds: ['sync_orders'] });
    const left = budgetMs - (Date.now() - started);
    if (left > 1_000) await runSyncTick({ accountId, trigger, budgetMs: left, kinds: ['sync_listings'] });
  } catch (e) {
    // Job failures are recorded by the worker; this is the database or the process itself.
    log.error({ accountId, err: { name: (e as Error)?.name, code: (e as { code?: unknown })?.code } }, 'account sync after request failed');
  }
}
