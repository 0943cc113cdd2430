import 'server-only';
// One page of the organization's audit trail, newest first, with members' emails for display.
import { count, desc, eq } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { auditEvents } from '@/lib/db/schema';
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
  return { rows, total, page, pageCount, emails };
}
