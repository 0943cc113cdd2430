import { describe, expect, it } from 'vitest';
import { safeNextPath } from './redirect';

describe('safeNextPath', () => {
  it.each([
    ['/orders/123?tab=items', '/orders/123?tab=items'],
    ['/settings', '/settings'],
    ['/orders?q=Jane%20Doe#top', '/orders?q=Jane%20Doe#top'],
    ['/orders/./123', '/orders/123'],
    ['/orders/x/../123', '/orders/123'],
    ['/accounts?next=//evil.example', '/accounts?next=//evil.example'],
    ['/orders?q=a%2Fb', '/orders?q=a%2Fb'],
  ])('keeps the same-site path %j as %j', (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });

  // Each of these would send the browser to another host (or is not a path at all).
  it.each([
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['\\\\evil.example'],
    ['/..//evil.example'],
    ['/.//evil.example'],
    ['/%2e%2e//evil.example'],
    ['/%2E%2E//evil.example'],
    ['/%2e//evil.example'],
    ['/.%2e//evil.example'],
    ['/a/..//evil.example'],
    ['/a/b/../..//evil.example'],
    ['/a/%2e%2e//evil.example'],
    ['/./..//evil.example'],
    ['/../../evil.example/..//evil.example'],
    ['/..\\/evil.example'],
    ['/.\\evil.example'],
    ['/\t/evil.example'],
    ['/\n/evil.example'],
    ['/\r\n/evil.example'],
    ['/%09/evil.example'],
    ['/%2f%2fevil.example'],
    ['/%2F/evil.example'],
    ['/%5cevil.example'],
    ['/%5C%5Cevil.example'],
    ['/..%2f..%2f/evil.example'],
    ['/a/..%2f/evil.example'],
    ['https://evil.example/orders'],
    ['https:evil.example'],
    ['http:/evil.example'],
    ['//'],
    ['///evil.example'],
    ['javascript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['orders'],
    [' /orders'],
    ['/sign-in'],
    ['/sign-in/'],
    ['/a/../sign-in'],
    [''],
    [undefined],
    [42],
    ['/' + 'a'.repeat(2001)],
  ])('falls back to /orders for %j', (next) => {
    expect(safeNextPath(next)).toBe('/orders');
  });

  it('uses the given fallback', () => {
    expect(safeNextPath('/..//evil.example', '/settings')).toBe('/settings');
  });
});
