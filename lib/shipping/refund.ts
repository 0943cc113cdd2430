import 'server-only';
// Voiding a label: a Shippo refund (POST /refunds), answered later (QUEUED → PENDING → SUCCESS,
// or ERROR when the carrier saw the parcel). The row moves to `refund_pending` before Shippo is
// called, so two clicks request one refund; it keeps the order's active slot until Shippo says
// refunded (the order can then be labelled again) or rejected (the label is live again).
import { eq } from 'drizzle-orm';
import { runAsUser, type Claims } from '@/lib/db/session';
import { shipments } from '@/lib/db/schema';
import { hasRole } from '@/lib/orgs/roles';
import type { ShippingDeps } from './purchase';
import { orderRole, REFUSALS } from './shippable';
import { classifyShippoError, shippoCall } from './shippo';
import { getShipment, transition, type ShipmentRow } from './store';

export type VoidOutcome = { ok: true; status: 'refund_pending' | 'refunded' | 'purchased'; message: string } | { ok: false; message: string };

const REJECTED = 'The carrier refused the refund (the label may already have been used). The label is still active.';

/** Operators and up of the shipment's organization; the row itself read under RLS. */
export async function authorizeShipment(deps: ShippingDeps, claims: Claims, shipmentId: string): Promise<ShipmentRow | string> {
  return runAsUser(deps.db, claims, async (tx) => {
    const [row] = await tx.select().from(shipments).where(eq(shipments.id, shipmentId));
    if (!row) return REFUSALS.not_found;
    const access = await orderRole(tx, row.orderId, claims.sub);
    if (!access) return REFUSALS.not_found;
    if (!hasRole(access.role, 'operator')) return REFUSALS.forbidden;
    return row;
  });
}

async function settle(deps: ShippingDeps, row: ShipmentRow, status: string | undefined, refundId: string | null): Promise<VoidOutcome> {
  const actor = { type: 'system' } as const;
  if (status === 'SUCCESS') {
    await transition(deps.db, row.id, ['refund_pending'], { status: 'refunded', shippoRefundId: refundId, error: null }, { actor, action: 'shipment.refunded' });
    return { ok: true, status: 'refunded', message: 'Label voided and refunded. The order can be labelled again.' };
  }
  if (status === 'ERROR') {
    await transition(deps.db, row.id, ['refund_pending'], { status: 'purchased', shippoRefundId: refundId, error: REJECTED }, { actor, action: 'shipment.refund_rejected' });
    return { ok: true, status: 'purchased', message: REJECTED };
  }
  if (refundId && refundId !== row.shippoRefundId) await transition(deps.db, row.id, ['refund_pending'], { shippoRefundId: refundId });
  return { ok: true, status: 'refund_pending', message: 'Void requested. Shippo confirms refunds after a while; the status updates when it does.' };
}

export async function voidLabel(deps: ShippingDeps, claims: Claims, shipmentId: string): Promise<VoidOutcome> {
  const row = await authorizeShipment(deps, claims, shipmentId);
  if (typeof row === 'string') return { ok: false, message: row };
  if (row.status !== 'purchased' || !row.shippoTransactionId) {
    return { ok: false, message: row.status === 'refund_pending' ? 'A void was already requested for this label.' : 'Only a bought label can be voided.' };
  }
  const held = await transition(deps.db, row.id, ['purchased'], { status: 'refund_pending', error: null }, {
    actor: { type: 'user', userId: claims.sub }, action: 'shipment.void_requested',
  });
  if (!held) return { ok: false, message: 'A void was already requested for this label.' };
  try {
    const refund = await shippoCall(() => deps.shippo.refunds.create({ transaction: row.shippoTransactionId as string, async: false }));
    return settle(deps, held, refund.status, refund.objectId ?? null);
  } catch (e) {
    const err = classifyShippoError(e);
    if (err.ambiguous) return { ok: true, status: 'refund_pending', message: `${err.userMessage} The void may have been received; ESM checks again.` };
    await transition(deps.db, row.id, ['refund_pending'], { status: 'purchased', error: null });
    return { ok: false, message: `${err.userMessage} The label was not voided.` };
  }
}

/** Asks Shippo how a pending refund ended (by its id, else by the transaction). */
export async function refreshRefund(deps: ShippingDeps, shipmentId: string): Promise<VoidOutcome> {
  const row = await getShipment(deps.db, shipmentId);
  if (!row || row.status !== 'refund_pending') return { ok: false, message: 'No void is pending for this label.' };
  try {
    if (row.shippoRefundId) {
      const r = await shippoCall(() => deps.shippo.refunds.get(row.shippoRefundId as string));
      return settle(deps, row, r.status, r.objectId ?? row.shippoRefundId);
    }
    const list = await shippoCall(() => deps.shippo.refunds.list({ results: 100 }));
    const r = (list.results ?? []).find((x) => x.transaction === row.shippoTransactionId);
    if (!r) {
      // Shippo never got the request (the earlier call failed in flight): the label is live.
      await transition(deps.db, row.id, ['refund_pending'], { status: 'purchased', error: null });
      return { ok: true, status: 'purchased', message: 'Shippo has no void for this label; it is still active. Void it again if needed.' };
    }
    return settle(deps, row, r.status, r.objectId ?? null);
  } catch (e) {
    return { ok: false, message: classifyShippoError(e).userMessage };
  }
}
