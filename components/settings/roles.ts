import type { Role } from '@/lib/model';

export const ROLE_HELP: Record<Role, string> = {
  owner: 'everything, including renaming the organization and managing owners',
  admin: 'manages members and marketplace accounts',
  operator: 'works orders: holds, addresses, labels',
  viewer: 'reads everything, changes nothing',
};

export function roleLabel(role: Role): string {
  return role[0].toUpperCase() + role.slice(1);
}
