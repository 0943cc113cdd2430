// Index ↔ time arithmetic of order arrivals, with and without rate steps: every order's creation
// time, the count at any moment and the first index of a window agree with one another.
import { describe, expect, it } from 'vitest';
import { createdAtOf, firstIndexCreatedAtOrAfter, orderCount, type Arrivals } from './arrivals';

const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 1);

function agree(a: Arrivals, until: number) {
  const n = orderCount(a, until);
  const times = Array.from({ length: n }, (_, i) => createdAtOf(a, i));
  for (let i = 1; i < n; i++) expect(times[i]).toBeGreaterThan(times[i - 1]);
  // Probe on and between every order time.
  for (const [i, t] of times.entries()) {
    for (const probe of [t - 1, t, t + 1]) {
      const expectedCount = times.filter((x) => x <= probe).length;
      const expectedFirst = times.findIndex((x) => x >= probe);
      expect(orderCount(a, probe)).toBe(expectedCount);
      if (expectedFirst >= 0) expect(firstIndexCreatedAtOrAfter(a, probe)).toBe(expectedFirst);
    }
    expect(firstIndexCreatedAtOrAfter(a, t)).toBe(i);
  }
  return times;
}

describe('order arrivals', () => {
  it('one every intervalMs from the epoch without steps', () => {
    const a = { epochMs: T0, intervalMs: 7 * MIN };
    const times = agree(a, T0 + 200 * MIN);
    expect(times.slice(0, 3)).toEqual([T0, T0 + 7 * MIN, T0 + 14 * MIN]);
    expect(orderCount(a, T0 - 1)).toBe(0);
  });

  it('changes rate at each step; the first order of a step is at its start', () => {
    const a: Arrivals = { epochMs: T0, intervalMs: 50 * MIN, steps: [{ fromMs: T0 + 120 * MIN, intervalMs: 20 * MIN }, { fromMs: T0 + 185 * MIN, intervalMs: 3 * MIN }] };
    const times = agree(a, T0 + 260 * MIN);
    const mins = times.map((t) => (t - T0) / MIN);
    expect(mins.slice(0, 9)).toEqual([0, 50, 100, 120, 140, 160, 180, 185, 188]);
    expect(orderCount(a, T0 + 260 * MIN)).toBe(7 + 26);
  });

  it('caps the count at maxOrders', () => {
    expect(orderCount({ epochMs: T0, intervalMs: MIN, maxOrders: 10, steps: [{ fromMs: T0 + 5 * MIN, intervalMs: 1000 }] }, T0 + 60 * MIN)).toBe(10);
  });

  it('rejects steps out of order', () => {
    expect(() => orderCount({ epochMs: T0, intervalMs: MIN, steps: [{ fromMs: T0, intervalMs: MIN }] }, T0 + MIN)).toThrow(/ascending/);
  });
});
