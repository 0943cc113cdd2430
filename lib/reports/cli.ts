// `npm run report`: the same report functions for operators, on the service path (there is no
// person), filtered by the organization like every report. Input mistakes are UsageErrors (exit
// code 2); everything is decided before any output is written.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsService } from '@/lib/db/session';
import { csvLines } from './csv';
import { runReport } from './index';
import { isReportName, parseReportQuery } from './params';
import { addDays, localDate } from './range';
import { REPORT_NAMES, type ReportName, type ReportParams, type ReportResult } from './types';

export class UsageError extends Error {}

export const USAGE = `Usage: npm run report -- <report> --org <id or name> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
       [--range today|7d|30d|90d|this_month|last_month] [--marketplace walmart|amazon|ebay] [--account <id>]
       [--format csv|json]
Reports: ${REPORT_NAMES.join(', ')}`;

export interface CliArgs {
  report: ReportName;
  org: string;
  format: 'csv' | 'json';
  query: Record<string, string | undefined>;
}

export function parseCliArgs(argv: string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        org: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, range: { type: 'string' },
        marketplace: { type: 'string' }, account: { type: 'string' }, format: { type: 'string', default: 'csv' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('Name one report.');
  const [report] = positionals;
  if (!isReportName(report)) throw new UsageError(`Unknown report "${report}".`);
  if (!v.org) throw new UsageError('--org is required (an organization id or its exact name).');
  if (v.format !== 'csv' && v.format !== 'json') throw new UsageError(`Unknown format "${v.format}": use csv or json.`);
  return { report, org: v.org, format: v.format, query: { from: v.from, to: v.to, range: v.range, marketplace: v.marketplace, account: v.account } };
}

/** The organization by id or exact (case-insensitive) name; ambiguity is the caller's to settle. */
async function findOrg(db: Db, ref: string): Promise<{ id: string; name: string; timeZone: string }> {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
  const found = rowsOf<{ id: string; name: string; time_zone: string }>(
    await db.execute(sql`select id, name, time_zone from public.organizations
      where ${uuid ? sql`id = ${ref}::uuid` : sql`lower(name) = lower(${ref})`} order by created_at limit 2`),
  );
  if (found.length === 0) throw new UsageError(`No organization "${ref}".`);
  if (found.length > 1) throw new UsageError(`Several organizations are called "${ref}": use the id (${found.map((f) => f.id).join(', ')}).`);
  return { id: found[0].id, name: found[0].name, timeZone: found[0].time_zone };
}

export async function runCli(db: Db, args: CliArgs, now = new Date()): Promise<{ text: string; result: ReportResult; params: ReportParams }> {
  const org = await findOrg(db, args.org);
  const q = { ...args.query };
  // One date given: the other defaults (to today, or 30 days back), so `--from 2026-01-01` works.
  if ((q.from || q.to) && !q.range) {
    q.to ??= localDate(now, org.timeZone);
    if (!q.from && /^\d{4}-\d{2}-\d{2}$/.test(q.to)) q.from = addDays(q.to, -29);
  }
  const parsed = parseReportQuery(q, { orgId: org.id, timeZone: org.timeZone, now });
  if (!parsed.ok) throw new UsageError(parsed.error);
  const result = await runAsService(db, 'report-cli', (tx) => runReport(tx, args.report, parsed.value));
  const p = parsed.value;
  const text =
    args.format === 'json'
      ? `${JSON.stringify({ report: args.report, organization: { id: org.id, name: org.name }, timeZone: org.timeZone, from: p.from, to: p.to, marketplace: p.marketplace ?? null, account: p.accountId ?? null, kpis: result.kpis, notes: result.notes ?? [], tables: result.tables }, null, 2)}\n`
      : [...csvLines(result.tables[0])].join('');
  return { text, result, params: p };
}
