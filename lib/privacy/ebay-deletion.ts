// Honouring an eBay Marketplace Account Deletion: in every organization, the buyer PII of that
// eBay user's orders is anonymized, and a connected seller account of that user is disconnected
// with its credentials deleted. One audit event per organization touched, with counts only; the
// notification keeps what proves it was honoured and forgets the user's identifiers. Each
// notification is one transaction, claimed with SKIP LOCKED so two workers never take the same.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/lib/db/connect';
import { recordAudit } from '@/lib/audit';
import { anonymizeBuyers } from './anonymize';

interface Pending {
  notification_id: string;
  username: string | null;
  user_id: string | null;
}

export interface DeletionRunResult {
  honoured: number;
  failed: number;
}

const DISCONNECT_REASON = 'The eBay account was deleted (eBay account-deletion notification); credentials deleted.';

async function claimNext(tx: Tx, skip: string[]): Promise<Pending | undefined> {
  const [row] = rowsOf<Pending>(
    await tx.execute(sql`
      select notification_id, username, user_id from public.ebay_deletion_notifications
       where status = 'pending' ${skip.length ? sql`and notification_id not in (${sql.join(skip.map((s) => sql`${s}`), sql`, `)})` : sql``}
       order by received_at limit 1 for update skip locked`),
  );
  return row;
}

async function honour(tx: Tx, n: Pending, now: Date): Promise<void> {
  const refs = [n.username, n.user_id];
  const anonymized = await anonymizeBuyers(
    tx,
    sql`select b.order_id from public.order_buyers b join public.orders o on o.id = b.order_id
         where o.marketplace = 'ebay' and b.marketplace_buyer_ref in (${refs[0]}, ${refs[1]})`,
    now,
  );
  const accounts = rowsOf<{ id: string; org_id: string }>(
    await tx.execute(sql`
      update public.marketplace_accounts
         set status = 'disconnected', status_reason = ${DISCONNECT_REASON}, disconnected_at = ${now.toISOString()}::timestamptz
       where marketplace = 'ebay' and external_account_id in (${refs[0]}, ${refs[1]})
      returning id, org_id`),
  );
  for (const a of accounts) {
    await tx.execute(sql`delete from public.marketplace_credentials where account_id = ${a.id}`);
    await tx.execute(sql`delete from public.jobs where marketplace_account_id = ${a.id}`);
  }
  const perOrg = new Map<string, { buyers: number; accounts: number }>();
  for (const a of anonymized) perOrg.set(a.orgId, { buyers: a.buyers, accounts: 0 });
  for (const a of accounts) {
    const e = perOrg.get(a.org_id) ?? { buyers: 0, accounts: 0 };
    e.accounts += 1;
    perOrg.set(a.org_id, e);
  }
  for (const [orgId, c] of perOrg) {
    await recordAudit(tx, {
      orgId,
      actor: { type: 'marketplace' },
      action: 'privacy.ebay_account_deleted',
      targetType: 'ebay_notification',
      targetId: n.notification_id,
      details: { buyers_anonymized: c.buyers, accounts_disconnected: c.accounts },
    });
  }
  await tx.execute(sql`
    update public.ebay_deletion_notifications
       set status = 'done', username = null, user_id = null, eias_token = null, processed_at = ${now.toISOString()}::timestamptz,
           attempts = attempts + 1, last_error = null, orgs_touched = ${perOrg.size},
           buyers_anonymized = ${anonymized.reduce((s, a) => s + a.buyers, 0)}, accounts_disconnected = ${accounts.length}
     where notification_id = ${n.notification_id}`);
}

/**
 * Honours pending notifications, oldest first, up to `limit`. A failure is kept on its row
 * (attempts, a message without identifiers) and retried on a later run.
 */
export async function processEbayDeletions(db: Db, o: { limit?: number; now?: () => Date } = {}): Promise<DeletionRunResult> {
  const limit = o.limit ?? 100;
  const failedIds: string[] = [];
  let honoured = 0;
  while (honoured + failedIds.length < limit) {
    let claimed: string | undefined;
    try {
      const done = await db.transaction(async (tx) => {
        const n = await claimNext(tx, failedIds);
        if (!n) return false;
        claimed = n.notification_id;
        await honour(tx, n, o.now?.() ?? new Date());
        return true;
      });
      if (!done) break;
      honoured += 1;
    } catch (e) {
      if (!claimed) throw e;
      failedIds.push(claimed);
      const message = `Deletion failed (${e instanceof Error ? e.name : 'error'}); it will be retried.`;
      await db.execute(sql`update public.ebay_deletion_notifications set attempts = attempts + 1, last_error = ${message}
        where notification_id = ${claimed}`);
    }
  }
  return { honoured, failed: failedIds.length };
}
