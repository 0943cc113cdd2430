// Builds the connector for an account from configuration and its credentials: the only place that
// knows which connector class serves which marketplace.
import type { MarketplaceConfig } from '@/lib/env';
import type { Marketplace } from '@/lib/model';
import { AmazonConnector } from './amazon';
import { tagCredentials, type CredentialsByMarketplace } from './credentials';
import { EbayConnector } from './ebay';
import { MarketplaceError, type RateLimits, type Timer } from './http';
import type { Connector } from './types';
import { WalmartConnector } from './walmart';

export interface ConnectorDeps {
  marketplaces: MarketplaceConfig;
  limits: RateLimits;
  timer?: Timer;
}

/**
 * `credentials` are checked against `marketplace` at run time as well (stored credentials are
 * untyped JSON until then): a mismatch throws an `auth` MarketplaceError naming the fields.
 */
export function buildConnector<M extends Marketplace>(
  marketplace: M,
  credentials: CredentialsByMarketplace[M],
  deps: ConnectorDeps,
  marketplaceCode?: string | null,
): Connector {
  const { marketplaces: m, limits, timer } = deps;
  const account = tagCredentials(marketplace, credentials);
  switch (account.marketplace) {
    case 'walmart':
      return new WalmartConnector({ baseUrl: m.walmart.baseUrl, credentials: account.credentials, limits, timer });
    case 'amazon': {
      if (!m.amazon.app) throw new MarketplaceError('permanent', 'Amazon is not configured on this ESM (AMAZON_LWA_CLIENT_ID, AMAZON_LWA_CLIENT_SECRET, AMAZON_APP_ID)');
      const ids = marketplaceCode ? [marketplaceCode, ...m.amazon.marketplaceIds.filter((x) => x !== marketplaceCode)] : m.amazon.marketplaceIds;
      return new AmazonConnector({
        credentials: account.credentials,
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
        credentials: account.credentials,
        app: { clientId: m.ebay.app.clientId, clientSecret: m.ebay.app.clientSecret },
        marketplaceId: m.ebay.marketplaceId,
        limits,
        timer,
      });
  }
}
