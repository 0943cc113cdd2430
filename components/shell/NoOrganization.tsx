import { Building2 } from 'lucide-react';
import { EmptyState } from '@/components/ui/EmptyState';

export function NoOrganization() {
  return (
    <EmptyState
      icon={Building2}
      title="You are not a member of any organization"
      text={
        <>
          Your account exists, but no organization includes you (any more). Ask an owner or admin of your
          team to invite this email address from their Settings page, then open the link they send you.
        </>
      }
    />
  );
}
