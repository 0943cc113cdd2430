import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Truck } from 'lucide-react';
import { buttonClasses } from '@/components/ui/Button';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { PageHeader } from '@/components/ui/PageHeader';
import { DataSection } from '@/components/settings/DataSection';
import { InviteMemberForm } from '@/components/settings/InviteMemberForm';
import { MembersTable } from '@/components/settings/MembersTable';
import { MyOrganizations } from '@/components/settings/MyOrganizations';
import { PendingInvitations } from '@/components/settings/PendingInvitations';
import { PrivacySummary } from '@/components/settings/PrivacySummary';
import { RenameOrgForm } from '@/components/settings/RenameOrgForm';
import { RetentionForm } from '@/components/settings/RetentionForm';
import { TimeZoneForm } from '@/components/settings/TimeZoneForm';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { hasRole } from '@/lib/orgs/roles';
import { listPendingInvitations } from '@/lib/orgs/invitations';
import { getOrganization, grantableRoles, listMembers } from '@/lib/orgs/members';
import { HARD_LIMIT_DAYS, privacySummary, SHIPPED_TO_DELIVERED_DAYS } from '@/lib/privacy/settings';
import { getTimeZone } from '@/lib/orgs/time-zone';
import { timeZones } from '@/lib/time-zone';

export const metadata: Metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const { session, org, orgs } = await pageContext('/settings');
  if (!org) return null; // the shell explains that there is no organization
  const isOwner = org.role === 'owner';
  const isAdmin = hasRole(org.role, 'admin');
  const [organization, members, invitations, privacy, timeZone] = await withUser(session.claims, async (tx) => [
    await getOrganization(tx, org.id),
    await listMembers(tx, org.id),
    isAdmin ? await listPendingInvitations(tx, org.id) : [],
    await privacySummary(tx, org.id),
    await getTimeZone(tx, org.id),
  ] as const);
  if (!organization || !privacy) notFound();
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
          <CardHeader title="Organization" description={isOwner ? 'Shown in the organization switcher and on invitations.' : 'Only an owner can rename the organization.'} />
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
          <CardHeader title="Time zone" description="Every date and time in ESM is shown in this zone, and reports count days from midnight to midnight in it." />
          <CardBody>
            <TimeZoneForm orgId={org.id} timeZone={timeZone} zones={isAdmin ? timeZones() : []} canEdit={isAdmin} />
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
            {isAdmin ? <PendingInvitations orgId={org.id} timeZone={org.timeZone} invitations={invitations} emails={emails} actorRole={org.role} /> : null}
            <MembersTable orgId={org.id} timeZone={org.timeZone} members={members} actorId={session.userId} actorRole={org.role} />
          </CardBody>
        </Card>
        <Card>
          <CardHeader
            title="Privacy"
            description={isAdmin ? 'How long buyer data is kept, and what that means today.' : 'How long buyer data is kept. Owners and admins can change it.'}
          />
          <CardBody className="space-y-5">
            {isAdmin ? <RetentionForm orgId={org.id} days={privacy.retentionDays} /> : null}
            <PrivacySummary timeZone={org.timeZone} s={{ ...privacy, shippedToDeliveredDays: SHIPPED_TO_DELIVERED_DAYS, hardLimitDays: HARD_LIMIT_DAYS }} />
          </CardBody>
        </Card>
        {isOwner ? (
          <Card>
            <CardHeader title="Your data" description="Take a copy of the organization's data, or delete the organization." />
            <CardBody>
              <DataSection orgId={org.id} name={organization.name} />
            </CardBody>
          </Card>
        ) : null}
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
