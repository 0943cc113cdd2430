import Link from 'next/link';
import type { Table as ReportTableData } from '@/lib/reports/types';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { cn } from '@/components/ui/cn';
import { formatValue } from './format';

const NUMERIC = new Set(['int', 'money', 'percent', 'hours']);

export function ReportTable({ table, timeZone, testId }: { table: ReportTableData; timeZone: string; testId?: string }) {
  return (
    <section className="min-w-0 space-y-2">
      <h2 className="text-sm font-semibold text-ink">{table.title}</h2>
      {table.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-line bg-white px-4 py-6 text-center text-sm text-ink-muted">Nothing to list for this range and these filters.</p>
      ) : (
        <Table data-testid={testId}>
          <caption className="sr-only">{table.title}</caption>
          <THead>
            <tr>
              {table.columns.map((c) => (
                <TH key={c.key} className={cn(NUMERIC.has(c.type) && 'text-right')}>
                  {c.label}
                </TH>
              ))}
            </tr>
          </THead>
          <TBody>
            {table.rows.map((row, i) => (
              <TR key={i}>
                {table.columns.map((c) => (
                  <TD key={c.key} className={cn(NUMERIC.has(c.type) ? 'text-right tabular-nums whitespace-nowrap' : 'max-w-72 truncate')} title={c.type === 'text' && row[c.key] ? String(row[c.key]) : undefined}>
                    {c.linksToOrder && typeof row.order_id === 'string' ? (
                      <Link href={`/orders/${row.order_id}`} className="font-mono text-accent hover:underline">
                        {formatValue(c.type, row[c.key], timeZone, c.key)}
                      </Link>
                    ) : (
                      formatValue(c.type, row[c.key], timeZone, c.key, typeof row.currency === 'string' ? row.currency : undefined)
                    )}
                  </TD>
                ))}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
