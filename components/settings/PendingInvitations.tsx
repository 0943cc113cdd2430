import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { formatDate } from '@/components/ui/format';
import { RoleBadge } from '@/components/shell/UserPanel';
import type { Role } from '@/lib/model';
import type { PendingInvitation } from '@/lib/orgs/invitations';
import { revokeInvitationAction } from '@/app/(app)/settings/actions';
import { ConfirmButton } from './ConfirmButton';

/** Open invitations of the organization, each revocable (owner invitations by owners only). */
export function PendingInvitations({
  orgId,
  invitations,
  emails,
  actorRole,
  timeZone,
}: {
  orgId: string;
  invitations: PendingInvitation[];
  emails: Map<string, string>;
  actorRole: Role;
  timeZone: string;
}) {
  if (invitations.length === 0) return null;
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">Pending invitations</h3>
      <Table>
        <caption className="sr-only">Invitations not answered yet</caption>
        <THead>
          <tr>
            <TH>Email</TH>
            <TH>Role</TH>
            <TH className="hidden sm:table-cell">Invited by</TH>
            <TH className="hidden sm:table-cell">Expires</TH>
            <TH className="text-right">
              <span className="sr-only">Actions</span>
            </TH>
          </tr>
        </THead>
        <TBody>
          {invitations.map((i) => (
            <TR key={i.id} data-testid="invitation-row">
              <TD className="min-w-44 font-medium [overflow-wrap:anywhere]">
                {i.email}
                {/* On a phone the two columns below fold into this line. */}
                <span className="mt-0.5 block text-xs font-normal text-ink-muted sm:hidden">Expires {formatDate(i.expiresAt, { timeZone })}</span>
              </TD>
              <TD>
                <RoleBadge role={i.role} />
              </TD>
              <TD className="hidden text-ink-muted [overflow-wrap:anywhere] sm:table-cell">{(i.invitedBy && emails.get(i.invitedBy)) ?? 'Former member'}</TD>
              <TD className="hidden whitespace-nowrap text-ink-muted sm:table-cell">{formatDate(i.expiresAt, { timeZone })}</TD>
              <TD className="text-right">
                {i.role !== 'owner' || actorRole === 'owner' ? (
                  <ConfirmButton
                    action={revokeInvitationAction}
                    fields={{ orgId, invitationId: i.id }}
                    label="Revoke"
                    pendingLabel="Revoking…"
                    question={`Withdraw the invitation for ${i.email}? Its link stops working.`}
                    ariaLabel={`Revoke the invitation for ${i.email}`}
                  />
                ) : null}
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}
