import 'server-only';
// Choosing the organization to work in. The cookie only names a choice; getOrgContext() checks
// it against the user's memberships on every request, and so does this before writing it.
import { cookies } from 'next/headers';
import { config } from '@/lib/env';
import type { Session } from '@/lib/auth/session';
import { listMyOrgs, ORG_COOKIE, type OrgMembership } from './context';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Makes `orgId` the current organization if the user belongs to it; null otherwise. */
export async function switchOrganization(session: Session, orgId: string): Promise<OrgMembership | null> {
  const target = (await listMyOrgs(session)).find((o) => o.id === orgId) ?? null;
  if (!target) return null;
  (await cookies()).set(ORG_COOKIE, target.id, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config().production,
    path: '/',
    maxAge: ONE_YEAR,
  });
  return target;
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
