// Ship-by urgency: late, due today (in the organization's time zone) or later. No server
// imports: the table renders the same labels in the browser.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// One formatter per zone, kept: building an Intl.DateTimeFormat costs ~0.1 ms, and a page of 50
// orders asked for several per row (most of the Orders page's time at 10k orders).
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Minutes the zone is ahead of UTC at `at` (e.g. -300 for New York in winter). */
function zoneOffsetMinutes(at: Date, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(at);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / MINUTE);
}

function safeZone(timeZone: string | undefined): string {
  try {
    formatter(timeZone || 'UTC');
    return timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

// The last answer: a page asks for the same day's bounds once per row.
let last: { key: string; start: number; end: number } | null = null;

/** Start of the day containing `now` and of the next day, as instants, in `timeZone`. */
export function dayBounds(now: Date, timeZone?: string): { start: Date; end: Date } {
  const zone = safeZone(timeZone);
  const key = `${zone} ${now.getTime()}`;
  if (last?.key !== key) {
    const b = computeDayBounds(now, zone);
    last = { key, start: b.start.getTime(), end: b.end.getTime() };
  }
  return { start: new Date(last.start), end: new Date(last.end) };
}

function computeDayBounds(now: Date, zone: string): { start: Date; end: Date } {
  const local = new Date(now.getTime() + zoneOffsetMinutes(now, zone) * MINUTE);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  // A local midnight to an instant: the offset of that instant may differ (DST), so settle it twice.
  const instant = (localMs: number) => {
    let t = localMs - zoneOffsetMinutes(new Date(localMs), zone) * MINUTE;
    t = localMs - zoneOffsetMinutes(new Date(t), zone) * MINUTE;
    return new Date(t);
  };
  return { start: instant(midnight), end: instant(midnight + DAY) };
}

export type Urgency = 'late' | 'today' | 'later';

export function urgencyOf(shipBy: Date | null, open: boolean, now: Date, timeZone?: string): Urgency | null {
  if (!shipBy || !open) return null;
  if (shipBy.getTime() < now.getTime()) return 'late';
  return shipBy.getTime() < dayBounds(now, timeZone).end.getTime() ? 'today' : 'later';
}

function span(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))} min`;
  if (ms < 2 * DAY) return `${Math.round(ms / HOUR)} h`;
  return `${Math.round(ms / DAY)} d`;
}

/** "due in 3 h" / "late by 2 d"; null for orders that no longer have to ship. */
export function urgencyLabel(shipBy: Date | null, open: boolean, now: Date): string | null {
  if (!shipBy || !open) return null;
  const ms = shipBy.getTime() - now.getTime();
  return ms < 0 ? `late by ${span(-ms)}` : `due in ${span(ms)}`;
}
