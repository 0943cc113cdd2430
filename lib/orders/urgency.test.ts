import { describe, expect, it } from 'vitest';
import { dayBounds, urgencyLabel, urgencyOf } from './urgency';

describe('ship-by urgency', () => {
  it("bounds today in the organization's zone, across a DST change", () => {
    // 2026-03-05 04:00 UTC is still March 4 in New York (EST, UTC-5).
    expect(dayBounds(new Date('2026-03-05T04:00:00Z'), 'America/New_York')).toEqual({
      start: new Date('2026-03-04T05:00:00Z'),
      end: new Date('2026-03-05T05:00:00Z'),
    });
    expect(dayBounds(new Date('2026-03-05T04:00:00Z'), 'UTC').end).toEqual(new Date('2026-03-06T00:00:00Z'));
    expect(dayBounds(new Date('2026-03-05T04:00:00Z'), 'Asia/Tokyo').end).toEqual(new Date('2026-03-05T15:00:00Z'));
    // March 8, 2026 is 23 hours long in New York (clocks go forward at 2:00).
    expect(dayBounds(new Date('2026-03-08T12:00:00Z'), 'America/New_York')).toEqual({
      start: new Date('2026-03-08T05:00:00Z'),
      end: new Date('2026-03-09T04:00:00Z'),
    });
    // An unknown zone falls back to UTC rather than failing the page.
    expect(dayBounds(new Date('2026-03-05T04:00:00Z'), 'Mars/Olympus').end).toEqual(new Date('2026-03-06T00:00:00Z'));
  });

  it('tells late, due today and later apart, for open orders only', () => {
    const now = new Date('2026-03-05T04:00:00Z');
    const at = (iso: string) => new Date(iso);
    expect(urgencyOf(at('2026-03-05T03:59:00Z'), true, now, 'America/New_York')).toBe('late');
    expect(urgencyOf(at('2026-03-05T04:59:00Z'), true, now, 'America/New_York')).toBe('today');
    expect(urgencyOf(at('2026-03-05T05:00:00Z'), true, now, 'America/New_York')).toBe('later');
    expect(urgencyOf(at('2026-03-05T05:00:00Z'), true, now, 'UTC')).toBe('today');
    expect(urgencyOf(at('2026-03-05T03:00:00Z'), false, now)).toBeNull();
    expect(urgencyOf(null, true, now)).toBeNull();
  });

  it('says "due in 3 h" / "late by 2 d"', () => {
    const now = new Date('2026-03-05T04:00:00Z');
    expect(urgencyLabel(new Date('2026-03-05T07:00:00Z'), true, now)).toBe('due in 3 h');
    expect(urgencyLabel(new Date('2026-03-03T04:00:00Z'), true, now)).toBe('late by 2 d');
    expect(urgencyLabel(new Date('2026-03-05T04:20:00Z'), true, now)).toBe('due in 20 min');
    expect(urgencyLabel(new Date('2026-03-05T07:00:00Z'), false, now)).toBeNull();
  });
});
