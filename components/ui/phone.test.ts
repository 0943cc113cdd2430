import { describe, expect, it } from 'vitest';
import { formatPhone } from './phone';

describe('formatPhone', () => {
  it('shows North American numbers one way, however they were written', () => {
    for (const raw of ['2065550123', '(206) 555-0123', '206.555.0123', '1-206-555-0123', '+1 206 555 0123', '+12065550123', '001 206 555 0123']) {
      expect(formatPhone(raw, 'US'), raw).toBe('+1 206-555-0123');
    }
    expect(formatPhone('4165550123', 'CA')).toBe('+1 416-555-0123');
  });

  it('keeps an extension', () => {
    expect(formatPhone('(206) 555-0123 x12', 'US')).toBe('+1 206-555-0123 ext. 12');
    expect(formatPhone('206-555-0123 ext. 4', 'US')).toBe('+1 206-555-0123 ext. 4');
  });

  it('shows other international numbers in E.164', () => {
    expect(formatPhone('+44 20 7946 0958', 'GB')).toBe('+442079460958');
    expect(formatPhone('0044 20 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('leaves what it cannot read as it came, and nothing as nothing', () => {
    expect(formatPhone('020 7946 0958', 'GB')).toBe('020 7946 0958');
    expect(formatPhone('call the front desk', 'US')).toBe('call the front desk');
    expect(formatPhone('555-0123', 'US')).toBe('555-0123');
    expect(formatPhone('+12', 'US')).toBe('+12');
    expect(formatPhone('  ', 'US')).toBe('');
    expect(formatPhone(null)).toBe('');
  });
});
