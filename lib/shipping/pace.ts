// Pacing bulk label purchases to Shippo's rate limit instead of running into it. Shippo allows,
// per API key and endpoint, 500 POSTs a minute with a live key and 50 with a test key
// (docs.goshippo.com "Rate limits"; marketplace-apis.md §5.9). One order in a batch makes one
// POST to each of /addresses, /shipments and /transactions, so pacing orders to the POST limit
// keeps every endpoint within it; a 429 that still comes (another process sharing the key) is
// waited out as Shippo asks (batch.ts).

/** Shippo's documented POST limit per endpoint and minute for a key. */
export function shippoPostsPerMinute(apiKey: string | null): number {
  return apiKey?.startsWith('shippo_live_') ? 500 : 50;
}

/**
 * A token bucket that reserves: each call takes one request slot and says how long to wait for
 * it (0 while the burst lasts), so concurrent batches in one process share the limit fairly.
 */
export class Pacer {
  private tokens: number;
  private at: number;

  constructor(
    /** Requests allowed per window, also the burst (Shippo refills a minute's worth). */
    readonly perWindow: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(perWindow >= 1) || !(windowMs > 0)) throw new Error('Pacer: perWindow must be at least 1 and windowMs positive');
    this.tokens = perWindow;
    this.at = now();
  }

  /** Reserves the next slot; milliseconds to wait before using it. */
  reserve(): number {
    const t = this.now();
    const perMs = this.perWindow / this.windowMs;
    this.tokens = Math.min(this.perWindow, this.tokens + (t - this.at) * perMs);
    this.at = t;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil(-this.tokens / perMs);
  }
}
