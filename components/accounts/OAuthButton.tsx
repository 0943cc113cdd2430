import { ExternalLink } from 'lucide-react';
import { Button, type ButtonVariant } from '@/components/ui/Button';
import type { OAuthMarketplace } from '@/lib/accounts/oauth-state';

/** A plain form POST: the start route sets the state cookie and sends the browser to the marketplace. */
export function OAuthButton({
  marketplace,
  orgId,
  accountId,
  label,
  variant = 'primary',
}: {
  marketplace: OAuthMarketplace;
  orgId: string;
  accountId?: string;
  label: string;
  variant?: ButtonVariant;
}) {
  return (
    <form method="post" action={`/api/oauth/${marketplace}/start`}>
      <input type="hidden" name="orgId" value={orgId} />
      {accountId ? <input type="hidden" name="accountId" value={accountId} /> : null}
      <Button type="submit" variant={variant} size={accountId ? 'sm' : 'md'}>
        {label}
        <ExternalLink aria-hidden className="size-3.5" />
      </Button>
    </form>
  );
}
