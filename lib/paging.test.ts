import { describe, expect, it } from 'vitest';
import { pageParam, pageWindow } from './paging';

describe('paging', () => {
  it('reads page numbers defensively', () => {
    expect(pageParam('3')).toBe(3);
    for (const bad of [undefined, '', '0', '-2', 'x', '1e9', ['2'], '12345678']) expect(pageParam(bad)).toBe(1);
  });
  it('clamps to the pages that exist', () => {
    expect(pageWindow(1, 0, 50)).toEqual({ page: 1, pageCount: 1, offset: 0, limit: 50 });
    expect(pageWindow(3, 120, 50)).toEqual({ page: 3, pageCount: 3, offset: 100, limit: 50 });
    expect(pageWindow(9, 120, 50)).toEqual({ page: 3, pageCount: 3, offset: 100, limit: 50 });
  });
});
