import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { RoleBadge } from '@/components/shell/UserPanel';
import type { OrgMembership } from '@/lib/orgs/context';
import { leaveOrganizationAction } from '@/app/(app)/settings/actions';
import { ConfirmButton } from './ConfirmButton';

/** Every organization the user belongs to, with their role, and a way out of each. */
export function MyOrganizations({ orgs, currentId }: { orgs: OrgMembership[]; currentId: string }) {
  return (
    <Table>
      <caption className="sr-only">Organizations you belong to</caption>
      <THead>
        <tr>
          <TH>Organization</TH>
          <TH>Your role</TH>
          <TH className="text-right">
            <span className="sr-only">Actions</span>
          </TH>
        </tr>
      </THead>
      <TBody>
        {orgs.map((o) => (
          <TR key={o.id} data-testid="my-org-row">
            <TD className="font-medium [overflow-wrap:anywhere]">
              {o.name}
              {o.id === currentId ? <span className="ml-2 text-xs font-normal text-ink-muted">(current)</span> : null}
            </TD>
            <TD>
              <RoleBadge role={o.role} />
            </TD>
            <TD className="text-right">
              <ConfirmButton
                action={leaveOrganizationAction}
                fields={{ orgId: o.id }}
                label="Leave"
                pendingLabel="Leaving…"
                question={`Leave ${o.name}? You lose access to it until someone invites you again.`}
                ariaLabel={`Leave ${o.name}`}
              />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
