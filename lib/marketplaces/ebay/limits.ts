// eBay limits are application-level DAILY call quotas (marketplace-apis.md §3.2, §3.6), not
// per-second rates. Each is modelled as a token bucket holding a whole day's quota that refills
// at quota / 86,400 s: a fresh app may spend its day at once, a drained one recovers over the day.
// Buckets are keyed by the application (client id) because that is what eBay counts against.
import type { RateLimits, TokenBucket } from '@/lib/marketplaces/http';

const DAY_S = 86_400;

export interface DailyQuota {
  perDay: number;
  ratePerSecond: number;
  burst: number;
}

const daily = (perDay: number): DailyQuota => ({ perDay, ratePerSecond: perDay / DAY_S, burst: perDay });

export const ebayDefaultLimits = {
  fulfillment: daily(100_000),
  inventory: daily(2_000_000),
  oauthRefreshToken: daily(50_000),
  oauthAuthorizationCode: daily(10_000),
  oauthClientCredentials: daily(1_000),
} as const satisfies Record<string, DailyQuota>;

export type EbayQuotaName = keyof typeof ebayDefaultLimits;

export function ebayBucket(limits: RateLimits, clientId: string, name: EbayQuotaName): TokenBucket {
  const q = ebayDefaultLimits[name];
  return limits.bucket(`ebay:${clientId}:${name}`, q.ratePerSecond, q.burst);
}
