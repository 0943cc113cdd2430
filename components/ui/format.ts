// The one formatting module for money, counts and dates, shared by server-rendered pages and
// client tables. Times are shown in UTC, and say so, so the server's and the browser's renderings
// agree (no hydration mismatch) and a team reads the same clock as the marketplaces' dates.

type When = Date | string | null | undefined;
const toDate = (d: Date | string) => (d instanceof Date ? d : new Date(d));

const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const clocks = {
  // "2:05 PM": the orders pages, read beside the marketplaces' own times.
  '12h': new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' }),
  // "14:05": logs of events (audit, shipments, privacy runs).
  '24h': new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hour12: false }),
};

/** "Dec 6, 2026", or a dash when there is no date. */
export function formatDate(d: When): string {
  return d ? date.format(toDate(d)) : '—';
}

/** "Dec 6, 2026, 14:05 UTC" (or "2:05 PM" with the 12-hour clock); `zone: false` drops " UTC". */
export function formatDateTime(d: When, { clock = '24h', zone = true }: { clock?: keyof typeof clocks; zone?: boolean } = {}): string {
  if (!d) return '—';
  const at = toDate(d);
  return `${date.format(at)}, ${clocks[clock].format(at)}${zone ? ' UTC' : ''}`;
}

/** The time of day on the 12-hour clock, without the zone ("2:05 PM"). */
export function formatTime(d: Date | string): string {
  return clocks['12h'].format(toDate(d));
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
