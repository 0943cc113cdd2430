// Amazon amounts are decimal strings ("11.01", "100", "0.005"). They are parsed by the shared
// helper (lib/marketplaces/money.ts), added exactly (BigInt with the longest scale seen) and
// rounded once, half away from zero, to two decimals: no float ever touches money.
import { RecordError } from '@/lib/marketplaces/records';
import { centsToMoney, decimalCents, parseDecimal, type Decimal as Dec } from '@/lib/marketplaces/money';

function parse(amount: string): Dec {
  const d = parseDecimal(amount);
  if (!d) throw new RecordError('an amount was not a decimal number');
  return d;
}

const rescale = (d: Dec, scale: number): bigint => d.value * 10n ** BigInt(scale - d.scale);

function add(a: Dec, b: Dec): Dec {
  const scale = Math.max(a.scale, b.scale);
  return { value: rescale(a, scale) + rescale(b, scale), scale };
}

/** Rounds value / (10^scale × divisor) to cents, half away from zero (the shared rule). */
function format(d: Dec, divisor = 1n): string {
  return centsToMoney(decimalCents(d, divisor));
}

export function money(amount: string): string {
  return format(parse(amount));
}

export function sumMoney(amounts: string[]): string {
  return format(amounts.map(parse).reduce(add, { value: 0n, scale: 0 }));
}

/** amount × quantity as an exact decimal string (not rounded: sum first, round once). */
export function timesQuantity(amount: string, quantity: number): string {
  const d = parse(amount);
  const v = d.value * BigInt(quantity);
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString().padStart(d.scale + 1, '0');
  const whole = digits.slice(0, digits.length - d.scale);
  const frac = digits.slice(digits.length - d.scale);
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** A unit price when only a line total is given. */
export function perUnit(amount: string, quantity: number): string {
  return quantity > 0 ? format(parse(amount), BigInt(quantity)) : money(amount);
}
