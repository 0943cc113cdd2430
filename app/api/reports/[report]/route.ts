// A report as CSV, read as the person under RLS: the current organization, or `org` when it is
// one of theirs. Bad input is a 4xx with a message, never a 500.
import { NextResponse, type NextRequest } from 'next/server';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { loadOrgContext } from '@/lib/orgs/context';
import { getTimeZone } from '@/lib/orgs/time-zone';
import { runReport } from '@/lib/reports';
import { csvStream } from '@/lib/reports/csv';
import { isReportName, parseReportQuery } from '@/lib/reports/params';
import type { ReportParams, ReportResult } from '@/lib/reports/types';

const NO_STORE = { 'cache-control': 'no-store' };
const fail = (status: number, error: string) => NextResponse.json({ error }, { status, headers: NO_STORE });

export async function GET(req: NextRequest, ctx: { params: Promise<{ report: string }> }) {
  const { report } = await ctx.params;
  const session = await getSession();
  if (!session) return fail(401, 'Sign in again.');
  if (!isReportName(report)) return fail(404, `There is no report called "${report.slice(0, 40)}".`);
  const query = Object.fromEntries(req.nextUrl.searchParams);
  const outcome = await withUser(session.claims, async (tx): Promise<{ error: [number, string] } | { result: ReportResult; params: ReportParams }> => {
    const { orgs, current } = await loadOrgContext(tx, session.userId);
    const org = query.org ? orgs.find((o) => o.id === query.org) : current;
    if (!org) return { error: [404, 'No such organization among yours.'] };
    const parsed = parseReportQuery(query, { orgId: org.id, timeZone: await getTimeZone(tx, org.id), now: new Date() });
    if (!parsed.ok) return { error: [400, parsed.error] };
    return { result: await runReport(tx, report, parsed.value), params: parsed.value };
  });
  if ('error' in outcome) return fail(...outcome.error);
  const { result, params } = outcome;
  return new Response(csvStream(result.tables[0]), {
    headers: {
      ...NO_STORE,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="esm-${report}-${params.from}-to-${params.to}.csv"`,
    },
  });
}
