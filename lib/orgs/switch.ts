import 'server-only';
// Choosing the organization to work in. The choice is stored per user in user_preferences
// (RLS: one's own row, pointing only at an organization one belongs to), so it follows the user
// to a new device and survives sign-out; getOrgContext() re-checks it on every request.
import { sql } from 'drizzle-orm';
import { withUser, type Tx } from '@/lib/db';
import type { Session } from '@/lib/auth/session';
import { myOrgRows, type OrgMembership } from './context';

/** Records `orgId` as the user's current organization. The caller has checked membership; RLS checks again. */
export async function setCurrentOrg(tx: Tx, userId: string, orgId: string | null): Promise<void> {
  await tx.execute(sql`insert into public.user_preferences (user_id, current_org_id) values (${userId}::uuid, ${orgId}::uuid)
    on conflict (user_id) do update set current_org_id = excluded.current_org_id`);
}

/** Makes `orgId` the current organization if the user belongs to it; null (nothing written) otherwise. */
export async function switchOrganization(session: Session, orgId: string): Promise<OrgMembership | null> {
  return withUser(session.claims, async (tx) => {
    const target = (await myOrgRows(tx, session.userId)).find((o) => o.id === orgId);
    if (!target) return null;
    await setCurrentOrg(tx, session.userId, target.id);
    return { id: target.id, name: target.name, role: target.role, timeZone: target.timeZone };
  });
}

/**
 * Where to land after switching: the same page again, except a record's own page (it belongs to
 * the previous organization), which becomes its section's list. `path` is already same-site.
 */
export function pathAfterSwitch(path: string): string {
  const [pathname] = path.split(/[?#]/);
  const segments = pathname.split('/').filter(Boolean);
  if (segments.length <= 1) return path;
  return /^[a-z-]+$/.test(segments[0]) ? `/${segments[0]}` : '/orders';
}
