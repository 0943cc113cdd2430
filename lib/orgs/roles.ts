// Roles: the one rank table and the one membership lookup. Postgres has its own copy of the
// order (private.my_org_ids_with_role) and stays the final word; these give people clear answers
// before a write is tried, and decide what a page offers.
import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db/connect';
import { memberships } from '@/lib/db/schema';
import type { Role } from '@/lib/model';

export const RANK: Readonly<Record<Role, number>> = { viewer: 1, operator: 2, admin: 3, owner: 4 };

/** Whether `role` is `min` or above; no role (not a member) is never enough. */
export function hasRole(role: Role | undefined | null, min: Role): boolean {
  return role != null && RANK[role] >= RANK[min];
}

/** The user's role in the organization, or undefined when they are not a member (under the caller's RLS). */
export async function roleIn(tx: Tx | Db, orgId: string, userId: string): Promise<Role | undefined> {
  const [row] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .limit(1);
  return row?.role;
}

export type RoleCheck = 'ok' | 'not_member' | 'forbidden';

/** Looks the membership up and says whether it reaches `min`. */
export async function requireRole(tx: Tx, orgId: string, userId: string, min: Role): Promise<RoleCheck> {
  const role = await roleIn(tx, orgId, userId);
  if (!role) return 'not_member';
  return hasRole(role, min) ? 'ok' : 'forbidden';
}
