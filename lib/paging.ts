// Offset paging shared by the list pages: a `?page=` value from the URL, clamped to what exists.

/** A page number from a URL parameter: anything unreadable is page 1. */
export function pageParam(raw: unknown): number {
  return typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Math.max(1, Number(raw)) : 1;
}

export interface PageWindow {
  page: number;
  pageCount: number;
  offset: number;
  limit: number;
}

/** A page past the end shows the last page; there is always at least one page. */
export function pageWindow(requested: number, total: number, pageSize: number): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(1, requested), pageCount);
  return { page, pageCount, offset: (page - 1) * pageSize, limit: pageSize };
}
