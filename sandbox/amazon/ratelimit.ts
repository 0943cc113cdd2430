// Usage plans from the model files (marketplace-apis.md §2.10): one token bucket per
// application + selling partner + operation, refilled on the simulated clock.
import type { Clock } from '@/sandbox/core/clock';

export interface UsagePlan {
  rate: number; // requests per second
  burst: number;
}

export const USAGE_PLANS = {
  getOrders: { rate: 0.0167, burst: 20 },
  getOrder: { rate: 0.5, burst: 30 },
  getOrderItems: { rate: 0.5, burst: 30 },
  getOrderAddress: { rate: 0.5, burst: 30 },
  getOrderBuyerInfo: { rate: 0.5, burst: 30 },
  confirmShipment: { rate: 2, burst: 10 },
  createRestrictedDataToken: { rate: 1, burst: 10 },
  searchOrders: { rate: 0.0056, burst: 20 },
  getOrder20260101: { rate: 0.5, burst: 30 },
  searchListingsItems: { rate: 5, burst: 5 },
  getListingsItem: { rate: 5, burst: 10 },
} as const satisfies Record<string, UsagePlan>;

export type OperationName = keyof typeof USAGE_PLANS;

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /** Takes one token; false when the bucket is empty (the caller answers 429). */
  take(key: string, plan: UsagePlan): boolean {
    const now = this.clock.now();
    const b = this.buckets.get(key) ?? { tokens: plan.burst, at: now };
    b.tokens = Math.min(plan.burst, b.tokens + (Math.max(0, now - b.at) / 1000) * plan.rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  reset(): void {
    this.buckets.clear();
  }
}
