// The reports, by name: the page, the CSV route and the command line all go through here.
import type { Tx } from '@/lib/db/connect';
import { geographyReport } from './geography';
import { labelsReport } from './labels';
import { lateReport } from './late';
import { salesReport } from './sales';
import { skusReport } from './skus';
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

export function runReport(tx: Tx, name: ReportName, p: ReportParams): Promise<ReportResult> {
  return REPORTS[name].run(tx, p);
}
