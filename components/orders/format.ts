// Formatting shared by the server-rendered pages and the client table. Times are shown in UTC
// so the server's and the browser's renderings agree (no hydration mismatch) and so everyone on
// a team reads the same clock as the marketplaces' ship-by dates.

const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(amount: number, currency: string): string {
  const code = currency.trim().toUpperCase() || 'USD';
  let f = moneyFormats.get(code);
  if (!f) {
    try {
      f = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
    } catch {
      f = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    moneyFormats.set(code, f);
  }
  return f.format(amount);
}

const day = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
const time = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', hour: 'numeric', minute: '2-digit' });

export function formatDay(d: Date | null | undefined): string {
  return d ? day.format(d) : '—';
}

export function formatDateTime(d: Date | null | undefined, { zone = true } = {}): string {
  return d ? `${day.format(d)}, ${time.format(d)}${zone ? ' UTC' : ''}` : '—';
}

export function formatTime(d: Date): string {
  return time.format(d);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
