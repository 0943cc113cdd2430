// Who belongs to an organization and with which role. Every function runs inside the caller's
// `withUser` transaction: the role checks here give clear messages, and RLS (plus the
// keep-an-owner trigger) enforces the same rules in Postgres should a check ever be missed.
import { and, eq, sql } from 'drizzle-orm';
import { pgErrorCode, rowsOf, type Tx } from '@/lib/db/connect';
import { memberships, organizations } from '@/lib/db/schema';
import { ROLES, type Role } from '@/lib/model';
import { recordAudit } from '@/lib/audit';
import { UserFacingError } from '@/lib/messages';
import { hasRole, roleIn } from './roles';

export const MEMBER_ERRORS = {
  forbidden: "You don't have permission to manage members.",
  owner_only: 'Only an owner can grant, change or remove the owner role.',
  rename_forbidden: 'Only an owner can rename the organization.',
  already_member: 'This person is already a member of this organization.',
  last_owner: 'An organization must keep at least one owner. Make someone else an owner first.',
  not_member: 'This person is not a member of this organization (any more).',
  invitation_gone: 'This invitation is no longer pending. Reload the page.',
  not_your_org: 'You are not a member of this organization (any more). Reload the page.',
} as const;

export type MemberErrorCode = keyof typeof MEMBER_ERRORS;

/** A refusal written for the person asking (MEMBER_ERRORS), so actions show its message. */
export class MemberError extends UserFacingError {
  constructor(readonly code: MemberErrorCode) {
    super(MEMBER_ERRORS[code]);
    this.name = 'MemberError';
  }
}

export interface Actor {
  userId: string;
}

export interface Member {
  userId: string;
  email: string;
  role: Role;
  createdAt: Date;
}

export const ASSIGNABLE_ROLES: readonly Role[] = ROLES;

/** The roles `actorRole` may hand out (admins: up to admin; owners: any). */
export function grantableRoles(actorRole: Role | undefined): Role[] {
  if (!hasRole(actorRole, 'admin')) return [];
  return ROLES.filter((r) => r !== 'owner' || actorRole === 'owner');
}

/** Whether `actorRole` may change or remove a member who currently has `targetRole`. */
export function canManage(actorRole: Role | undefined, targetRole: Role): boolean {
  return hasRole(actorRole, 'admin') && (targetRole !== 'owner' || actorRole === 'owner');
}

export async function listMembers(tx: Tx, orgId: string): Promise<Member[]> {
  const rows = rowsOf<{ user_id: string; email: string; role: Role; created_at: string | Date }>(
    await tx.execute(sql`select user_id, email, role, created_at from private.org_members(${orgId}::uuid)`),
  );
  return rows.map((r) => ({ userId: r.user_id, email: r.email, role: r.role, createdAt: new Date(r.created_at) }));
}

export async function getOrganization(tx: Tx, orgId: string): Promise<{ id: string; name: string; createdAt: Date } | null> {
  const [row] = await tx
    .select({ id: organizations.id, name: organizations.name, createdAt: organizations.createdAt })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row ?? null;
}

/** Translates the database's refusals into the messages people see. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof MemberError) throw e;
    const code = pgErrorCode(e);
    if (code === '23514') throw new MemberError('last_owner');
    if (code === '23505') throw new MemberError('already_member');
    if (code === '42501') throw new MemberError('forbidden');
    throw e;
  }
}

export async function requireManager(tx: Tx, actor: Actor, orgId: string): Promise<Role> {
  const role = await roleIn(tx, orgId, actor.userId);
  if (!role || !hasRole(role, 'admin')) throw new MemberError('forbidden');
  return role;
}

export async function changeMemberRole(tx: Tx, actor: Actor, orgId: string, userId: string, role: Role): Promise<void> {
  return guarded(async () => {
    const actorRole = await requireManager(tx, actor, orgId);
    const current = await roleIn(tx, orgId, userId);
    if (!current) throw new MemberError('not_member');
    if (current === role) return;
    if ((current === 'owner' || role === 'owner') && actorRole !== 'owner') throw new MemberError('owner_only');
    const updated = await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .returning({ userId: memberships.userId });
    if (updated.length === 0) throw new MemberError('forbidden'); // RLS hid the row
    await recordAudit(tx, {
      orgId,
      actor: { type: 'user', userId: actor.userId },
      action: 'member.role_changed',
      targetType: 'user',
      targetId: userId,
      details: { from: current, to: role },
    });
  });
}

export async function removeMember(tx: Tx, actor: Actor, orgId: string, userId: string): Promise<void> {
  return guarded(async () => {
    const actorRole = await requireManager(tx, actor, orgId);
    const current = await roleIn(tx, orgId, userId);
    if (!current) throw new MemberError('not_member');
    if (current === 'owner' && actorRole !== 'owner') throw new MemberError('owner_only');
    // Written before the delete: once the actor removes themselves, RLS no longer lets them
    // insert into this organization's trail. The trigger still aborts the whole transaction
    // (audit row included) when this is the last owner.
    await recordAudit(tx, {
      orgId,
      actor: { type: 'user', userId: actor.userId },
      action: 'member.removed',
      targetType: 'user',
      targetId: userId,
      details: { role: current },
    });
    const deleted = await tx
      .delete(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
      .returning({ userId: memberships.userId });
    if (deleted.length === 0) throw new MemberError('forbidden');
  });
}

export async function renameOrganization(tx: Tx, actor: Actor, orgId: string, name: string): Promise<void> {
  return guarded(async () => {
    const actorRole = await roleIn(tx, orgId, actor.userId);
    if (actorRole !== 'owner') throw new MemberError('rename_forbidden');
    const before = await getOrganization(tx, orgId);
    if (!before) throw new MemberError('rename_forbidden');
    const trimmed = name.trim();
    if (before.name === trimmed) return;
    const updated = await tx
      .update(organizations)
      .set({ name: trimmed })
      .where(eq(organizations.id, orgId))
      .returning({ id: organizations.id });
    if (updated.length === 0) throw new MemberError('rename_forbidden');
    await recordAudit(tx, {
      orgId,
      actor: { type: 'user', userId: actor.userId },
      action: 'organization.renamed',
      targetType: 'organization',
      targetId: orgId,
      details: { from: before.name, to: trimmed },
    });
  });
}

/**
 * The actor leaves `orgId`, whatever their role; the keep-an-owner trigger refuses the last
 * owner (and then nothing is written). Audited before the delete, while RLS still lets them.
 */
export async function leaveOrganization(tx: Tx, actor: Actor, orgId: string): Promise<void> {
  return guarded(async () => {
    const role = await roleIn(tx, orgId, actor.userId);
    if (!role) throw new MemberError('not_your_org');
    await recordAudit(tx, {
      orgId,
      actor: { type: 'user', userId: actor.userId },
      action: 'member.left',
      targetType: 'user',
      targetId: actor.userId,
      details: { role },
    });
    const deleted = await tx
      .delete(memberships)
      .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, actor.userId)))
      .returning({ userId: memberships.userId });
    if (deleted.length === 0) throw new MemberError('not_your_org');
  });
}
