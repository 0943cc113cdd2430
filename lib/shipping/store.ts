import 'server-only';
// The service path's writes to `shipments` (people have no grant on it): each one a short
// transaction, conditional on the state it moves from, so two workers never both move a row.
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db';
import { runAsService } from '@/lib/db/session';
import { shipments, type ShipmentStatus } from '@/lib/db/schema';
import { recordAudit, type AuditInput } from '@/lib/audit';

export type ShipmentRow = typeof shipments.$inferSelect;

// The same rule as the table's check constraint: https, or http on loopback (the simulator).
const SAFE_URL = /^(https:\/\/[^\s/?#]+|http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?)([/?#][^\s]*)?$/;
export const safeUrl = (u: string | null | undefined) => (u && u.length <= 2048 && SAFE_URL.test(u) ? u : null);

/** A row left `purchasing` this long was abandoned by a dead process: it may be reclaimed. */
export const STALE_PURCHASING_MS = 2 * 60_000;

export async function getShipment(db: Db, id: string): Promise<ShipmentRow | null> {
  return runAsService(db, 'shipping', async (tx) => (await tx.select().from(shipments).where(eq(shipments.id, id)))[0] ?? null);
}

/** Moves a row between states only if it is still in one of `from`; returns it, or null. */
export async function transition(
  db: Db,
  id: string,
  from: ShipmentStatus[],
  set: Partial<typeof shipments.$inferInsert>,
  audit?: Omit<AuditInput, 'orgId' | 'targetType' | 'targetId'>,
  tx0?: Tx,
): Promise<ShipmentRow | null> {
  const work = async (tx: Tx) => {
    // The order's history (order_events, written by a trigger) names the person this change is for.
    // Reset for system changes too: a batch's transaction may carry one person's id from before.
    if (audit) await tx.execute(sql`select set_config('esm.actor_user_id', ${audit.actor.type === 'user' ? audit.actor.userId : ''}, true)`);
    const [row] = await tx.update(shipments).set(set).where(and(eq(shipments.id, id), inArray(shipments.status, from))).returning();
    if (row && audit) await recordAudit(tx, { ...audit, orgId: row.orgId, targetType: 'shipment', targetId: row.id });
    return row ?? null;
  };
  return tx0 ? work(tx0) : runAsService(db, 'shipping', work);
}

/**
 * Takes an `unknown` row (or one a dead process left `purchasing`) for reconciliation. Only one
 * caller wins; the others see null.
 */
export async function claimForReconcile(db: Db, id: string): Promise<ShipmentRow | null> {
  return runAsService(db, 'shipping', async (tx) => {
    const [row] = await tx
      .update(shipments)
      .set({ status: 'purchasing', updatedAt: sql`now()` })
      .where(and(eq(shipments.id, id), or(eq(shipments.status, 'unknown'), and(eq(shipments.status, 'purchasing'), sql`${shipments.updatedAt} < now() - make_interval(secs => ${STALE_PURCHASING_MS / 1000})`))))
      .returning();
    return row ?? null;
  });
}
