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
}

/** A clock frozen at a fixed instant until advanced (deterministic tests). */
export function fixedClock(atMs: number): SimClock {
  return new SimClock(() => atMs);
}
