import { describe, expect, it } from 'vitest';
import { safeNextPath } from './redirect';

describe('safeNextPath', () => {
  it('keeps same-site relative paths with their query', () => {
    expect(safeNextPath('/orders/123?tab=items')).toBe('/orders/123?tab=items');
    expect(safeNextPath('/settings')).toBe('/settings');
  });

  it.each([
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['https://evil.example/orders'],
    ['javascript:alert(1)'],
    ['orders'],
    ['/\t/evil.example'],
    ['/sign-in'],
    [''],
    [undefined],
    [42],
  ])('falls back to /orders for %j', (next) => {
    expect(safeNextPath(next)).toBe('/orders');
  });
});
