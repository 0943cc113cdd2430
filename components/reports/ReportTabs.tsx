import Link from 'next/link';
import { cn } from '@/components/ui/cn';
import type { ReportName } from '@/lib/reports/types';

/** One tab per report; each keeps the current range and filters. */
export function ReportTabs({ tabs, current, query }: { tabs: Array<{ name: ReportName; title: string }>; current: ReportName; query: string }) {
  return (
    <nav aria-label="Reports">
      <ul className="flex flex-wrap gap-x-1 border-b border-line">
        {tabs.map((t) => (
          <li key={t.name}>
            <Link
              href={`/reports?${new URLSearchParams([['report', t.name], ...new URLSearchParams(query)])}`}
              aria-current={t.name === current ? 'page' : undefined}
              className={cn(
                '-mb-px inline-block border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap',
                t.name === current ? 'border-accent text-accent-strong' : 'border-transparent text-ink-muted hover:text-ink',
              )}
            >
              {t.title}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
