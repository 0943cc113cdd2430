import 'server-only';
// An operator corrects an order's ship-to address before a label is bought (Shippo refused it or
// suggested a fix). In the person's own transaction: RLS and the column grants allow operators to
// update a buyer's address unless anonymized. Audited by field name only: no address in the trail.
// The correction is marked (address_corrected_at) so a later sync keeps it (lib/sync/upsert-orders.ts).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Tx } from '@/lib/db';
import { orderBuyers, shipments } from '@/lib/db/schema';
import { recordAudit } from '@/lib/audit';
import { hasRole } from '@/lib/orgs/roles';
import { ACTIVE_STATES, orderRole, type ShipRefusal } from './shippable';

const line = (max: number, what: string) => z.string().trim().min(1, `Enter ${what}`).max(max, `Use at most ${max} characters`);
export const shipToInput = z.object({
  street1: line(300, 'the street address'),
  street2: z.string().trim().max(300, 'Use at most 300 characters').optional().transform((v) => v || null),
  city: line(200, 'the city'),
  state: line(100, 'the state'),
  zip: line(40, 'the ZIP code'),
});
export type ShipToInput = z.infer<typeof shipToInput>;

export async function correctShipTo(tx: Tx, userId: string, orderId: string, a: ShipToInput): Promise<'ok' | ShipRefusal> {
  const access = await orderRole(tx, orderId, userId);
  if (!access) return 'not_found';
  if (!hasRole(access.role, 'operator')) return 'forbidden';
  const [active] = await tx.select({ id: shipments.id }).from(shipments).where(and(eq(shipments.orderId, orderId), inArray(shipments.status, [...ACTIVE_STATES])));
  if (active) return 'labelled';
  const [before] = await tx.select().from(orderBuyers).where(eq(orderBuyers.orderId, orderId));
  const updated = await tx
    .update(orderBuyers)
    .set({ addressLine1: a.street1, addressLine2: a.street2, addressLine3: null, city: a.city, region: a.state, postalCode: a.zip, addressCorrectedAt: sql`now()` })
    .where(and(eq(orderBuyers.orgId, access.orgId), eq(orderBuyers.orderId, orderId)))
    .returning({ id: orderBuyers.orderId });
  if (!updated.length) return 'no_address';
  const changed = (
    [['street1', before?.addressLine1, a.street1], ['street2', before?.addressLine2, a.street2], ['city', before?.city, a.city], ['state', before?.region, a.state], ['zip', before?.postalCode, a.zip]] as const
  ).filter(([, was, now]) => (was ?? null) !== (now ?? null)).map(([f]) => f);
  await recordAudit(tx, { orgId: access.orgId, actor: { type: 'user', userId }, action: 'order.address_corrected', targetType: 'order', targetId: orderId, details: { fields: changed.join(',') } });
  return 'ok';
}

