// The one formatting module: the strings the pages showed before the two modules were merged.
import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDateTime, formatMoney, formatShortDate, formatTime, formatZone } from './format';

const at = new Date('2026-03-09T14:05:09Z');

describe('formatting', () => {
  it('dates in UTC: 24-hour for event logs, 12-hour for the orders pages, a dash for none', () => {
    expect(formatDate(at)).toBe('Mar 9, 2026');
    expect(formatDate(at.toISOString())).toBe('Mar 9, 2026');
    expect(formatDateTime(at)).toBe('Mar 9, 2026, 14:05 UTC');
    expect(formatDateTime('2026-03-09T00:30:00Z')).toBe('Mar 9, 2026, 00:30 UTC');
    expect(formatDateTime(at, { clock: '12h' })).toBe('Mar 9, 2026, 2:05 PM UTC');
    expect(formatDateTime(at, { clock: '12h', zone: false })).toBe('Mar 9, 2026, 2:05 PM');
    expect(formatTime(at)).toBe('2:05 PM');
    for (const none of [null, undefined]) {
      expect(formatDate(none)).toBe('—');
      expect(formatDateTime(none)).toBe('—');
    }
  });

  it("dates in the organization's zone, its short name shown, across a date line", () => {
    const ny = { timeZone: 'America/New_York' };
    expect(formatDateTime(at, ny)).toBe('Mar 9, 2026, 10:05 EDT');
    expect(formatDateTime('2026-01-09T03:30:00Z', { ...ny, clock: '12h' })).toBe('Jan 8, 2026, 10:30 PM EST');
    expect(formatDate('2026-01-09T03:30:00Z', ny)).toBe('Jan 8, 2026');
    expect(formatTime(at, { timeZone: 'Asia/Tokyo' })).toBe('11:05 PM');
    expect(formatZone(at, ny)).toBe('EDT');
    // An unknown zone falls back to UTC rather than throwing in a page.
    expect(formatDateTime(at, { timeZone: 'Not/AZone' })).toBe('Mar 9, 2026, 14:05 UTC');
  });

  it('money from numbers or numeric strings, any case of code; unreadable amounts are a dash', () => {
    expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatMoney('1234.50', ' usd ')).toBe('$1,234.50');
    expect(formatMoney('19.99', 'GBP')).toBe('£19.99');
    expect(formatMoney(1000, 'JPY')).toBe('¥1,000');
    expect(formatMoney('5', null)).toBe('$5.00');
    expect(formatMoney(5, 'NOT A CODE')).toBe('5.00 NOT A CODE');
    for (const v of [null, undefined, '', 'abc']) expect(formatMoney(v, 'USD')).toBe('—');
  });

  it('short dates in dense tables: no year within the current year of the zone, the year otherwise', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    expect(formatShortDate('2026-12-04T14:20:00Z', { now })).toBe('Dec 4');
    expect(formatShortDate('2025-12-30T14:20:00Z', { now })).toBe('Dec 30, 2025');
    // New Year's Eve in UTC is already the new year in Tokyo, the year of "now" there too.
    const newYear = new Date('2027-01-01T12:00:00Z');
    expect(formatShortDate('2026-12-31T20:00:00Z', { now: newYear, timeZone: 'Asia/Tokyo' })).toBe('Jan 1');
    expect(formatShortDate('2026-12-31T20:00:00Z', { now: newYear, timeZone: 'America/New_York' })).toBe('Dec 31, 2026');
    expect(formatShortDate(null)).toBe('—');
  });

  it('counts with thousands separators', () => {
    expect(formatCount(1234567)).toBe('1,234,567');
  });
});
