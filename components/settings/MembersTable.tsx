import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { formatDate } from '@/components/ui/format';
import { RoleBadge } from '@/components/shell/UserPanel';
import type { Role } from '@/lib/model';
import { canManage, grantableRoles, type Member } from '@/lib/orgs/members';
import { MemberActions } from './MemberActions';

export function MembersTable({
  orgId,
  members,
  actorId,
  actorRole,
  timeZone,
}: {
  orgId: string;
  members: Member[];
  actorId: string;
  actorRole: Role;
  timeZone: string;
}) {
  const roles = grantableRoles(actorRole);
  const anyControls = members.some((m) => canManage(actorRole, m.role));
  return (
    <Table>
      <caption className="sr-only">Members of this organization</caption>
      <THead>
        <tr>
          <TH>Email</TH>
          <TH>Role</TH>
          <TH className="hidden sm:table-cell">Member since</TH>
          {anyControls ? (
            <TH className="text-right">
              <span className="sr-only">Actions</span>
            </TH>
          ) : null}
        </tr>
      </THead>
      <TBody>
        {members.map((m) => (
          <TR key={m.userId} data-testid="member-row">
            <TD className="min-w-44 font-medium [overflow-wrap:anywhere]">
              {m.email}
              {m.userId === actorId ? <span className="ml-2 text-xs font-normal whitespace-nowrap text-ink-muted">(you)</span> : null}
            </TD>
            <TD>
              <RoleBadge role={m.role} />
            </TD>
            <TD className="hidden text-ink-muted sm:table-cell">{formatDate(m.createdAt, { timeZone })}</TD>
            {anyControls ? (
              <TD className="text-right">
                {canManage(actorRole, m.role) ? (
                  <MemberActions orgId={orgId} userId={m.userId} email={m.email} role={m.role} roles={roles} isSelf={m.userId === actorId} />
                ) : null}
              </TD>
            ) : null}
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
