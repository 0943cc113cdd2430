import type { Metadata } from 'next';
import Link from 'next/link';
import { BarChart3, Download } from 'lucide-react';
import { Alert } from '@/components/ui/Alert';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { formatValue } from '@/components/reports/format';
import { KpiTiles } from '@/components/reports/KpiTiles';
import { ReportChart } from '@/components/reports/ReportChart';
import { ReportFilters } from '@/components/reports/ReportFilters';
import { ReportTable } from '@/components/reports/ReportTable';
import { ReportTabs } from '@/components/reports/ReportTabs';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { listOrderAccounts } from '@/lib/orders/list';
import { getTimeZone } from '@/lib/orgs/time-zone';
import { REPORTS, runReport } from '@/lib/reports';
import { isReportName, parseOrDefault, reportQuery, type Query } from '@/lib/reports/params';
import { daysBetween } from '@/lib/reports/range';
import { REPORT_NAMES } from '@/lib/reports/types';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage({ searchParams }: { searchParams: Promise<Query> }) {
  const query = await searchParams;
  const name = isReportName(query.report) ? query.report : 'sales';
  const { session, org } = await pageContext(`/reports?${new URLSearchParams(query as Record<string, string>)}`);
  if (!org) return null; // the shell explains that there is no organization
  const { result, accounts, timeZone, params, error } = await withUser(session.claims, async (tx) => {
    const timeZone = await getTimeZone(tx, org.id);
    const { params, error } = parseOrDefault(query, { orgId: org.id, timeZone, now: new Date() });
    // The report and the account filter's options, sent together (one round trip).
    const [result, accounts] = await Promise.all([runReport(tx, name, params), listOrderAccounts(tx, org.id)]);
    return { result, accounts, timeZone, params, error };
  });
  const filters = reportQuery(params);
  const days = daysBetween(params.from, params.to);
  return (
    <>
      <PageHeader
        title="Reports"
        description={`${formatValue('date', params.from, timeZone)} to ${formatValue('date', params.to, timeZone)} (${timeZone} days), compared with the ${days} day${days === 1 ? '' : 's'} before.`}
        actions={
          <a href={`/api/reports/${name}?${filters}`} className={buttonClasses('secondary')} download data-testid="download-csv">
            <Download aria-hidden className="size-4" /> Download CSV
          </a>
        }
      />
      <div className="min-w-0 space-y-5">
        <ReportTabs tabs={REPORT_NAMES.map((n) => ({ name: n, title: REPORTS[n].title }))} current={name} query={filters} />
        <ReportFilters
          key={`${name}?${filters}&${params.from}`} // remount so the fields show the new range
          values={{ report: name, preset: params.preset, from: params.from, to: params.to, marketplace: params.marketplace, accountId: params.accountId }}
          accounts={accounts}
        />
        {error ? <Alert tone="error">{error} Showing the last 30 days instead.</Alert> : null}
        <h2 className="sr-only">{result.title}</h2>
        {result.empty ? (
          <EmptyState
            icon={BarChart3}
            title={result.empty.title}
            text={result.empty.text}
            action={
              result.empty.href ? (
                <Link href={result.empty.href} className={buttonClasses('secondary')}>
                  {result.empty.action}
                </Link>
              ) : undefined
            }
          />
        ) : (
          <>
            {result.notes?.map((n) => (
              <Alert key={n} tone="info">
                {n}
              </Alert>
            ))}
            <KpiTiles kpis={result.kpis} timeZone={timeZone} compareLabel={result.partialPrevious ? null : `vs previous ${days} day${days === 1 ? '' : 's'}`} />
            {result.chart && result.chart.points.length > 0 ? <ReportChart chart={result.chart} timeZone={timeZone} /> : null}
            {result.tables.map((t, i) => (
              <ReportTable key={t.title} table={t} timeZone={timeZone} testId={i === 0 ? 'report-table' : undefined} />
            ))}
          </>
        )}
      </div>
    </>
  );
}
