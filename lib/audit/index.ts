import 'server-only';
// The audit trail: who did what to which object. Details must never carry buyer PII or secrets.
//
// Two ways in, chosen by the role the transaction runs as (not by the actor, since the service
// path also records what a person did, e.g. connecting an account):
// - as a person (`withUser`, role `authenticated`): private.record_audit, which takes the actor
//   from the JWT, requires membership, checks the action and stamps the time. People cannot
//   insert audit rows directly, so only 'user' events can be recorded this way;
// - on the service path (`asService` or a raw transaction): a direct insert with any actor.
import { sql } from 'drizzle-orm';
import { auditEvents } from '@/lib/db/schema';
import { rowsOf, type Tx } from '@/lib/db/connect';

export interface AuditInput {
  orgId: string;
  actor: { type: 'user'; userId: string } | { type: 'system' } | { type: 'marketplace' };
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, string | number | boolean | null>;
}

async function runsAsPerson(tx: Tx): Promise<boolean> {
  const [r] = rowsOf<{ role: string }>(await tx.execute(sql`select current_user::text as role`));
  return r?.role === 'authenticated';
}

export async function recordAudit(tx: Tx, e: AuditInput): Promise<void> {
  const details = e.details ?? {};
  if (await runsAsPerson(tx)) {
    if (e.actor.type !== 'user') throw new Error(`a person's transaction cannot record a ${e.actor.type} audit event`);
    // The function takes the actor from the JWT; a mismatching userId is a bug in the caller.
    await tx.execute(sql`select private.record_audit(${e.orgId}::uuid, ${e.action}, ${e.targetType ?? null}, ${e.targetId ?? null}, ${JSON.stringify(details)}::jsonb)`);
    return;
  }
  await tx.insert(auditEvents).values({
    orgId: e.orgId,
    actorType: e.actor.type,
    actorUserId: e.actor.type === 'user' ? e.actor.userId : null,
    action: e.action,
    targetType: e.targetType ?? null,
    targetId: e.targetId ?? null,
    details,
  });
}
