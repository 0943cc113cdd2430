import { describe, expect, it } from 'vitest';
import { pageWindow } from './Pagination';

describe('pageWindow', () => {
  it('shows first, last and neighbours, with gaps where pages are skipped', () => {
    expect(pageWindow(1, 1)).toEqual([1]);
    expect(pageWindow(1, 30)).toEqual([1, 2, 'gap', 30]);
    expect(pageWindow(15, 30)).toEqual([1, 'gap', 14, 15, 16, 'gap', 30]);
    expect(pageWindow(3, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageWindow(30, 30)).toEqual([1, 'gap', 29, 30]);
  });
});
