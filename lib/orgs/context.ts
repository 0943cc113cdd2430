import 'server-only';
// The organization a request works in: the one chosen in the switcher (a cookie), if the user
// still belongs to it, else their first. Membership is read under RLS, so a stale or forged
// cookie can never select someone else's organization.
import { cookies } from 'next/headers';
import { asc, eq } from 'drizzle-orm';
import { withUser } from '@/lib/db';
import { memberships, organizations, type Role } from '@/lib/db/schema';
import type { Session } from '@/lib/auth/session';

export const ORG_COOKIE = 'esm-org';

export interface OrgMembership {
  id: string;
  name: string;
  role: Role;
}

export interface OrgContext {
  orgs: OrgMembership[];
  current: OrgMembership | null;
}

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3, owner: 4 };

export function hasRole(role: Role | undefined, min: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[min];
}

export async function listMyOrgs(session: Session): Promise<OrgMembership[]> {
  return withUser(session.claims, (tx) =>
    tx
      .select({ id: organizations.id, name: organizations.name, role: memberships.role })
      .from(memberships)
      .innerJoin(organizations, eq(organizations.id, memberships.orgId))
      .where(eq(memberships.userId, session.userId))
      .orderBy(asc(organizations.name)),
  );
}

export async function getOrgContext(session: Session): Promise<OrgContext> {
  const orgs = await listMyOrgs(session);
  const chosen = (await cookies()).get(ORG_COOKIE)?.value;
  return { orgs, current: orgs.find((o) => o.id === chosen) ?? orgs[0] ?? null };
}
