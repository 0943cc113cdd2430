// The sync worker's connectors: an account's stored credentials opened into its connector
// (built by lib/marketplaces/registry), and the process-wide rate-limit buckets.
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/connect';
import { marketplaceAccounts } from '@/lib/db/schema';
import type { EncryptionKey } from '@/lib/env';
import { loadCredentials, type AccountCredentials } from '@/lib/accounts/credentials';
import { MarketplaceError, RateLimits } from '@/lib/marketplaces/http';
import type { Connector } from '@/lib/marketplaces/types';
import { buildConnector, type ConnectorDeps } from '@/lib/marketplaces/registry';

/** A `connectorFor` for the sync worker: loads the account and opens its credentials. */
export function connectorsFromDatabase(db: Db, keys: EncryptionKey[], deps: ConnectorDeps): (job: { accountId: string }) => Promise<Connector> {
  return async (job) => {
    const { account, credentials } = await db.transaction(async (tx) => {
      const [account] = await tx.select().from(marketplaceAccounts).where(eq(marketplaceAccounts.id, job.accountId));
      return { account, credentials: account ? await loadCredentials<AccountCredentials>(tx, keys, job.accountId) : null };
    });
    if (!account || !credentials) throw new MarketplaceError('auth', 'No stored credentials for this account: reconnect it');
    return buildConnector(account.marketplace, credentials, deps, account.marketplaceCode);
  };
}

const LIMITS = Symbol.for('esm.rate-limits');
/** One set of buckets per process, so consecutive jobs share what they learned of the limits. */
export function processRateLimits(): RateLimits {
  const g = globalThis as { [LIMITS]?: RateLimits };
  return (g[LIMITS] ??= new RateLimits());
}
