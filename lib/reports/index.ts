// The reports, by name: the page, the CSV route and the command line all go through here.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { geographyReport } from './geography';
import { labelsReport } from './labels';
import { lateReport } from './late';
import { salesReport } from './sales';
import { skusReport } from './skus';
import { daysBetween, previousPeriod } from './range';
import { rollupFilters, rows } from './sql';
import { statusReport } from './status';
import { syncHealthReport } from './sync-health';
import type { ReportName, ReportParams, ReportResult } from './types';

/** `ofOrders`: its figures come from synced orders, so ESM's order history bounds its comparison. */
export const REPORTS: Record<ReportName, { title: string; run: (tx: Tx, p: ReportParams) => Promise<ReportResult>; ofOrders: boolean }> = {
  sales: { title: 'Sales', run: salesReport, ofOrders: true },
  status: { title: 'Orders by status', run: statusReport, ofOrders: true },
  late: { title: 'Late and at risk', run: lateReport, ofOrders: true },
  labels: { title: 'Label spend', run: labelsReport, ofOrders: true },
  skus: { title: 'Top SKUs', run: skusReport, ofOrders: true },
  sync: { title: 'Sync health', run: syncHealthReport, ofOrders: false },
  geography: { title: 'Geography', run: geographyReport, ofOrders: true },
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
  // The first day of order history goes out with the report's own statements (one round trip).
  const [result, first] = await Promise.all([
    REPORTS[name].run(tx, p),
    REPORTS[name].ofOrders ? rows<{ day: string | null }>(tx, sql`select min(r.day)::text as day from public.report_order_days r where ${rollupFilters(p)}`) : null,
  ]);
  const historyFrom = first?.[0]?.day;
  const before = previousPeriod(p.from, p.to);
  if (!historyFrom || historyFrom <= before.from || !result.kpis.some((k) => k.previous !== undefined)) return result;
  return { ...result, partialPrevious: { historyFrom }, notes: [...(result.notes ?? []), partialNote(historyFrom, before)] };
}

const day = (d: string) => new Date(`${d}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });

/** Why the tiles show no change: the previous period is (partly) older than the orders ESM holds. */
function partialNote(historyFrom: string, before: { from: string; to: string }): string {
  const period = `the previous ${daysBetween(before.from, before.to)} days (${day(before.from)} to ${day(before.to)})`;
  return historyFrom > before.to
    ? `ESM holds orders from ${day(historyFrom)} on (a first sync reaches back 30 days), so it has nothing from ${period} to compare with.`
    : `ESM holds orders from ${day(historyFrom)} on (a first sync reaches back 30 days), so it has only part of ${period}: the tiles leave out the change against it.`;
}
