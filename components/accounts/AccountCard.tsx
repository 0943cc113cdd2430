import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { buttonClasses } from '@/components/ui/Button';
import { Card } from '@/components/ui/Card';
import { formatDate, formatMarketplace } from '@/components/ui/format';
import { MarketplaceBadge } from '@/components/orders/Badges';
import type { AccountView } from '@/lib/accounts/queries';
import { DisconnectControl } from './DisconnectControl';
import { OAuthButton } from './OAuthButton';
import { SyncActivity } from './SyncActivity';
import { WalmartForm } from './WalmartForm';
import { AmazonTokenForm } from './AmazonTokenForm';

const STATUS: Record<AccountView['status'], { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  needs_reconnect: { label: 'Needs reconnect', tone: 'warning' },
  disconnected: { label: 'Disconnected', tone: 'neutral' },
};

export interface AccountPermissions {
  /** Admin or owner: reconnect and disconnect. */
  manage: boolean;
  /** Operator or higher: Sync now. */
  sync: boolean;
  /** Amazon / eBay app configured on this ESM (OAuth reconnect possible). */
  configured: boolean;
}

/** The way back in: Walmart asks for credentials again, Amazon and eBay go through consent. */
function Reconnect({ account, orgId, configured }: { account: AccountView; orgId: string; configured: boolean }) {
  if (account.marketplace === 'walmart') {
    return (
      <details className="open:basis-full">
        <summary className={buttonClasses(account.status === 'active' ? 'secondary' : 'primary', 'sm', 'cursor-pointer list-none')}>Reconnect</summary>
        <div className="mt-3 max-w-sm">
          <p className="mb-3 text-sm text-ink-muted">Enter this seller&apos;s current client ID and secret from Walmart Seller Center.</p>
          <WalmartForm orgId={orgId} accountId={account.id} submitLabel="Reconnect Walmart" />
        </div>
      </details>
    );
  }
  if (!configured) return <p className="text-xs text-ink-muted">{formatMarketplace(account.marketplace)} is not configured on this ESM.</p>;
  return (
    <OAuthButton
      marketplace={account.marketplace}
      orgId={orgId}
      accountId={account.id}
      label={`Reconnect with ${formatMarketplace(account.marketplace)}`}
      variant={account.status === 'active' ? 'secondary' : 'primary'}
    />
  );
}

export function AccountCard({ account, orgId, can, timeZone }: { account: AccountView; orgId: string; can: AccountPermissions; timeZone: string }) {
  const status = STATUS[account.status];
  const market = formatMarketplace(account.marketplace);
  // Display names often already say the marketplace ("Amazon seller A1…"); don't say it twice.
  const name = account.displayName.toLowerCase().startsWith(market.toLowerCase()) ? account.displayName : `${market} ${account.displayName}`;
  return (
    <Card className="flex flex-col" data-testid="account-card" aria-label={`${formatMarketplace(account.marketplace)} account ${account.displayName}`} role="region">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-line px-5 py-4">
        <div className="min-w-0 space-y-1">
          <MarketplaceBadge marketplace={account.marketplace} />
          <h2 className="truncate text-base font-semibold text-ink" data-testid="account-name">
            {account.displayName}
          </h2>
          <p className="text-xs text-ink-muted">
            Seller ID <span className="font-mono">{account.externalAccountId}</span> · connected {formatDate(account.connectedAt, { timeZone })}
          </p>
        </div>
        <Badge tone={status.tone} data-testid="account-status">
          {status.label}
        </Badge>
      </div>
      <div className="flex-1 space-y-3 px-5 py-4">
        {account.status !== 'active' && account.statusReason ? (
          <p className={account.status === 'needs_reconnect' ? 'text-sm text-warning' : 'text-sm text-ink-muted'} data-testid="status-reason">
            {account.statusReason}
          </p>
        ) : null}
        <SyncActivity
          orgId={orgId}
          accountId={account.id}
          canSync={can.sync}
          renderedAt={Date.now()}
          initial={{
            id: account.id,
            status: account.status,
            statusReason: account.statusReason,
            lastSyncStartedAt: account.lastSyncStartedAt,
            lastSyncSucceededAt: account.lastSyncSucceededAt,
            lastSyncError: account.lastSyncError,
            nextRunAt: account.nextRunAt,
            orders: account.orders,
            listings: account.listings,
            quarantine: account.quarantine,
          }}
        />
      </div>
      {can.manage ? (
        <div className="flex flex-wrap items-start gap-2 border-t border-line px-5 py-3">
          <Reconnect account={account} orgId={orgId} configured={can.configured} />
          {account.status !== 'disconnected' ? <DisconnectControl orgId={orgId} accountId={account.id} name={name} /> : null}
          {account.marketplace === 'amazon' && can.configured ? (
            <details className="basis-full">
              <summary className="cursor-pointer text-xs text-ink-muted hover:text-ink">Private app: reconnect with a new refresh token</summary>
              <div className="mt-3 max-w-sm">
                <AmazonTokenForm orgId={orgId} accountId={account.id} />
              </div>
            </details>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}
