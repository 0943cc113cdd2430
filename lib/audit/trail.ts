import 'server-only';
// One page of the organization's audit trail, newest first, with members' emails for display.
import { and, count, desc, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { auditEvents, marketplaceAccounts, orders, shipments } from '@/lib/db/schema';
import { listMembers } from '@/lib/orgs/members';
import { pageWindow } from '@/lib/paging';

export const AUDIT_PAGE_SIZE = 50;

export interface AuditRow {
  id: string;
  createdAt: Date;
  actorType: 'user' | 'system' | 'marketplace';
  actorUserId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export async function loadAuditPage(tx: Tx, orgId: string, requestedPage: number) {
  const [{ total }] = await tx.select({ total: count() }).from(auditEvents).where(eq(auditEvents.orgId, orgId));
  const { page, pageCount, offset, limit } = pageWindow(requestedPage, total, AUDIT_PAGE_SIZE);
  const rows: AuditRow[] = await tx
    .select({
      id: auditEvents.id,
      createdAt: auditEvents.createdAt,
      actorType: auditEvents.actorType,
      actorUserId: auditEvents.actorUserId,
      action: auditEvents.action,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(eq(auditEvents.orgId, orgId))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit)
    .offset(offset);
  const emails = new Map((await listMembers(tx, orgId)).map((m) => [m.userId, m.email]));
  return { rows, total, page, pageCount, emails, ...(await targetNames(tx, orgId, rows)) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The names of the orders, labels and accounts a page of events points at, so each reads "Order 114-…". */
async function targetNames(tx: Tx, orgId: string, rows: AuditRow[]) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.targetType === type && r.targetId && UUID.test(r.targetId)).map((r) => r.targetId!))];
  const shipmentIds = ids('shipment');
  const shipmentRows = shipmentIds.length
    ? await tx
        .select({ id: shipments.id, orderId: shipments.orderId, number: orders.externalOrderId })
        .from(shipments)
        .innerJoin(orders, and(eq(orders.orgId, orgId), eq(orders.id, shipments.orderId)))
        .where(and(eq(shipments.orgId, orgId), inArray(shipments.id, shipmentIds)))
    : [];
  const orderIds = ids('order');
  const orderRows = orderIds.length
    ? await tx.select({ id: orders.id, number: orders.externalOrderId }).from(orders).where(and(eq(orders.orgId, orgId), inArray(orders.id, orderIds)))
    : [];
  const accountIds = ids('marketplace_account');
  const accountRows = accountIds.length
    ? await tx
        .select({ id: marketplaceAccounts.id, name: marketplaceAccounts.displayName })
        .from(marketplaceAccounts)
        .where(and(eq(marketplaceAccounts.orgId, orgId), inArray(marketplaceAccounts.id, accountIds)))
    : [];
  return {
    orders: new Map(orderRows.map((o) => [o.id, o.number])),
    shipments: new Map(shipmentRows.map((s) => [s.id, { orderId: s.orderId, number: s.number }])),
    accounts: new Map(accountRows.map((a) => [a.id, a.name])),
  };
}
