'use client';

import { useActionState } from 'react';
import { Send } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { FieldError, Label } from '@/components/ui/Label';
import { Select } from '@/components/ui/Select';
import type { Role } from '@/lib/model';
import { inviteMemberAction } from '@/app/(app)/settings/actions';
import { CopyLink } from './CopyLink';
import { ROLE_HELP, roleLabel } from './roles';
import type { SettingsFormState } from './form-state';

export function InviteMemberForm({ orgId, roles }: { orgId: string; roles: Role[] }) {
  const [state, action, pending] = useActionState<SettingsFormState, FormData>(inviteMemberAction, {});
  const f = state.fields ?? {};
  return (
    <form action={action} noValidate className="space-y-3" key={JSON.stringify(state)} aria-label="Invite a member">
      <input type="hidden" name="orgId" value={orgId} />
      <div className="flex flex-wrap items-start gap-3">
        <div className="min-w-0 flex-1 basis-64">
          <Label htmlFor="member-email">Email address to invite</Label>
          <Input
            id="member-email"
            name="email"
            type="email"
            autoComplete="off"
            placeholder="colleague@company.com"
            defaultValue={state.values?.email}
            aria-invalid={f.email ? true : undefined}
            aria-describedby={f.email ? 'member-email-error' : undefined}
          />
          <FieldError id="member-email-error">{f.email}</FieldError>
        </div>
        <div className="w-40">
          <Label htmlFor="member-role">Role</Label>
          <Select id="member-role" name="role" defaultValue={state.values?.role || 'viewer'}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleLabel(r)}
              </option>
            ))}
          </Select>
        </div>
        <div className="pt-6">
          <Button type="submit" disabled={pending}>
            <Send aria-hidden className="size-4" />
            {pending ? 'Inviting…' : 'Invite'}
          </Button>
        </div>
      </div>
      <p className="text-xs text-ink-muted">{roles.map((r) => `${roleLabel(r)}: ${ROLE_HELP[r]}`).join(' · ')}</p>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.success ? (
        <Alert tone="success">
          <span className="block">{state.success}</span>
          {state.link ? <CopyLink path={state.link} /> : null}
        </Alert>
      ) : null}
    </form>
  );
}
