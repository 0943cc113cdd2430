// Walmart throttles per seller and per API with a gradually replenishing token bucket ("if 20
// calls are available every hour, 1 call will be available every 3 minutes") and reports the
// state in `X-Current-Token-Count` / `X-Next-Replenishment-Time` (marketplace-apis.md §1.8).
// The per-endpoint numbers for Marketplace are not published in any captured source, so the
// defaults below are assumptions and every limit can be overridden per sandbox instance.

export type WalmartOperation =
  | 'getAllOrders'
  | 'getAllReleasedOrders'
  | 'getAnOrder'
  | 'acknowledgeOrders'
  | 'shippingUpdates'
  | 'getAllItems'
  | 'getInventory'
  | 'getMultiNodeInventories';

export interface RateLimit {
  /** Requests replenished per minute. */
  perMinute: number;
  /** Bucket size (defaults to `perMinute`). */
  burst?: number;
}

export const DEFAULT_RATE_LIMITS: Record<WalmartOperation, RateLimit> = {
  getAllOrders: { perMinute: 5000 },
  getAllReleasedOrders: { perMinute: 5000 },
  getAnOrder: { perMinute: 5000 },
  acknowledgeOrders: { perMinute: 5000 },
  shippingUpdates: { perMinute: 5000 },
  getAllItems: { perMinute: 300 },
  getInventory: { perMinute: 300 },
  getMultiNodeInventories: { perMinute: 300 },
};

interface Bucket {
  tokens: number;
  at: number;
}

export interface TakeResult {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly limits: Record<WalmartOperation, RateLimit>) {}

  take(accountKey: string, op: WalmartOperation, now: number): TakeResult {
    const { perMinute, burst } = this.limits[op];
    const capacity = burst ?? perMinute;
    const perMs = perMinute / 60_000;
    const key = `${accountKey}|${op}`;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: now };
    b.tokens = Math.min(capacity, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = now;
    const allowed = b.tokens >= 1;
    if (allowed) b.tokens -= 1;
    this.buckets.set(key, b);
    const whole = Math.floor(b.tokens);
    // When the next whole request becomes available (now, if the bucket is full).
    const next = whole >= capacity ? now : now + Math.ceil((whole + 1 - b.tokens) / perMs);
    return {
      allowed,
      headers: { 'X-Current-Token-Count': String(whole), 'X-Next-Replenishment-Time': String(next) },
    };
  }
}
