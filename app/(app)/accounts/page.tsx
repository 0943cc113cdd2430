import type { Metadata } from 'next';
import { Plug } from 'lucide-react';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { AccountCard } from '@/components/accounts/AccountCard';
import { ConnectSection } from '@/components/accounts/ConnectSection';
import { OutcomeAlert } from '@/components/accounts/OutcomeAlert';
import { connectedMessage, connectErrorMessage, isConnectMessageCode, sharedSellerWarning } from '@/components/accounts/messages';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { MARKETPLACES, type Marketplace } from '@/lib/model';
import { config } from '@/lib/env';
import { hasRole } from '@/lib/orgs/roles';
import { listAccounts } from '@/lib/accounts/queries';
import { isConfigured } from '@/lib/accounts/connect-flow';

export const metadata: Metadata = { title: 'Accounts' };

type Search = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
const asMarketplace = (v: string | undefined): Marketplace | null => ((MARKETPLACES as readonly string[]).includes(v ?? '') ? (v as Marketplace) : null);

/** The outcome of an OAuth round trip, carried back as codes in the URL (never free text). */
function Outcome({ search }: { search: Search }) {
  const connected = asMarketplace(one(search.connected));
  if (connected) {
    const warning = one(search.shared) === '1' ? sharedSellerWarning(connected) : undefined;
    return <OutcomeAlert tone="success" warning={warning}>{connectedMessage(connected, one(search.reconnected) === '1')}</OutcomeAlert>;
  }
  const error = one(search.error);
  const m = asMarketplace(one(search.marketplace));
  if (m && isConnectMessageCode(error)) return <OutcomeAlert tone="error">{connectErrorMessage(m, error)}</OutcomeAlert>;
  return null;
}

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { session, org } = await pageContext('/accounts');
  if (!org) return null;
  const search = await searchParams;
  const accounts = await withUser(session.claims, (tx) => listAccounts(tx, org.id));
  const marketplaces = config().marketplaces;
  const manage = hasRole(org.role, 'admin');
  const sync = hasRole(org.role, 'operator');

  return (
    <>
      <PageHeader
        title="Accounts"
        description="The Walmart, Amazon and eBay seller accounts connected to this organization, and how their sync is going."
      />
      <div className="space-y-6">
        <Outcome search={search} />
        {accounts.length === 0 ? (
          <EmptyState
            icon={Plug}
            title="No marketplace accounts connected yet"
            text={
              manage
                ? 'Connect a Walmart, Amazon or eBay seller account below. ESM then syncs its orders every few minutes and its listings every 6 hours (or at once with Sync now).'
                : 'An owner or admin of this organization can connect Walmart, Amazon and eBay seller accounts here.'
            }
          />
        ) : (
          <section aria-label="Connected accounts" className="grid gap-4 lg:grid-cols-2">
            {accounts.map((a) => (
              <AccountCard key={a.id} account={a} orgId={org.id} timeZone={org.timeZone} can={{ manage, sync, configured: isConfigured(marketplaces, a.marketplace) }} />
            ))}
          </section>
        )}
        {manage ? (
          <ConnectSection orgId={org.id} amazon={isConfigured(marketplaces, 'amazon')} ebay={isConfigured(marketplaces, 'ebay')} />
        ) : (
          <p className="text-sm text-ink-muted">Only owners and admins can connect, reconnect or disconnect accounts.</p>
        )}
      </div>
    </>
  );
}
