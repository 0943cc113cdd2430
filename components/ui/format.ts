// Dates are rendered on the server, which does not know the viewer's time zone: show UTC and say so.
const date = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });
const dateTime = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

export function formatDate(d: Date | string | null | undefined): string {
  return d ? date.format(new Date(d)) : '—';
}

export function formatDateTime(d: Date | string | null | undefined): string {
  return d ? `${dateTime.format(new Date(d))} UTC` : '—';
}

const MARKETPLACE_NAMES: Record<string, string> = { walmart: 'Walmart', amazon: 'Amazon', ebay: 'eBay' };

export function formatMarketplace(m: string): string {
  return MARKETPLACE_NAMES[m] ?? m;
}

/** Amounts arrive from Postgres numeric as strings; format without floating-point surprises for display. */
export function formatMoney(amount: string | number | null | undefined, currency: string | null | undefined = 'USD'): string {
  if (amount === null || amount === undefined || amount === '') return '—';
  const n = typeof amount === 'number' ? amount : Number(amount);
  if (!Number.isFinite(n)) return '—';
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: (currency ?? 'USD').trim() || 'USD' }).format(n);
  } catch {
    return `${n.toFixed(2)} ${currency ?? ''}`.trim();
  }
}
