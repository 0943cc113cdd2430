import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Truck } from 'lucide-react';
import { buttonClasses } from '@/components/ui/Button';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { InviteMemberForm } from '@/components/settings/InviteMemberForm';
import { MembersTable } from '@/components/settings/MembersTable';
import { MyOrganizations } from '@/components/settings/MyOrganizations';
import { PendingInvitations } from '@/components/settings/PendingInvitations';
import { RenameOrgForm } from '@/components/settings/RenameOrgForm';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { hasRole } from '@/lib/orgs/context';
import { listPendingInvitations } from '@/lib/orgs/invitations';
import { getOrganization, grantableRoles, listMembers } from '@/lib/orgs/members';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const { session, org, orgs } = await pageContext('/settings');
  if (!org) return null; // the shell explains that there is no organization
  const isOwner = org.role === 'owner';
  const isAdmin = hasRole(org.role, 'admin');
  const [organization, members, invitations] = await withUser(session.claims, async (tx) => [
    await getOrganization(tx, org.id),
    await listMembers(tx, org.id),
    isAdmin ? await listPendingInvitations(tx, org.id) : [],
  ] as const);
  if (!organization) notFound();
  const emails = new Map(members.map((m) => [m.userId, m.email]));
  return (
    <>
      <PageHeader
        title="Settings"
        description="Your organization, the people who work in it, and the organizations you belong to."
        actions={
          <Link href="/settings/shipping" className={buttonClasses('secondary')}>
            <Truck aria-hidden className="size-4" />
            Shipping settings
          </Link>
        }
      />
      <div className="space-y-6">
        <Card>
          <CardHeader title="Organization" description={isOwner ? 'Shown in the switcher and on exports.' : 'Only an owner can rename the organization.'} />
          <CardBody>
            {isOwner ? (
              <RenameOrgForm orgId={org.id} name={organization.name} />
            ) : (
              <dl>
                <dt className="text-sm font-medium text-ink-muted">Organization name</dt>
                <dd className="mt-1 text-sm font-medium" data-testid="org-name-readonly">
                  {organization.name}
                </dd>
              </dl>
            )}
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Members"
            description={
              isAdmin
                ? 'Invite people by email, change their role, or remove them. Nobody joins until they accept.'
                : 'Only owners and admins can invite or change members.'
            }
          />
          <CardBody className="space-y-5">
            {isAdmin ? <InviteMemberForm orgId={org.id} roles={grantableRoles(org.role)} /> : null}
            {isAdmin ? <PendingInvitations orgId={org.id} invitations={invitations} emails={emails} actorRole={org.role} /> : null}
            <MembersTable orgId={org.id} members={members} actorId={session.userId} actorRole={org.role} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Your organizations"
            description="Every organization you belong to. You can leave any of them, except as its last owner."
          />
          <CardBody>
            <MyOrganizations orgs={orgs} currentId={org.id} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
