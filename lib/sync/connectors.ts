// Builds the connector for an account from configuration and its (decrypted) credentials.
// The only place that knows which connector class serves which marketplace.
import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db/connect';
import { marketplaceAccounts } from '@/lib/db/schema';
import { type Marketplace } from '@/lib/model';
import type { EncryptionKey, MarketplaceConfig } from '@/lib/env';
import { loadCredentials, type AccountCredentials, type AmazonCredentials, type EbayCredentials, type WalmartCredentials } from '@/lib/accounts/credentials';
import { MarketplaceError, RateLimits, type Timer } from '@/lib/marketplaces/http';
import type { Connector } from '@/lib/marketplaces/types';
import { AmazonConnector } from '@/lib/marketplaces/amazon';
import { EbayConnector } from '@/lib/marketplaces/ebay';
import { WalmartConnector } from '@/lib/marketplaces/walmart';

export interface ConnectorDeps {
  marketplaces: MarketplaceConfig;
  limits: RateLimits;
  timer?: Timer;
}

export function buildConnector(marketplace: Marketplace, credentials: AccountCredentials, deps: ConnectorDeps, marketplaceCode?: string | null): Connector {
  const { marketplaces: m, limits, timer } = deps;
  switch (marketplace) {
    case 'walmart':
      return new WalmartConnector({ baseUrl: m.walmart.baseUrl, credentials: credentials as WalmartCredentials, limits, timer });
    case 'amazon': {
      if (!m.amazon.app) throw new MarketplaceError('permanent', 'Amazon is not configured on this ESM (AMAZON_LWA_CLIENT_ID, AMAZON_LWA_CLIENT_SECRET, AMAZON_APP_ID)');
      const ids = marketplaceCode ? [marketplaceCode, ...m.amazon.marketplaceIds.filter((x) => x !== marketplaceCode)] : m.amazon.marketplaceIds;
      return new AmazonConnector({
        credentials: credentials as AmazonCredentials,
        app: { clientId: m.amazon.app.clientId, clientSecret: m.amazon.app.clientSecret },
        region: m.amazon.region,
        marketplaceIds: ids,
        endpointOverride: m.amazon.endpointOverride ?? undefined,
        limits,
        timer,
      });
    }
    case 'ebay':
      if (!m.ebay.app) throw new MarketplaceError('permanent', 'eBay is not configured on this ESM (EBAY_CLIENT_ID, EBAY_CLIENT_SECRET, EBAY_RUNAME)');
      return new EbayConnector({
        apiBaseUrl: m.ebay.apiBaseUrl,
        credentials: credentials as EbayCredentials,
        app: { clientId: m.ebay.app.clientId, clientSecret: m.ebay.app.clientSecret },
        marketplaceId: m.ebay.marketplaceId,
        limits,
        timer,
      });
  }
}

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
