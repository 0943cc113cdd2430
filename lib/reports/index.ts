// The reports, by name: the page, the CSV route and the command line all go through here.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { geographyReport } from './geography';
import { labelsReport } from './labels';
import { lateReport } from './late';
import { salesReport } from './sales';
import { skusReport } from './skus';
import { rows } from './sql';
import { statusReport } from './status';
import { syncHealthReport } from './sync-health';
import type { ReportName, ReportParams, ReportResult } from './types';

export const REPORTS: Record<ReportName, { title: string; run: (tx: Tx, p: ReportParams) => Promise<ReportResult> }> = {
  sales: { title: 'Sales', run: salesReport },
  status: { title: 'Orders by status', run: statusReport },
  late: { title: 'Late and at risk', run: lateReport },
  labels: { title: 'Label spend', run: labelsReport },
  skus: { title: 'Top SKUs', run: skusReport },
  sync: { title: 'Sync health', run: syncHealthReport },
  geography: { title: 'Geography', run: geographyReport },
};

/**
 * Runs a report. The rollups are kept per local day of the organization's stored time zone, so
 * the parameters must be in that zone (the page, the route and the command line read it from the
 * organization); any other zone would silently mix days.
 */
export async function runReport(tx: Tx, name: ReportName, p: ReportParams): Promise<ReportResult> {
  const [org] = await rows<{ time_zone: string }>(tx, sql`select time_zone from public.organizations where id = ${p.orgId}::uuid`);
  if (org && org.time_zone !== p.timeZone) {
    throw new Error(`report for time zone ${p.timeZone}, but the organization's is ${org.time_zone}`);
  }
  return REPORTS[name].run(tx, p);
}
