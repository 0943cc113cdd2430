// Sync health per connected account: last success and how long ago (lag), the runs of the range,
// their failures and the last failure's message, API calls made, and which accounts need a
// reconnect. Runs count by the day they started.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { inRange, isoOf, kpis, previous, ratio, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

function accountScope(p: ReportParams): SQL {
  const parts = [sql`a.org_id = ${p.orgId}::uuid`];
  if (p.marketplace) parts.push(sql`a.marketplace = ${p.marketplace}`);
  if (p.accountId) parts.push(sql`a.id = ${p.accountId}::uuid`);
  return sql.join(parts, sql` and `);
}

type Runs = {
  runs: number;
  failures: number;
  api_calls: number;
  failure_rate: number | null;
};

async function runTotals(tx: Tx, p: ReportParams): Promise<Runs> {
  const [r] = await rows<Omit<Runs, 'failure_rate'>>(
    tx,
    sql`select count(r.id)::int as runs, count(r.id) filter (where r.status = 'failed')::int as failures,
          coalesce(sum(r.api_calls), 0)::int as api_calls
        from public.marketplace_accounts a join public.sync_runs r on r.marketplace_account_id = a.id and r.org_id = a.org_id
        where ${accountScope(p)} and ${inRange(sql`r.started_at`, p.from, p.to, p.timeZone)}`,
  );
  return { ...r, failure_rate: ratio(r.failures, r.runs) };
}

export async function syncHealthReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  const now = sql`${p.now.toISOString()}::timestamptz`;
  const inWindow = inRange(sql`r.started_at`, p.from, p.to, p.timeZone);
  // One pass over each account's runs of the range (index-only on sync_runs_report_idx).
  // The previous period's totals go out with it (one round trip).
  const [accounts, before] = await Promise.all([rows<Record<string, string | number | null> & { runs: number; failures: number; api_calls: number }>(
    tx,
    sql`select a.display_name as account, a.marketplace, a.status,
          ${isoOf(sql`a.last_sync_succeeded_at`)} as last_success,
          round((extract(epoch from ${now} - a.last_sync_succeeded_at) / 3600)::numeric, 1)::float8 as lag_hours,
          s.runs, s.failures, s.api_calls,
          (select left(r.error, 300) from public.sync_runs r where r.org_id = a.org_id and r.marketplace_account_id = a.id and ${inWindow}
             and r.status = 'failed' order by r.started_at desc limit 1) as last_failure
        from public.marketplace_accounts a
          cross join lateral (select count(*)::int as runs, count(*) filter (where r.status = 'failed')::int as failures,
              coalesce(sum(r.api_calls), 0)::int as api_calls
            from public.sync_runs r where r.org_id = a.org_id and r.marketplace_account_id = a.id and ${inWindow}) s
        where ${accountScope(p)}
        order by (a.status = 'needs_reconnect') desc, a.display_name, a.id`,
  ), runTotals(tx, previous(p))]);
  const sum = (k: 'runs' | 'failures' | 'api_calls') => accounts.reduce((n, a) => n + a[k], 0);
  const runs: Runs = { runs: sum('runs'), failures: sum('failures'), api_calls: sum('api_calls'), failure_rate: ratio(sum('failures'), sum('runs')) };
  const live = accounts.filter((a) => a.status !== 'disconnected');
  const lags = live.map((a) => a.lag_hours).filter((x): x is number => typeof x === 'number');
  return {
    name: 'sync',
    title: 'Sync health',
    kpis: [
      ...kpis(
        [
          { key: 'accounts', label: 'Connected accounts', type: 'int' },
          { key: 'needs_reconnect', label: 'Need reconnecting', type: 'int' },
          { key: 'max_lag', label: 'Longest lag', type: 'hours' },
        ],
        { accounts: live.length, needs_reconnect: live.filter((a) => a.status === 'needs_reconnect').length, max_lag: lags.length ? Math.max(...lags) : null },
      ),
      ...kpis<Runs>(
        [
          { key: 'runs', label: 'Sync runs', type: 'int' },
          { key: 'failures', label: 'Failed runs', type: 'int' },
          { key: 'failure_rate', label: 'Failure rate', type: 'percent' },
          { key: 'api_calls', label: 'API calls', type: 'int' },
        ],
        runs,
        before,
      ),
    ],
    tables: [
      {
        title: 'Per account',
        columns: [
          { key: 'account', label: 'Account', type: 'text' },
          { key: 'marketplace', label: 'Marketplace', type: 'text' },
          { key: 'status', label: 'Status', type: 'text' },
          { key: 'last_success', label: 'Last success', type: 'datetime' },
          { key: 'lag_hours', label: 'Lag (hours)', type: 'hours' },
          { key: 'runs', label: 'Runs', type: 'int' },
          { key: 'failures', label: 'Failures', type: 'int' },
          { key: 'api_calls', label: 'API calls', type: 'int' },
          { key: 'last_failure', label: 'Last failure', type: 'text' },
        ],
        rows: accounts,
      },
    ],
    empty:
      accounts.length === 0
        ? { title: 'No marketplace accounts', text: 'Connect a Walmart, Amazon or eBay seller account; its syncs are reported here.', href: '/accounts', action: 'Connect an account' }
        : undefined,
  };
}
