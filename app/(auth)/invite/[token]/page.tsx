import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, CardBody } from '@/components/ui/Card';
import { Alert } from '@/components/ui/Alert';
import { Button, buttonClasses } from '@/components/ui/Button';
import { formatDateTime } from '@/components/ui/format';
import { ROLE_HELP, roleLabel } from '@/components/settings/roles';
import { requireSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { loadOrgContext } from '@/lib/orgs/context';
import { ANSWER_MESSAGES, invitationPath, previewInvitation, type InvitationPreview } from '@/lib/orgs/invitations';
import { signOutAction } from '../../actions';
import { AnswerForm } from './AnswerForm';

export const metadata: Metadata = { title: 'Invitation', referrer: 'no-referrer' };

type Params = Promise<{ token: string }>;

const CLOSED: Record<Exclude<InvitationPreview['status'], 'pending'>, { title: string; text: string }> = {
  accepted: { title: 'Invitation already answered', text: ANSWER_MESSAGES.used },
  declined: { title: 'Invitation declined', text: 'You declined this invitation. Nothing was changed.' },
  revoked: { title: 'Invitation withdrawn', text: ANSWER_MESSAGES.revoked },
  expired: { title: 'Invitation expired', text: ANSWER_MESSAGES.expired },
};

function Shell({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card>
      <CardBody className="space-y-4 px-6 py-6">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        {children}
      </CardBody>
    </Card>
  );
}

const home = (
  <Link href="/orders" className={buttonClasses('secondary', 'md', 'w-full')}>
    Go to ESM
  </Link>
);

export default async function InvitationPage({ params }: { params: Params }) {
  const { token } = await params;
  const session = await requireSession(invitationPath(token));
  // The invitee is not in the inviting organization yet: the expiry is shown in their own
  // current organization's zone (UTC without one), with the zone's name.
  const { invitation, timeZone } = await withUser(session.claims, async (tx) => ({
    invitation: await previewInvitation(tx, token),
    timeZone: (await loadOrgContext(tx, session.userId)).current?.timeZone,
  }));
  if (!invitation) {
    return (
      <Shell title="Invitation not found">
        <p className="text-sm text-ink-muted">{ANSWER_MESSAGES.not_found}</p>
        {home}
      </Shell>
    );
  }
  if (invitation.status !== 'pending') {
    const closed = CLOSED[invitation.status];
    return (
      <Shell title={closed.title}>
        <p className="text-sm text-ink-muted">{closed.text}</p>
        {home}
      </Shell>
    );
  }
  if (!invitation.forMe || !invitation.orgName || !invitation.role) {
    return (
      <Shell title="This invitation is for someone else">
        <p className="text-sm text-ink-muted">{ANSWER_MESSAGES.wrong_email}</p>
        <p className="text-sm">
          You are signed in as <span className="font-medium break-all">{session.email}</span>.
        </p>
        <form action={signOutAction}>
          <Button type="submit" variant="secondary" className="w-full">
            Sign out
          </Button>
        </form>
      </Shell>
    );
  }
  return (
    <Shell title={`Join ${invitation.orgName}`}>
      <p className="text-sm text-ink" data-testid="invitation-summary">
        <span className="font-medium break-all">{invitation.inviterEmail ?? 'A former member'}</span> invited you to join{' '}
        <span className="font-medium">{invitation.orgName}</span> as <span className="font-medium">{roleLabel(invitation.role)}</span>.
      </p>
      <dl className="space-y-2 rounded-md border border-line bg-surface-muted px-3.5 py-3 text-sm">
        <div>
          <dt className="text-ink-muted">Role</dt>
          <dd>
            <span className="font-medium">{roleLabel(invitation.role)}</span>: {ROLE_HELP[invitation.role]}
          </dd>
        </div>
        <div>
          <dt className="text-ink-muted">Signed in as</dt>
          <dd className="break-all">{session.email}</dd>
        </div>
        <div>
          <dt className="text-ink-muted">Valid until</dt>
          <dd>{formatDateTime(invitation.expiresAt, { timeZone })}</dd>
        </div>
      </dl>
      {invitation.alreadyMember ? (
        <Alert tone="info">{ANSWER_MESSAGES.already_member}</Alert>
      ) : (
        <p className="text-xs text-ink-muted">
          Nothing changes until you accept. You keep your own organization and can leave this one at any time in Settings.
        </p>
      )}
      <AnswerForm token={token} orgName={invitation.orgName} />
    </Shell>
  );
}
