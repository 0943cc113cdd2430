import type { Metadata } from 'next';
import { asc, eq } from 'drizzle-orm';
import { Plug } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { formatDate, formatDateTime, formatMarketplace } from '@/components/ui/format';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { marketplaceAccounts } from '@/lib/db/schema';

export const metadata: Metadata = { title: 'Accounts' };

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  active: { label: 'Active', tone: 'success' },
  needs_reconnect: { label: 'Needs reconnect', tone: 'warning' },
  disconnected: { label: 'Disconnected', tone: 'neutral' },
};

export default async function AccountsPage() {
  const { session, org } = await pageContext('/accounts');
  if (!org) return null;
  const accounts = await withUser(session.claims, (tx) =>
    tx
      .select({
        id: marketplaceAccounts.id,
        marketplace: marketplaceAccounts.marketplace,
        name: marketplaceAccounts.displayName,
        status: marketplaceAccounts.status,
        statusReason: marketplaceAccounts.statusReason,
        connectedAt: marketplaceAccounts.connectedAt,
        lastSyncSucceededAt: marketplaceAccounts.lastSyncSucceededAt,
      })
      .from(marketplaceAccounts)
      .where(eq(marketplaceAccounts.orgId, org.id))
      .orderBy(asc(marketplaceAccounts.marketplace), asc(marketplaceAccounts.displayName)),
  );
  return (
    <>
      <PageHeader title="Accounts" description="The Walmart, Amazon and eBay seller accounts connected to this organization." />
      {accounts.length === 0 ? (
        <EmptyState
          icon={Plug}
          title="No marketplace accounts connected"
          text="Connected Walmart, Amazon and eBay seller accounts are listed here with their sync health. Orders and listings are synced from them."
        />
      ) : (
        <Table>
          <caption className="sr-only">Connected marketplace accounts</caption>
          <THead>
            <tr>
              <TH>Marketplace</TH>
              <TH>Name</TH>
              <TH>Status</TH>
              <TH>Connected</TH>
              <TH>Last successful sync</TH>
            </tr>
          </THead>
          <TBody>
            {accounts.map((a) => {
              const s = STATUS[a.status] ?? { label: a.status, tone: 'neutral' as const };
              return (
                <TR key={a.id} data-testid="account-row">
                  <TD className="font-medium">{formatMarketplace(a.marketplace)}</TD>
                  <TD>{a.name}</TD>
                  <TD>
                    <Badge tone={s.tone} title={a.statusReason ?? undefined}>
                      {s.label}
                    </Badge>
                  </TD>
                  <TD className="text-ink-muted">{formatDate(a.connectedAt)}</TD>
                  <TD className="text-ink-muted">{a.lastSyncSucceededAt ? formatDateTime(a.lastSyncSucceededAt) : 'Not yet'}</TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </>
  );
}
