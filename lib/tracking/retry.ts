// "Retry" on a failed push (operators and up): the shipment goes back to pending and a new push
// job is queued, in one transaction, conditional on it still being 'failed' (a double click
// queues one job). The job reads the marketplace before sending, so a push that landed after all
// is recognised, not repeated.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsService, runAsUser, type Claims } from '@/lib/db/session';
import { recordAudit } from '@/lib/audit';
import { hasRole } from '@/lib/orgs/roles';
import { isUuid } from '@/lib/orders/detail';
import { orderRole } from '@/lib/shipping/shippable';
import { enqueuePush } from './enqueue';

export type RetryOutcome = { ok: true; message: string } | { ok: false; message: string };

const NOT_FOUND = 'This shipment no longer exists or you no longer have access to it.';

export async function retryPush(db: Db, claims: Claims, shipmentId: string): Promise<RetryOutcome> {
  if (!isUuid(shipmentId)) return { ok: false, message: NOT_FOUND };
  const access = await runAsUser(db, claims, async (tx) => {
    const [s] = rowsOf<{ order_id: string }>(await tx.execute(sql`select order_id from public.shipments where id = ${shipmentId}`));
    return s ? orderRole(tx, s.order_id, claims.sub) : null;
  });
  if (!access) return { ok: false, message: NOT_FOUND };
  if (!hasRole(access.role, 'operator')) return { ok: false, message: "Viewers can't retry a tracking upload. Ask an admin of your organization for the operator role." };
  return runAsService(db, 'shipping', async (tx) => {
    const [row] = rowsOf<{ id: string; org_id: string }>(
      await tx.execute(sql`update public.shipments set tracking_push_status = 'pending', tracking_push_error = null
        where id = ${shipmentId} and tracking_push_status = 'failed' returning id, org_id`),
    );
    if (!row) return { ok: false as const, message: 'This tracking upload is not failed (it may already be retrying). Reload the page.' };
    const [n] = rowsOf<{ n: number }>(
      await tx.execute(sql`select count(*)::int as n from public.jobs where org_id = ${row.org_id} and kind = 'tracking_push' and payload->>'shipmentId' = ${shipmentId}`),
    );
    await enqueuePush(tx, shipmentId, Number(n.n));
    await recordAudit(tx, { orgId: row.org_id, actor: { type: 'user', userId: claims.sub }, action: 'shipment.tracking_push_retried', targetType: 'shipment', targetId: shipmentId });
    return { ok: true as const, message: 'Sending the tracking again.' };
  });
}
