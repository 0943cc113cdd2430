import 'server-only';
// Holding an order keeps it out of fulfilment until someone releases it. Operators and above
// may do it; the app checks the role for a clear answer, and Postgres enforces it regardless
// (column grants + the orders_update policy): a viewer's UPDATE matches no row or is refused.
import { and, eq } from 'drizzle-orm';
import { pgErrorCode, type Tx } from '@/lib/db';
import { orders } from '@/lib/db/schema';
import { hasRole, roleIn } from '@/lib/orgs/roles';
import { recordAudit } from '@/lib/audit';
import type { Result } from '@/lib/messages';
import { HOLD_REASON_MAX } from '@/lib/model';
import { isUuid } from './detail';

export { HOLD_REASON_MAX };

export type HoldResult = Result<object, 'not_found' | 'forbidden' | 'not_open'>;

const OK = { ok: true } as const;
const refuse = (reason: 'not_found' | 'forbidden' | 'not_open') => ({ ok: false, reason }) as const;

/** Statuses with nothing left to hold back: a hold on them would only mislead. */
const CLOSED_STATUSES: ReadonlySet<string> = new Set(['shipped', 'delivered', 'cancelled']);
export const isOpenStatus = (status: string) => !CLOSED_STATUSES.has(status);

export interface SetOrderHoldInput {
  orgId: string;
  orderId: string;
  userId: string;
  hold: boolean;
  reason?: string | null;
}

export async function setOrderHold(tx: Tx, input: SetOrderHoldInput): Promise<HoldResult> {
  const { orgId, orderId, userId, hold } = input;
  if (!isUuid(orgId) || !isUuid(orderId) || !isUuid(userId)) return refuse('not_found');
  const reason = hold ? input.reason?.trim() || null : null;
  if (reason && reason.length > HOLD_REASON_MAX) throw new RangeError(`hold reason longer than ${HOLD_REASON_MAX} characters`);

  const [order] = await tx
    .select({ onHold: orders.onHold, holdReason: orders.holdReason, marketplace: orders.marketplace, status: orders.status })
    .from(orders)
    .where(and(eq(orders.orgId, orgId), eq(orders.id, orderId)))
    .limit(1);
  if (!order) return refuse('not_found');

  if (!hasRole(await roleIn(tx, orgId, userId), 'operator')) return refuse('forbidden');
  // Releasing stays possible on any order (a hold from before it shipped can still be cleared);
  // the database refuses a new hold on a closed order as well.
  if (hold && !order.onHold && !isOpenStatus(order.status)) return refuse('not_open');

  // A repeated click changes nothing and needs no second audit entry.
  if (order.onHold === hold && order.holdReason === reason) return OK;

  let updated: Array<{ id: string }>;
  try {
    // A savepoint, so a refused UPDATE (42501) leaves the surrounding transaction usable.
    updated = await tx.transaction((sp) =>
      sp
        .update(orders)
        .set(hold ? { onHold: true, holdReason: reason, heldBy: userId, heldAt: new Date() } : { onHold: false, holdReason: null, heldBy: null, heldAt: null })
        .where(and(eq(orders.orgId, orgId), eq(orders.id, orderId)))
        .returning({ id: orders.id }),
    );
  } catch (e) {
    if (pgErrorCode(e) === '42501') return refuse('forbidden');
    throw e;
  }
  if (updated.length === 0) return refuse('forbidden');

  // The reason is free text a person typed and may name the buyer: it stays out of the trail.
  await recordAudit(tx, {
    orgId,
    actor: { type: 'user', userId },
    action: hold ? 'order.held' : 'order.released',
    targetType: 'order',
    targetId: orderId,
    details: { marketplace: order.marketplace, withReason: Boolean(reason) },
  });
  return OK;
}
