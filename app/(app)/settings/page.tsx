import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { AddMemberForm } from '@/components/settings/AddMemberForm';
import { MembersTable } from '@/components/settings/MembersTable';
import { RenameOrgForm } from '@/components/settings/RenameOrgForm';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { hasRole } from '@/lib/orgs/context';
import { getOrganization, grantableRoles, listMembers } from '@/lib/orgs/members';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const { session, org } = await pageContext('/settings');
  if (!org) return null; // the shell explains that there is no organization
  const [organization, members] = await withUser(session.claims, (tx) =>
    Promise.all([getOrganization(tx, org.id), listMembers(tx, org.id)]),
  );
  if (!organization) notFound();
  const isOwner = org.role === 'owner';
  const isAdmin = hasRole(org.role, 'admin');
  return (
    <>
      <PageHeader title="Settings" description="Your organization and the people who work in it." />
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
                ? 'Add people who already have an ESM account, change their role, or remove them.'
                : 'Only owners and admins can add or change members.'
            }
          />
          <CardBody className="space-y-5">
            {isAdmin ? <AddMemberForm orgId={org.id} roles={grantableRoles(org.role)} /> : null}
            <MembersTable orgId={org.id} members={members} actorId={session.userId} actorRole={org.role} />
          </CardBody>
        </Card>
      </div>
    </>
  );
}
