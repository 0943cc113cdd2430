// Money as exact 2-decimal strings via integer cents, shared by the connectors that sum and
// divide in cents (Walmart, eBay): floats would drift. Amazon adds exact decimals instead
// (amazon/money.ts), because its amounts may carry more than two decimals until rounded once.
import type { Money } from '@/lib/marketplaces/types';

/** "12.5" / "-3.10" / "7" → cents; null when not a decimal number. */
export function decimalToCents(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const m = /^\s*(-)?(\d+)(?:\.(\d*))?\s*$/.exec(value);
  if (!m) return null;
  const frac = (m[3] ?? '').padEnd(3, '0');
  // Round half away from zero on the third decimal.
  const cents = Number(m[2]) * 100 + Number(frac.slice(0, 2)) + (Number(frac[2]) >= 5 ? 1 : 0);
  return m[1] ? -cents : cents;
}

export function centsToMoney(cents: number): Money {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.round(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Unit price from a line total, rounded half up to the cent. */
export function divideCents(cents: number, by: number): number {
  return by > 0 ? Math.round(cents / by) : cents;
}
