import 'server-only';
// The audit trail: who did what to which object. Details must never carry buyer PII or secrets.
import { auditEvents } from '@/lib/db/schema';
import type { Tx } from '@/lib/db';

export interface AuditInput {
  orgId: string;
  actor: { type: 'user'; userId: string } | { type: 'system' } | { type: 'marketplace' };
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, string | number | boolean | null>;
}

export async function recordAudit(tx: Tx, e: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
    orgId: e.orgId,
    actorType: e.actor.type,
    actorUserId: e.actor.type === 'user' ? e.actor.userId : null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    details: e.details ?? {},
  });
}
