'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/Button';
import { Select } from '@/components/ui/Select';
import type { Role } from '@/lib/model';
import { changeRoleAction, removeMemberAction } from '@/app/(app)/settings/actions';
import { ConfirmButton } from './ConfirmButton';
import { roleLabel } from './roles';
import type { SettingsFormState } from './form-state';

interface Props {
  orgId: string;
  userId: string;
  email: string;
  role: Role;
  roles: Role[];
  isSelf: boolean;
}

/**
 * Change-role and remove controls for one member row, each a small form with its own outcome.
 * One's own row has no Remove: leaving is under "Your organizations".
 */
export function MemberActions({ orgId, userId, email, role, roles, isSelf }: Props) {
  const [roleState, changeRole, changing] = useActionState<SettingsFormState, FormData>(changeRoleAction, {});
  const selectId = `role-${userId}`;
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-start justify-end gap-2">
        <form action={changeRole} className="flex items-center gap-2" key={`${role}-${JSON.stringify(roleState)}`}>
          <input type="hidden" name="orgId" value={orgId} />
          <input type="hidden" name="userId" value={userId} />
          <label htmlFor={selectId} className="sr-only">
            Role of {email}
          </label>
          <Select id={selectId} name="role" defaultValue={role} className="h-8 w-32 text-xs">
            {(roles.includes(role) ? roles : [role, ...roles]).map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </Select>
          <Button type="submit" variant="secondary" size="sm" disabled={changing} aria-label={`Save role of ${email}`}>
            {changing ? 'Saving…' : 'Save'}
          </Button>
        </form>
        {isSelf ? null : (
          <div className="w-20">
            <ConfirmButton
              action={removeMemberAction}
              fields={{ orgId, userId }}
              label="Remove"
              pendingLabel="Removing…"
              question={`Remove ${email} from this organization?`}
              ariaLabel={`Remove ${email}`}
            />
          </div>
        )}
      </div>
      {roleState.error ? (
        <p role="alert" className="text-right text-xs text-danger">
          {roleState.error}
        </p>
      ) : null}
    </div>
  );
}
