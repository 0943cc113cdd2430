// Documented default usage plans (marketplace-apis.md §2.10, from the model files). Buckets start
// from these and follow x-amzn-RateLimit-Limit when a response reports the seller's real rate.
import type { RateLimits, TokenBucket } from '@/lib/marketplaces/http';

export interface UsagePlan {
  ratePerSecond: number;
  burst: number;
}

export const amazonDefaultLimits = {
  /** Orders API v2026-01-01 searchOrders: one request every ~179 s once the burst is spent. */
  searchOrders: { ratePerSecond: 0.0056, burst: 20 },
  /** Listings Items API 2021-08-01. */
  searchListingsItems: { ratePerSecond: 5, burst: 5 },
  /** Orders v0, for pushing tracking. */
  confirmShipment: { ratePerSecond: 2, burst: 10 },
  /** Orders API v2026-01-01 getOrder: what a tracking push reads before and after confirming. */
  getOrder: { ratePerSecond: 0.5, burst: 30 },
} as const satisfies Record<string, UsagePlan>;

export type AmazonOperation = keyof typeof amazonDefaultLimits;

/** Amazon meters per application + selling partner + operation. */
export function amazonBucket(limits: RateLimits, clientId: string, sellerId: string, op: AmazonOperation): TokenBucket {
  const plan = amazonDefaultLimits[op];
  return limits.bucket(`amazon|${clientId}|${sellerId}|${op}`, plan.ratePerSecond, plan.burst);
}

/** x-amzn-RateLimit-Limit ("0.0056", "5.0") as requests per second; undefined when absent or odd. */
export function rateFromHeader(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || !/^\d+(\.\d+)?$/.test(raw.trim())) return undefined;
  const n = Number(raw);
  return n > 0 && Number.isFinite(n) ? n : undefined;
}
