import { describe, expect, it } from 'vitest';
import { centsToMoney, decimalToCents, divideCents, parseDecimal } from './money';
import { money as amazonMoney } from './amazon/money';

describe('decimalToCents: exact, half away from zero', () => {
  it.each([
    ['31.995', 3200], // a float path gives 31.99 (31.995 * 100 = 3199.4999…)
    ['31.994', 3199],
    ['0.1', 10],
    ['0.29', 29], // 0.29 * 100 = 28.999999999999996
    ['1.005', 101], // 1.005 * 100 = 100.49999999999999
    ['  12.50 ', 1250],
    ['-0.005', -1],
    ['-3.10', -310],
    ['7', 700],
    ['.5', 50],
    ['12.', 1200],
    ['+4.20', 420],
    ['0.004', 0],
    ['99999999999.99', 9999999999999],
    ['90071992547409.91', 9007199254740991],
  ] as const)('%s → %i cents', (input, cents) => {
    expect(decimalToCents(input)).toBe(cents);
  });

  it.each([[31.995, 3200], [0.1, 10], [1.005, 101], [1e2, 10000], [-0.005, -1], [19.99, 1999], [1e-7, 0], [-5e-3, -1]] as const)(
    'JSON number %d → %i cents (as written, not as the float)',
    (input, cents) => {
      expect(decimalToCents(input)).toBe(cents);
    },
  );

  it.each(['', '   ', '12,50', '1,234.00', '$5', 'abc', '1e2', '1.5E-1', '1.2.3', '--1', '1e', 'e5', '0x10', 'Infinity', 'NaN', '1e999'])(
    'rejects %j (strings are plain decimals: an exponent means a broken value)',
    (input) => {
      expect(decimalToCents(input)).toBeNull();
    },
  );

  it('rejects non-finite numbers, null and values a JS number cannot hold exactly', () => {
    expect(decimalToCents(Number.NaN)).toBeNull();
    expect(decimalToCents(Number.POSITIVE_INFINITY)).toBeNull();
    expect(decimalToCents(null)).toBeNull();
    expect(decimalToCents(undefined)).toBeNull();
    expect(decimalToCents('90071992547409.92')).toBeNull();
    expect(decimalToCents('123456789012345678901234567890')).toBeNull();
    expect(decimalToCents(1e21)).toBeNull();
  });

  it('parses long digit strings without losing digits', () => {
    expect(parseDecimal('123456789012345678901234567890.125')).toEqual({ value: 123456789012345678901234567890125n, scale: 3 });
  });
});

describe('centsToMoney and divideCents', () => {
  it('formats cents as a two-decimal string', () => {
    expect(centsToMoney(0)).toBe('0.00');
    expect(centsToMoney(5)).toBe('0.05');
    expect(centsToMoney(-1)).toBe('-0.01');
    expect(centsToMoney(123456)).toBe('1234.56');
    expect(centsToMoney(12345678901234567890n)).toBe('123456789012345678.90');
  });

  it('divides half away from zero, like every amount', () => {
    expect(divideCents(1000, 3)).toBe(333);
    expect(divideCents(1001, 2)).toBe(501); // 500.5
    expect(divideCents(-1001, 2)).toBe(-501); // Math.round would give -500
    expect(divideCents(700, 0)).toBe(700);
  });

  it('Amazon rounds through the same rule', () => {
    expect(amazonMoney('31.995')).toBe('32.00');
    expect(amazonMoney('-0.005')).toBe('-0.01');
    expect(() => amazonMoney('12,50')).toThrow();
  });
});
