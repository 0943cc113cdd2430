import 'server-only';
// The organization a request works in: the one the user last chose in the switcher (stored per
// user in user_preferences), if they still belong to it, else their home organization. Never an
// order by name: an organization someone else named "AAA…" must not become a victim's default.
// Everything is read under RLS, so a stale preference can never select someone else's organization.
import { asc, eq } from 'drizzle-orm';
import { withUser, type Tx } from '@/lib/db';
import { memberships, organizations, userPreferences } from '@/lib/db/schema';
import { type Role } from '@/lib/model';
import type { Session } from '@/lib/auth/session';

/** The cookie that used to name the current organization; no longer read, sign-out still clears it. */
export const ORG_COOKIE = 'esm-org';

export interface OrgMembership {
  id: string;
  name: string;
  role: Role;
  /** IANA zone every date in the app is shown in (Settings → Time zone). */
  timeZone: string;
}

/** A membership with what decides the home organization. */
export interface OrgMembershipRow extends OrgMembership {
  createdBy: string | null;
  orgCreatedAt: Date;
  joinedAt: Date;
}

export interface OrgContext {
  orgs: OrgMembership[];
  current: OrgMembership | null;
}

/**
 * Home: the first organization (by creation time) the user created, else the first they own,
 * else the one they joined first. Ties break on the id, so the answer never depends on names.
 */
export function homeOrg<T extends OrgMembershipRow>(userId: string, orgs: T[]): T | null {
  const rank = (o: T) => (o.createdBy === userId ? 0 : o.role === 'owner' ? 1 : 2);
  const time = (o: T) => (rank(o) === 2 ? o.joinedAt : o.orgCreatedAt).getTime();
  return [...orgs].sort((a, b) => rank(a) - rank(b) || time(a) - time(b) || (a.id < b.id ? -1 : 1))[0] ?? null;
}

export function pickCurrentOrg<T extends OrgMembershipRow>(userId: string, orgs: T[], preferredId: string | null): T | null {
  return orgs.find((o) => o.id === preferredId) ?? homeOrg(userId, orgs);
}

const strip = ({ id, name, role, timeZone }: OrgMembership): OrgMembership => ({ id, name, role, timeZone });

export async function myOrgRows(tx: Tx, userId: string): Promise<OrgMembershipRow[]> {
  return tx
    .select({
      id: organizations.id,
      name: organizations.name,
      role: memberships.role,
      timeZone: organizations.timeZone,
      createdBy: organizations.createdBy,
      orgCreatedAt: organizations.createdAt,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    // Display order for the switcher and Settings only; the choice is pickCurrentOrg's.
    .orderBy(asc(organizations.name), asc(organizations.id));
}

export async function loadOrgContext(tx: Tx, userId: string): Promise<OrgContext> {
  const rows = await myOrgRows(tx, userId);
  const [pref] = await tx
    .select({ orgId: userPreferences.currentOrgId })
    .from(userPreferences)
    .where(eq(userPreferences.userId, userId));
  const current = pickCurrentOrg(userId, rows, pref?.orgId ?? null);
  return { orgs: rows.map(strip), current: current ? strip(current) : null };
}

export async function listMyOrgs(session: Session): Promise<OrgMembership[]> {
  return withUser(session.claims, async (tx) => (await myOrgRows(tx, session.userId)).map(strip));
}

export async function getOrgContext(session: Session): Promise<OrgContext> {
  return withUser(session.claims, (tx) => loadOrgContext(tx, session.userId));
}
