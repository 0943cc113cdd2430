// A quarantined order may never change again, so it would never come back in a window: where the
// marketplace can fetch one order by id, each new orders run re-fetches a bounded number of them
// first. One that now parses is stored and leaves quarantine; one still odd counts another try.
import type { AccountJob } from '@/lib/jobs/registry';
import { MarketplaceError } from '@/lib/marketplaces/http';
import type { Connector } from '@/lib/marketplaces/types';
import { ORDER_RECORDS, quarantine, release, screenPage, touchQuarantined } from './quarantine';
import type { RunContext } from './run';
import { upsertOrders } from './upsert-orders';

/** Re-fetches per run: quarantine is for the odd record, not a second sync. */
export const MAX_RETRIES_PER_RUN = 20;

export async function retryQuarantinedOrders(
  ctx: RunContext,
  job: AccountJob,
  connector: Connector,
  quarantined: Set<string>,
  state: Record<string, unknown>,
): Promise<'ok' | 'lease_lost'> {
  if (!connector.fetchOrder || quarantined.size === 0) return 'ok';
  const scope = { orgId: job.orgId, accountId: job.accountId, marketplace: connector.marketplace };
  for (const id of [...quarantined].sort().slice(0, MAX_RETRIES_PER_RUN)) {
    if (ctx.now() >= ctx.deadline) break;
    let page;
    try {
      page = await connector.fetchOrder(id);
    } catch (e) {
      // A marketplace problem here is the window's problem too: leave it to the run proper.
      if (e instanceof MarketplaceError) break;
      throw e;
    }
    const { ok, rejected } = screenPage(ORDER_RECORDS, page.records, page.rejected);
    const kept = await ctx.db.transaction(async (tx) => {
      if (!(await ctx.jobs.saveProgress(tx, state))) return false;
      if (ok.length) {
        await upsertOrders(tx, scope, ok);
        await release(tx, job.accountId, 'order', ok.map((o) => o.externalOrderId), quarantined);
      }
      if (rejected.length) await quarantine(tx, scope, rejected, ctx.now());
      if (!ok.length && !rejected.some((r) => r.externalId === id)) await touchQuarantined(tx, job.accountId, 'order', id, ctx.now());
      return true;
    });
    if (!kept) return 'lease_lost';
  }
  return 'ok';
}
