import Link from 'next/link';
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { cn } from './cn';

export interface PaginationProps {
  /** 1-based current page. */
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
  className?: string;
}

/** Which page numbers to show: first, last, and a window around the current page, with gaps. */
export function pageWindow(page: number, pageCount: number, radius = 1): Array<number | 'gap'> {
  const pages = new Set<number>([1, pageCount]);
  for (let p = page - radius; p <= page + radius; p++) if (p >= 1 && p <= pageCount) pages.add(p);
  const sorted = [...pages].sort((a, b) => a - b);
  const out: Array<number | 'gap'> = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (typeof last === 'number' && p - last > 1) out.push('gap');
    out.push(p);
  }
  return out;
}

const item =
  'inline-flex h-8 min-w-8 items-center justify-center rounded-md px-2 text-sm font-medium ' +
  'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent';

export function Pagination({ page, pageCount, hrefFor, className }: PaginationProps) {
  if (pageCount <= 1) return null;
  const current = Math.min(Math.max(1, page), pageCount);
  const prev = current > 1 ? current - 1 : null;
  const next = current < pageCount ? current + 1 : null;
  return (
    <nav aria-label="Pagination" className={cn('flex items-center justify-between gap-4 py-3', className)}>
      <p className="text-sm text-ink-muted">
        Page {current} of {pageCount}
      </p>
      <ul className="flex items-center gap-1">
        <li>
          {prev ? (
            <Link href={hrefFor(prev)} rel="prev" className={cn(item, 'text-ink hover:bg-surface-muted')}>
              <ChevronLeft aria-hidden className="size-4" />
              <span className="sr-only sm:not-sr-only sm:ml-1">Previous</span>
            </Link>
          ) : (
            <span aria-disabled="true" className={cn(item, 'text-ink-faint')}>
              <ChevronLeft aria-hidden className="size-4" />
              <span className="sr-only sm:not-sr-only sm:ml-1">Previous</span>
            </span>
          )}
        </li>
        {pageWindow(current, pageCount).map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} aria-hidden className="px-1 text-ink-faint">
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                href={hrefFor(p)}
                aria-current={p === current ? 'page' : undefined}
                aria-label={`Page ${p}`}
                className={cn(item, p === current ? 'bg-accent text-white' : 'text-ink hover:bg-surface-muted')}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        <li>
          {next ? (
            <Link href={hrefFor(next)} rel="next" className={cn(item, 'text-ink hover:bg-surface-muted')}>
              <span className="sr-only sm:not-sr-only sm:mr-1">Next</span>
              <ChevronRight aria-hidden className="size-4" />
            </Link>
          ) : (
            <span aria-disabled="true" className={cn(item, 'text-ink-faint')}>
              <span className="sr-only sm:not-sr-only sm:mr-1">Next</span>
              <ChevronRight aria-hidden className="size-4" />
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
