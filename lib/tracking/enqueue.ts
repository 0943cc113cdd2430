// A push is never lost: its job row is written in the same transaction as the shipment state it
// pushes (a label's purchase, a manual package, a person's "Retry"). The dedupe key makes a
// second enqueue of the same attempt a no-op, so a replayed transition cannot queue two pushes.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';
import { nextPackageNumber, openLines, recordLines } from './lines';

/** Attempts of one push job before the shipment is marked failed ("needs attention"). */
export const PUSH_MAX_ATTEMPTS = 6;

export type PushPayload = { shipmentId: string };

/** Queues the push of `shipmentId` (attempt key: first push 0, each Retry 1, 2, …). */
export async function enqueuePush(tx: Tx, shipmentId: string, attempt = 0): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await tx.execute(sql`
      insert into public.jobs (org_id, marketplace_account_id, kind, run_at, recurring, max_attempts, payload, dedupe_key)
      select s.org_id, o.marketplace_account_id, 'tracking_push', now(), false, ${PUSH_MAX_ATTEMPTS},
        ${JSON.stringify({ shipmentId } satisfies PushPayload)}::jsonb, ${`push:${shipmentId}:${attempt}`}
      from public.shipments s join public.orders o on o.id = s.order_id where s.id = ${shipmentId}
      on conflict (org_id, kind, dedupe_key) where dedupe_key is not null do nothing
      returning id`),
  );
  return row?.id ?? '';
}

/**
 * A label row was just written (`purchasing`): it covers every unit of the order not shipped yet,
 * and takes the next package number. Same transaction as the insert.
 */
export async function coverOpenLines(tx: Tx, s: { id: string; orgId: string; orderId: string }): Promise<void> {
  const lines = (await openLines(tx, s.orderId)).filter((l) => l.unshipped > 0);
  await recordLines(tx, { orgId: s.orgId, shipmentId: s.id, lines: lines.map((l) => ({ orderItemId: l.orderItemId, quantity: l.unshipped })) });
  await tx.execute(sql`update public.shipments set package_number = ${await nextPackageNumber(tx, s.orderId)} where id = ${s.id}`);
}

/** A label was bought: its tracking goes to the marketplace. Same transaction as `purchased`. */
export async function labelBought(tx: Tx, s: { id: string }): Promise<void> {
  await tx.execute(sql`update public.shipments set shipped_at = coalesce(shipped_at, now()), tracking_push_status = 'pending', tracking_push_error = null
    where id = ${s.id} and tracking_push_status <> 'pushed'`);
  await enqueuePush(tx, s.id);
}
