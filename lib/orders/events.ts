import 'server-only';
// An order's history for the order page: the rows the database triggers wrote (order_events),
// with the person's e-mail where a person acted, plus the moment ESM first saw the order (its
// row's creation, which needs no event of its own). Read under RLS like the order itself.
import { and, asc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db';
import { orderEvents, orders, type OrderEventKind } from '@/lib/db/schema';
import { isUuid } from './detail';

export interface OrderEventView {
  id: string;
  kind: OrderEventKind | 'first_seen';
  at: Date;
  /** A member's e-mail, "a former member" when they left, or null for the system. */
  actor: { type: 'user'; email: string | null } | { type: 'system' };
  details: Record<string, string>;
}

/** Newest first; a long-lived order's history is bounded to its latest `limit` events. */
export async function listOrderEvents(tx: Tx, orgId: string, orderId: string, limit = 100): Promise<OrderEventView[]> {
  if (!isUuid(orgId) || !isUuid(orderId)) return [];
  const [order] = await tx
    .select({ createdAt: orders.createdAt })
    .from(orders)
    .where(and(eq(orders.orgId, orgId), eq(orders.id, orderId)));
  if (!order) return [];
  const rows = await tx
    .select()
    .from(orderEvents)
    .where(and(eq(orderEvents.orgId, orgId), eq(orderEvents.orderId, orderId)))
    .orderBy(sql`${orderEvents.createdAt} desc`, asc(orderEvents.id))
    .limit(limit);
  const emails = new Map<string, string>();
  if (rows.some((r) => r.actorUserId)) {
    // Members' e-mails come only through this function (auth.users is not readable directly).
    for (const m of rowsOf<{ user_id: string; email: string }>(await tx.execute(sql`select user_id, email from private.org_members(${orgId}::uuid)`))) {
      emails.set(m.user_id, m.email);
    }
  }
  const events: OrderEventView[] = rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: r.createdAt,
    actor: r.actorType === 'user' ? { type: 'user', email: (r.actorUserId && emails.get(r.actorUserId)) || null } : { type: 'system' },
    details: r.details ?? {},
  }));
  if (rows.length < limit) events.push({ id: `first-seen-${orderId}`, kind: 'first_seen', at: order.createdAt, actor: { type: 'system' }, details: {} });
  return events;
}
