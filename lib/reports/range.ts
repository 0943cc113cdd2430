// Date ranges in the organization's time zone: presets become inclusive local calendar days, the
// comparison period is the same number of days just before, and long ranges chart per week.
// Pure: no database, so the page, the route and the command line agree on what "today" is.
import type { Bucket, Preset } from './types';

const DAY = 86_400_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Longest range a report covers (two years): keeps every query and chart bounded. */
export const MAX_DAYS = 731;

// One formatter per zone: building an Intl.DateTimeFormat costs far more than using one.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date of `now` in `timeZone`. */
export function localDate(now: Date, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (dateFormats.size < 1000) dateFormats.set(timeZone, f);
  }
  return f.format(now);
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** Inclusive number of days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY) + 1;
}

export function presetRange(preset: Exclude<Preset, 'custom'>, today: string): { from: string; to: string } {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case 'this_month':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'last_month': {
      const firstOfThis = `${today.slice(0, 8)}01`;
      const lastOfPrev = addDays(firstOfThis, -1);
      return { from: `${lastOfPrev.slice(0, 8)}01`, to: lastOfPrev };
    }
  }
}

/** The period of the same length that ends the day before `from`. */
export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const n = daysBetween(from, to);
  return { from: addDays(from, -n), to: addDays(from, -1) };
}

/** Per day up to about three months, per week (Monday) beyond: never hundreds of bars. */
export function bucketFor(from: string, to: string): Bucket {
  return daysBetween(from, to) > 92 ? 'week' : 'day';
}

/** Every bucket label from `from` to `to`, so days without orders chart as zero. */
export function bucketLabels(from: string, to: string, bucket: Bucket): string[] {
  const out: string[] = [];
  let d = bucket === 'week' ? mondayOf(from) : from;
  const step = bucket === 'week' ? 7 : 1;
  for (; d <= to; d = addDays(d, step)) out.push(d);
  return out;
}

function mondayOf(date: string): string {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}
