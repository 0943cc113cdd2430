import { LogOut } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { Button } from '@/components/ui/Button';
import type { Role } from '@/lib/model';
import { signOutAction } from '@/app/(auth)/actions';

export const ROLE_TONE: Record<Role, BadgeTone> = { owner: 'accent', admin: 'info', operator: 'success', viewer: 'neutral' };

export function RoleBadge({ role }: { role: Role }) {
  return (
    <Badge tone={ROLE_TONE[role]} data-testid="role-badge">
      {role[0].toUpperCase() + role.slice(1)}
    </Badge>
  );
}

export function UserPanel({ email, role }: { email: string; role: Role | null }) {
  return (
    <div className="space-y-2 border-t border-line pt-3">
      <div className="flex items-center justify-between gap-2 px-1">
        <span className="truncate text-sm text-ink" title={email} data-testid="user-email">
          {email}
        </span>
        {role ? <RoleBadge role={role} /> : null}
      </div>
      <form action={signOutAction}>
        <Button type="submit" variant="ghost" size="sm" className="w-full justify-start">
          <LogOut aria-hidden className="size-4" />
          Sign out
        </Button>
      </form>
    </div>
  );
}
