// Money, exactly: every marketplace amount (a decimal string, or a JSON number as written) is
// parsed digit by digit into an integer with a scale (BigInt), never through float arithmetic,
// and rounded ONCE to cents, half away from zero ("commercial" rounding: 31.995 → 32.00,
// -0.005 → -0.01). Walmart, eBay and Amazon all present amounts with two decimals and round
// this way on their own documents; a third decimal only appears in odd payloads, and Amazon's
// sums are rounded once after exact addition (amazon/money.ts builds on these helpers).
import type { Money } from '@/lib/marketplaces/types';

/** An exact decimal: value / 10^scale. */
export interface Decimal {
  value: bigint;
  scale: number;
}

// "12", "12.5", ".5", "12.", "-3.10"; a comma, a currency sign, spaces inside or an exponent are
// not: marketplaces send amounts as plain decimals, and "1e2" in a string is a broken value.
const DECIMAL = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))$/;
// A JSON number may be written with an exponent (String(1e-7) is "1e-7"): that is still exact.
const NUMBER_TEXT = /^([+-])?(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:e([+-]?\d{1,3}))?$/;
/** Exponents beyond this are no amount of money (and would build huge BigInts). */
const MAX_EXPONENT = 40;

/** Parses a decimal string or a finite JSON number exactly; null when it is not one. */
export function parseDecimal(input: string | number | null | undefined): Decimal | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number' && !Number.isFinite(input)) return null;
  // String(n) is the shortest text that reads back as n: the literal the JSON carried.
  const m = typeof input === 'number' ? NUMBER_TEXT.exec(String(input)) : DECIMAL.exec(input.trim());
  if (!m) return null;
  const [, sign, whole = '', frac1, frac2, exp] = m;
  const frac = frac1 ?? frac2 ?? '';
  const e = exp ? Number(exp) : 0;
  if (Math.abs(e) > MAX_EXPONENT) return null;
  let value = BigInt(`${whole}${frac}` || '0');
  let scale = frac.length - e;
  if (scale < 0) {
    value *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { value: sign === '-' ? -value : value, scale };
}

/** value / (10^scale × divisor) in cents, rounded half away from zero. */
export function decimalCents(d: Decimal, divisor = 1n): bigint {
  const neg = d.value < 0n !== divisor < 0n;
  const abs = d.value < 0n ? -d.value : d.value;
  const den = 10n ** BigInt(d.scale) * (divisor < 0n ? -divisor : divisor);
  const cents = (abs * 200n + den) / (2n * den);
  return neg ? -cents : cents;
}

/**
 * "12.5" / "-3.10" / 7 / "1e2" → cents; null when not a decimal number or beyond what a JS
 * number holds exactly (the sync's column-range check rejects smaller but still too big values).
 */
export function decimalToCents(input: string | number | null | undefined): number | null {
  const d = parseDecimal(input);
  if (!d) return null;
  const cents = decimalCents(d);
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  return cents > max || cents < -max ? null : Number(cents);
}

export function centsToMoney(cents: number | bigint): Money {
  const c = typeof cents === 'bigint' ? cents : BigInt(Math.round(cents));
  const abs = c < 0n ? -c : c;
  const s = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return c < 0n ? `-${s}` : s;
}

/** Unit price from a line total in cents, rounded half away from zero like every amount. */
export function divideCents(cents: number, by: number): number {
  if (!(by > 0)) return cents;
  return Number(decimalCents({ value: BigInt(cents), scale: 2 }, BigInt(by)));
}
