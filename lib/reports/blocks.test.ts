import { describe, expect, it } from 'vitest';
import { blocksFor, type Block } from './blocks';
import { addDays } from './range';

/** How many times each day counts: +1 per block holding it, -1 per subtracted block. */
function counts(blocks: Block[]): Map<string, number> {
  const n = new Map<string, number>();
  const add = (from: string, to: string, sign: number) => {
    for (let d = from; d <= to; d = addDays(d, 1)) n.set(d, (n.get(d) ?? 0) + sign);
  };
  for (const b of blocks) {
    if (b.grain === 'day') add(b.from, b.to, b.sign);
    else if (b.grain === 'month') add(b.start, addDays(`${addDays(b.start, 31).slice(0, 7)}-01`, -1), b.sign);
    else add(b.start, `${b.start.slice(0, 4)}-12-31`, b.sign);
  }
  return n;
}

describe('blocksFor', () => {
  it('counts every day of the range once and no other day, for random ranges and todays', () => {
    let seed = 7;
    const rand = (k: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % k);
    for (let i = 0; i < 400; i++) {
      const from = addDays('2023-11-20', rand(900));
      const to = addDays(from, rand(i % 4 === 0 ? 800 : 120));
      const today = addDays(from, rand(900) - 100);
      const n = counts(blocksFor(from, to, today));
      for (const [d, c] of n) expect(c, `${from}..${to} (today ${today}) day ${d}`).toBe(d >= from && d <= to ? 1 : 0);
      for (let d = from; d <= to; d = addDays(d, 1)) expect(n.get(d), `${from}..${to} day ${d}`).toBe(1);
    }
  });

  it('reads a year up to today as a year and a month, not 365 days', () => {
    const blocks = blocksFor('2025-12-07', '2026-12-06', '2026-12-06');
    expect(blocks.filter((b) => b.grain !== 'day')).toEqual([
      { grain: 'month', start: '2025-12-01', sign: 1 },
      { grain: 'year', start: '2026-01-01', sign: 1 },
    ]);
    // Only the days before the 7th of December 2025 (6) and the days after today are read as days.
    expect(blocks.filter((b) => b.grain === 'day')).toEqual([
      { grain: 'day', from: '2025-12-01', to: '2025-12-06', sign: -1 },
      { grain: 'day', from: '2026-12-07', to: '2026-12-31', sign: -1 },
    ]);
  });

  it('keeps short ranges as days and whole months as months', () => {
    expect(blocksFor('2026-03-02', '2026-03-08', '2026-03-10')).toEqual([{ grain: 'day', from: '2026-03-02', to: '2026-03-08', sign: 1 }]);
    expect(blocksFor('2026-02-01', '2026-03-31', '2026-06-01')).toEqual([
      { grain: 'month', start: '2026-02-01', sign: 1 },
      { grain: 'month', start: '2026-03-01', sign: 1 },
    ]);
  });
});
