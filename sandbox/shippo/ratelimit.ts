// Per-minute limits from docs.goshippo.com "Rate limits" (test keys get a tenth of live), as a token
// bucket per API key, endpoint group and call kind, refilled on the SimClock.
import type { SimClock } from '@/sandbox/core/clock';

export type Group = 'core' | 'batch' | 'tracking';
export type CallKind = 'post' | 'get' | 'list' | 'put';

// [live, test] requests per minute.
const LIMITS: Record<Group, Partial<Record<CallKind, [number, number]>>> = {
  core: { post: [500, 50], get: [4000, 400], list: [50, 10], put: [500, 50] },
  batch: { post: [50, 10], get: [400, 40], list: [50, 10] },
  tracking: { post: [750, 50], get: [500, 50] },
};

export function limitFor(group: Group, kind: CallKind, test: boolean): number | null {
  const pair = LIMITS[group][kind];
  return pair ? pair[test ? 1 : 0] : null;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly clock: SimClock,
    /** The window the per-minute limits apply to; shorter for benchmarks (limits scaled in time). */
    private readonly windowMs = 60_000,
  ) {}

  /** Null when allowed; otherwise the seconds until a request would be allowed again. */
  take(key: string, limit: number): number | null {
    const now = this.clock.now();
    const perMs = limit / this.windowMs;
    const b = this.buckets.get(key) ?? { tokens: limit, at: now };
    b.tokens = Math.min(limit, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000));
  }

  reset(): void {
    this.buckets.clear();
  }
}
