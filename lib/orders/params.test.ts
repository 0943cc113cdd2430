import { describe, expect, it } from 'vitest';
import { parseOrderListParams } from './params';
import { hasFilters, orderListQuery } from './url';

const DEFAULTS = { tab: 'all', page: 1, size: 50, sort: 'ordered_at', dir: 'desc', status: [], marketplace: [], late: false };

describe('orderListParams', () => {
  it('gives the defaults for nothing and for garbage, never throwing', () => {
    expect(parseOrderListParams(undefined)).toEqual(DEFAULTS);
    expect(parseOrderListParams({})).toEqual(DEFAULTS);
    const junk = parseOrderListParams({
      page: '-3', size: '30', sort: 'password', dir: 'sideways', status: ['nope'], marketplace: 'etsy',
      account: "1' or 1=1", hold: 'maybe', late: 'no', from: '2026-02-30', to: 'yesterday', q: '   ', extra: 'x',
    });
    expect(junk).toEqual(DEFAULTS);
    expect(parseOrderListParams({ page: ['2', '9'], size: 'abc' })).toMatchObject({ page: 2, size: 50 });
    expect(parseOrderListParams({ page: '1.5' }).page).toBe(1);
  });

  it('parses every field, from a record or URLSearchParams', () => {
    const sp = new URLSearchParams(
      'page=3&size=100&sort=total&dir=asc&status=pending&status=shipped&marketplace=amazon,ebay&account=9F1C1B55-0C4E-4A47-9A43-1F4F7C1F0A11&hold=yes&late=1&from=2026-03-01&to=2026-03-31&q=%20WIDGET%25%20',
    );
    expect(parseOrderListParams(sp)).toEqual({
      tab: 'all', page: 3, size: 100, sort: 'total', dir: 'asc', status: ['pending', 'shipped'], marketplace: ['amazon', 'ebay'],
      account: '9f1c1b55-0c4e-4a47-9a43-1f4f7c1f0a11', hold: 'yes', late: true, from: '2026-03-01', to: '2026-03-31', q: 'WIDGET%',
    });
    expect(parseOrderListParams({ status: ['pending', 'pending', 'bogus'] }).status).toEqual(['pending']);
    expect(parseOrderListParams({ q: 'x'.repeat(500) }).q).toHaveLength(100);
  });

  it('round-trips through the query string, leaving defaults out', () => {
    const p = parseOrderListParams({ status: ['pending', 'unshipped'], marketplace: 'walmart', q: 'a&b', page: '2', sort: 'total', dir: 'asc', size: '25' });
    const qs = orderListQuery(p);
    expect(parseOrderListParams(new URLSearchParams(qs.slice(1)))).toEqual(p);
    expect(orderListQuery(parseOrderListParams({}))).toBe('');
    expect(orderListQuery(p, { page: 1 })).not.toContain('page=');
    expect(hasFilters(p)).toBe(true);
    expect(hasFilters(parseOrderListParams({ page: '4', sort: 'total' }))).toBe(false);
  });
});
