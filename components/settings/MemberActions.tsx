'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/Button';
import { Select } from '@/components/ui/Select';
import type { Role } from '@/lib/db/schema';
import { changeRoleAction, removeMemberAction } from '@/app/(app)/settings/actions';
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

/** Change-role and remove controls for one member row, each a small form with its own outcome. */
export function MemberActions({ orgId, userId, email, role, roles, isSelf }: Props) {
  const [roleState, changeRole, changing] = useActionState<SettingsFormState, FormData>(changeRoleAction, {});
  const [removeState, remove, removing] = useActionState<SettingsFormState, FormData>(removeMemberAction, {});
  const error = roleState.error ?? removeState.error;
  const selectId = `role-${userId}`;
  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-center justify-end gap-2">
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
        <form
          action={remove}
          onSubmit={(e) => {
            const question = isSelf
              ? 'Remove yourself from this organization? You will lose access to it.'
              : `Remove ${email} from this organization?`;
            if (!window.confirm(question)) e.preventDefault();
          }}
        >
          <input type="hidden" name="orgId" value={orgId} />
          <input type="hidden" name="userId" value={userId} />
          <Button type="submit" variant="ghost" size="sm" disabled={removing} className="w-20 text-danger hover:text-danger-strong" aria-label={`Remove ${email}`}>
            {removing ? 'Removing…' : isSelf ? 'Leave' : 'Remove'}
          </Button>
        </form>
      </div>
      {error ? (
        <p role="alert" className="text-right text-xs text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}
