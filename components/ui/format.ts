// The one formatting module for money, counts and dates, shared by server-rendered pages and
// client tables. Times are shown in the organization's zone and say which.

type When = Date | string | null | undefined;
const toDate = (d: Date | string) => (d instanceof Date ? d : new Date(d));

/**
 * Every date is shown in one zone: the organization's (Settings → Time zone), passed in by the
 * page as `timeZone`; UTC when none is given. The same zone on the server and in the browser keeps
 * the two renderings equal (no hydration mismatch).
 */
export interface ZoneOption {
  timeZone?: string;
}

const FORMATS = {
  date: { dateStyle: 'medium' }, // "Dec 6, 2026"
  day: { month: 'short', day: 'numeric' }, // "Dec 6": dense tables, within the current year
  year: { year: 'numeric' },
  '12h': { hour: 'numeric', minute: '2-digit' }, // "2:05 PM": the orders pages, read beside the marketplaces' own times
  '24h': { hour: '2-digit', minute: '2-digit', hour12: false }, // "14:05": logs of events (audit, shipments, privacy runs)
  zone: { timeZoneName: 'short' },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(kind: keyof typeof FORMATS, timeZone = 'UTC'): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions = FORMATS[kind];
    try {
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone });
    } catch {
      f = new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' });
    }
    formatters.set(key, f);
  }
  return f;
}

/** The zone's short name at that moment: "UTC", "EST", "GMT+1". */
export function formatZone(d: Date | string, { timeZone }: ZoneOption = {}): string {
  return formatter('zone', timeZone).formatToParts(toDate(d)).find((p) => p.type === 'timeZoneName')?.value ?? 'UTC';
}

/** "Dec 6, 2026", or a dash when there is no date. */
export function formatDate(d: When, { timeZone }: ZoneOption = {}): string {
  return d ? formatter('date', timeZone).format(toDate(d)) : '—';
}

/** "Dec 6" within the year of `now` (in the zone), else "Dec 6, 2025": dense tables. */
export function formatShortDate(d: When, { timeZone, now = new Date() }: ZoneOption & { now?: Date } = {}): string {
  if (!d) return '—';
  const at = toDate(d);
  const year = formatter('year', timeZone);
  return year.format(at) === year.format(now) ? formatter('day', timeZone).format(at) : formatter('date', timeZone).format(at);
}

/** "Dec 6, 2026, 14:05 UTC" (or "2:05 PM" with the 12-hour clock); `zone: false` drops the zone name. */
export function formatDateTime(
  d: When,
  { clock = '24h', zone = true, timeZone }: { clock?: '12h' | '24h'; zone?: boolean } & ZoneOption = {},
): string {
  if (!d) return '—';
  const at = toDate(d);
  return `${formatter('date', timeZone).format(at)}, ${formatter(clock, timeZone).format(at)}${zone ? ` ${formatZone(at, { timeZone })}` : ''}`;
}

/** The time of day on the 12-hour clock, without the zone ("2:05 PM"). */
export function formatTime(d: Date | string, { timeZone }: ZoneOption = {}): string {
  return formatter('12h', timeZone).format(toDate(d));
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

const MARKETPLACE_NAMES: Record<string, string> = { walmart: 'Walmart', amazon: 'Amazon', ebay: 'eBay' };

export function formatMarketplace(m: string): string {
  return MARKETPLACE_NAMES[m] ?? m;
}

const moneyFormats = new Map<string, Intl.NumberFormat | null>();

/**
 * Amounts arrive as numbers or as Postgres numeric strings; a missing or unreadable amount is a
 * dash. A currency Intl does not know is shown by its code after the amount.
 */
export function formatMoney(amount: string | number | null | undefined, currency: string | null | undefined = 'USD'): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(n)) return '—';
  const code = (currency ?? '').trim().toUpperCase() || 'USD';
  if (!moneyFormats.has(code)) {
    try {
      moneyFormats.set(code, new Intl.NumberFormat('en-US', { style: 'currency', currency: code }));
    } catch {
      moneyFormats.set(code, null);
    }
  }
  return moneyFormats.get(code)?.format(n) ?? `${n.toFixed(2)} ${code}`;
}
