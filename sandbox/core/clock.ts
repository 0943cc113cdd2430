// Simulated time. Sandbox services read "now" from a clock so tests can move time forward and
// watch orders appear, change status and get cancelled without waiting.

export interface Clock {
  now(): number;
}

export class SimClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: () => number = Date.now) {}
  now(): number {
    return this.base() + this.offsetMs;
  }
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new Error('advance() takes a non-negative number of milliseconds');
    this.offsetMs += ms;
  }
  /**
   * A clock that follows this one and can also be moved ahead on its own: the embedded default
   * gives Shippo one, so packages can be sent days ahead (deliveries, refunds) without moving the
   * marketplaces' orders.
   */
  derive(): SimClock {
    return new SimClock(() => this.now());
  }
}

/** A clock frozen at a fixed instant until advanced (deterministic tests). */
export function fixedClock(atMs: number): SimClock {
  return new SimClock(() => atMs);
}

/** The start (00:00 UTC) of the day `t` falls in. */
export function startOfUtcDay(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
}
