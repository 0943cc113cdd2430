import 'server-only';
// The signed-in person and their current organization, read once per request: the shell layout
// and the page below it both ask, and React's cache() lets them share the answer.
import { cache } from 'react';
import { requireSession, type Session } from './session';
import { getOrgContext, type OrgContext, type OrgMembership } from '@/lib/orgs/context';

export const currentOrgContext = cache(async (): Promise<{ session: Session } & OrgContext> => {
  const session = await requireSession();
  return { session, ...(await getOrgContext(session)) };
});

/** For pages: the session and the current organization (null when the user belongs to none). */
export async function pageContext(next: string): Promise<{ session: Session; org: OrgMembership | null; orgs: OrgMembership[] }> {
  const session = await requireSession(next);
  const ctx = await currentOrgContext();
  return { session, org: ctx.current, orgs: ctx.orgs };
}
