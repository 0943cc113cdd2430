// Late and at risk, measured from now: open orders past their ship-by date (hours overdue,
// revenue at risk), due today and due tomorrow (the organization's days), per account; and the
// on-time rate over the range: orders shipped by their ship-by ÷ orders shipped that had one
// (from report_flow_days). Open orders are read through the partial index orders_open_account_idx.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { addDays, localDate } from './range';
import { currencyNote, dayEnd, isoOf, kpis, mainCurrency, orderScope, previous, ratio, rollupScope, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

const OPEN = sql`o.status in ('pending', 'unshipped', 'partially_shipped')`;

type AccountRow = {
  account: string;
  marketplace: string;
  currency: string;
  open: number;
  late: number;
  at_risk: string;
  max_hours_late: number | null;
  due_today: number;
  due_tomorrow: number;
};

type OnTime = {
  shipped: number;
  on_time: number;
  on_time_rate: number | null;
};

/** Shipped in the range with a ship-by date, and how many by it: from report_flow_days. */
async function onTime(tx: Tx, p: ReportParams): Promise<OnTime> {
  const [r] = await rows<{ shipped: number; on_time: number }>(
    tx,
    sql`select coalesce(sum(r.with_ship_by), 0)::int as shipped, coalesce(sum(r.on_time), 0)::int as on_time
        from public.report_flow_days r where ${rollupScope(p)} and r.event = 'shipped'`,
  );
  return { ...r, on_time_rate: ratio(r.on_time, r.shipped) };
}

export async function lateReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  const now = sql`${p.now.toISOString()}::timestamptz`;
  const today = localDate(p.now, p.timeZone);
  const endToday = dayEnd(today, p.timeZone);
  const endTomorrow = dayEnd(addDays(today, 1), p.timeZone);
  // Four independent statements, sent together (one round trip).
  const [perAccount, lateOrders, rate, rateBefore] = await Promise.all([rows<AccountRow>(
    tx,
    sql`select a.display_name as account, o.marketplace, o.currency::text as currency, count(*)::int as open,
          count(*) filter (where o.ship_by < ${now})::int as late,
          coalesce(sum(o.total) filter (where o.ship_by < ${now}), 0)::text as at_risk,
          round((max(extract(epoch from ${now} - o.ship_by)) filter (where o.ship_by < ${now}) / 3600)::numeric, 1)::float8 as max_hours_late,
          count(*) filter (where o.ship_by >= ${now} and o.ship_by < ${endToday})::int as due_today,
          count(*) filter (where o.ship_by >= ${endToday} and o.ship_by < ${endTomorrow})::int as due_tomorrow
        from public.orders o join public.marketplace_accounts a on a.id = o.marketplace_account_id and a.org_id = o.org_id
        where ${orderScope(p)} and ${OPEN}
        group by a.id, a.display_name, o.marketplace, o.currency order by 5 desc, a.display_name, 3`,
  ), rows<Record<string, string | number>>(
    tx,
    sql`select o.id::text as order_id, o.external_order_id as order, a.display_name as account, o.marketplace, ${isoOf(sql`o.ship_by`)} as ship_by,
          round((extract(epoch from ${now} - o.ship_by) / 3600)::numeric, 1)::float8 as hours_late, o.total::text as total, o.currency::text as currency
        from public.orders o join public.marketplace_accounts a on a.id = o.marketplace_account_id and a.org_id = o.org_id
        where ${orderScope(p)} and ${OPEN} and o.ship_by < ${now}
        order by o.ship_by, o.id limit 50`,
  ), onTime(tx, p), onTime(tx, previous(p))]);
  const sum = (k: 'open' | 'late' | 'due_today' | 'due_tomorrow') => perAccount.reduce((n, r) => n + r[k], 0);
  // Revenue at risk in the tiles: in the currency of most open orders; the table has each.
  const currency = mainCurrency(perAccount.map((r) => ({ currency: r.currency, orders: r.open })));
  const atRisk = perAccount.filter((r) => r.currency === currency).reduce((n, r) => n + Number(r.at_risk), 0).toFixed(2);
  const open = sum('open');
  return {
    name: 'late',
    title: 'Late and at risk',
    kpis: [
      ...kpis(
        [
          { key: 'late', label: 'Late now', type: 'int' },
          { key: 'at_risk', label: 'Revenue at risk', type: 'money' },
          { key: 'due_today', label: 'Due today', type: 'int' },
          { key: 'due_tomorrow', label: 'Due tomorrow', type: 'int' },
        ],
        { late: sum('late'), at_risk: atRisk, due_today: sum('due_today'), due_tomorrow: sum('due_tomorrow') },
        undefined,
        currency,
      ),
      ...kpis<OnTime>([{ key: 'on_time_rate', label: 'Shipped on time', type: 'percent' }], rate, rateBefore),
    ],
    notes: currencyNote(currency, perAccount.filter((r) => r.late > 0).map((r) => r.currency)),
    tables: [
      {
        title: 'Open orders per account',
        columns: [
          { key: 'account', label: 'Account', type: 'text' },
          { key: 'marketplace', label: 'Marketplace', type: 'text' },
          { key: 'currency', label: 'Currency', type: 'text' },
          { key: 'open', label: 'Open', type: 'int' },
          { key: 'late', label: 'Late', type: 'int' },
          { key: 'at_risk', label: 'Revenue at risk', type: 'money' },
          { key: 'max_hours_late', label: 'Most hours late', type: 'hours' },
          { key: 'due_today', label: 'Due today', type: 'int' },
          { key: 'due_tomorrow', label: 'Due tomorrow', type: 'int' },
        ],
        rows: perAccount,
      },
      {
        title: 'Late orders (oldest ship-by first, at most 50)',
        columns: [
          { key: 'order', label: 'Order', type: 'text', linksToOrder: true },
          { key: 'account', label: 'Account', type: 'text' },
          { key: 'ship_by', label: 'Ship by', type: 'datetime' },
          { key: 'hours_late', label: 'Hours late', type: 'hours' },
          { key: 'total', label: 'Total', type: 'money' },
        ],
        rows: lateOrders,
      },
    ],
    empty:
      open === 0 && rate.shipped === 0
        ? { title: 'Nothing open, nothing shipped', text: 'There are no open orders and none shipped in this range with these filters. Widen the range or clear the filters.' }
        : undefined,
  };
}
