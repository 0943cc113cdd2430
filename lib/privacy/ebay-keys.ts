import 'server-only';
// The process's eBay public-key lookup for account-deletion notifications: keys fetched from the
// Notification API with an application token, cached per kid (single flight), and lookups of kids
// not in the cache limited to one a minute, so forged kids cannot spend eBay's daily quota.
import { config } from '@/lib/env';
import { RateLimits } from '@/lib/marketplaces/http';
import { ebayApplicationToken } from '@/lib/marketplaces/ebay/oauth';
import { KeyLookupThrottled } from './ebay-keys-errors';
import { cachedPublicKeys, notificationApiKeyFetcher, type EbayPublicKey, type PublicKeyLookup } from './ebay-signature';

export { KeyLookupThrottled };

/** Wraps a cached lookup: a kid the cache lacks is fetched at most once per `intervalMs`. */
export function throttledMisses(
  cached: PublicKeyLookup & { has(kid: string): boolean },
  o: { intervalMs?: number; now?: () => number } = {},
): PublicKeyLookup {
  const interval = o.intervalMs ?? 60_000;
  const now = o.now ?? Date.now;
  let lastMiss = -Infinity;
  return async (kid: string): Promise<EbayPublicKey> => {
    if (!cached.has(kid)) {
      if (now() - lastMiss < interval) throw new KeyLookupThrottled();
      lastMiss = now();
    }
    return cached(kid);
  };
}

const KEY = Symbol.for('esm.ebay-public-keys');

/** Null when eBay is not configured (production without eBay). */
export function ebayPublicKeys(): PublicKeyLookup | null {
  const holder = globalThis as { [KEY]?: PublicKeyLookup | null };
  if (holder[KEY] !== undefined) return holder[KEY];
  const { ebay } = config().marketplaces;
  if (!ebay.app) return (holder[KEY] = null);
  const getApplicationToken = ebayApplicationToken({ apiBaseUrl: ebay.apiBaseUrl, app: ebay.app, limits: new RateLimits() });
  const cached = cachedPublicKeys(notificationApiKeyFetcher({ apiBase: ebay.apiBaseUrl, getApplicationToken }));
  return (holder[KEY] = throttledMisses(cached));
}
