import { describe, expect, it } from 'vitest';
import { identityBaseFor, lastModifiedFilter } from './client';
import { decodeListingsCursor, decodeOrdersCursor, encodeListingsCursor, encodeOrdersCursor } from './cursor';

describe('getOrders filter', () => {
  it('uses ISO with milliseconds and Z, percent-encodes the brackets only', () => {
    expect(lastModifiedFilter(new Date(Date.UTC(2024, 4, 15, 8, 25, 43, 511)), new Date(Date.UTC(2024, 4, 16)))).toBe(
      'lastmodifieddate:%5B2024-05-15T08:25:43.511Z..2024-05-16T00:00:00.000Z%5D',
    );
    expect(lastModifiedFilter(new Date(Date.UTC(2024, 4, 15)), null)).toBe('lastmodifieddate:%5B2024-05-15T00:00:00.000Z..%5D');
  });
});

describe('identity host', () => {
  it('is apiz.* on eBay and the same base elsewhere', () => {
    expect(identityBaseFor('https://api.ebay.com')).toBe('https://apiz.ebay.com');
    expect(identityBaseFor('https://api.sandbox.ebay.com/')).toBe('https://apiz.sandbox.ebay.com');
    expect(identityBaseFor('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
  });
});

describe('page cursors', () => {
  it('round-trip and refuse foreign input', () => {
    const o = { from: 1, to: 2, offset: 200, total: 241, open: false };
    expect(decodeOrdersCursor(encodeOrdersCursor(o))).toEqual({ v: 1, k: 'orders', ...o });
    expect(decodeListingsCursor(encodeListingsCursor({ offset: '3', limit: 200 }))).toEqual({ v: 1, k: 'listings', offset: '3', limit: 200 });
    expect(() => decodeOrdersCursor(encodeListingsCursor({ offset: '3', limit: 200 }))).toThrow(/page token/);
    expect(() => decodeOrdersCursor('%%%')).toThrow(/page token/);
  });
});
