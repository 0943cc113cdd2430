// Presets resolve to the organization's local days; bad input is an answer, not an exception.
import { describe, expect, it } from 'vitest';
import { parseReportQuery, reportQuery } from './params';
import { bucketFor, bucketLabels, isIsoDate, localDate, previousPeriod } from './range';

const ctx = (now: string, timeZone = 'UTC') => ({ orgId: '00000000-0000-4000-8000-000000000001', timeZone, now: new Date(now) });
const range = (q: Record<string, string>, now = '2026-03-15T12:00:00Z', tz = 'UTC') => {
  const p = parseReportQuery(q, ctx(now, tz));
  return p.ok ? [p.value.preset, p.value.from, p.value.to] : p.error;
};

describe('report parameters', () => {
  it('resolves presets to inclusive local days', () => {
    expect(range({})).toEqual(['30d', '2026-02-14', '2026-03-15']);
    expect(range({ range: 'today' })).toEqual(['today', '2026-03-15', '2026-03-15']);
    expect(range({ range: '7d' })).toEqual(['7d', '2026-03-09', '2026-03-15']);
    expect(range({ range: '90d' })).toEqual(['90d', '2025-12-16', '2026-03-15']);
    expect(range({ range: 'this_month' })).toEqual(['this_month', '2026-03-01', '2026-03-15']);
    expect(range({ range: 'last_month' })).toEqual(['last_month', '2026-02-01', '2026-02-28']);
    expect(range({ range: 'last_month' }, '2026-01-10T00:00:00Z')).toEqual(['last_month', '2025-12-01', '2025-12-31']);
    expect(range({ from: '2026-01-01', to: '2026-01-31' })).toEqual(['custom', '2026-01-01', '2026-01-31']);
  });

  it("takes 'today' in the organization's zone", () => {
    // 03:00 UTC on the 15th is still the 14th in New York and already the 15th in Tokyo.
    expect(range({ range: 'today' }, '2026-03-15T03:00:00Z', 'America/New_York')).toEqual(['today', '2026-03-14', '2026-03-14']);
    expect(range({ range: 'today' }, '2026-03-14T16:00:00Z', 'Asia/Tokyo')).toEqual(['today', '2026-03-15', '2026-03-15']);
    expect(localDate(new Date('2026-03-09T03:59:59Z'), 'America/New_York')).toBe('2026-03-08');
  });

  it('refuses bad input with a message', () => {
    expect(range({ range: 'forever' })).toMatch(/Unknown range/);
    expect(range({ from: '2026-02-30', to: '2026-03-01' })).toMatch(/real calendar dates/);
    expect(range({ from: '2026-03-01' })).toMatch(/real calendar dates/);
    expect(range({ from: '2026-03-02', to: '2026-03-01' })).toMatch(/not be after/);
    expect(range({ from: '2020-01-01', to: '2026-01-01' })).toMatch(/at most/);
    expect(parseReportQuery({ marketplace: 'etsy' }, ctx('2026-03-15T00:00:00Z'))).toMatchObject({ ok: false });
    expect(parseReportQuery({ account: "1' or 1=1" }, ctx('2026-03-15T00:00:00Z'))).toMatchObject({ ok: false });
    expect(isIsoDate('2026-3-1')).toBe(false);
  });

  it('compares with the same number of days just before, and buckets long ranges by week', () => {
    expect(previousPeriod('2026-03-02', '2026-03-08')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(bucketFor('2026-01-01', '2026-03-31')).toBe('day');
    expect(bucketFor('2025-01-01', '2025-12-31')).toBe('week');
    expect(bucketLabels('2026-03-04', '2026-03-20', 'week')).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
  });

  it('writes a query string that reads back to the same parameters', () => {
    const p = parseReportQuery({ from: '2026-01-01', to: '2026-01-31', marketplace: 'ebay' }, ctx('2026-03-15T00:00:00Z'));
    if (!p.ok) throw new Error(p.error);
    const back = parseReportQuery(Object.fromEntries(new URLSearchParams(reportQuery(p.value))), ctx('2026-03-15T00:00:00Z'));
    expect(back).toEqual(p);
  });
});
