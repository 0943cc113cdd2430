// Label spend and shipping margin: labels bought in the range (by purchase date) by carrier and
// service and by destination region, with refunded and voided labels netted out; and per order,
// shipping charged to the buyer minus what its labels cost. Per currency: the tiles are in the
// currency of most labels; a margin only subtracts a label cost in the order's own currency.
// Read from the label rollups (migration 20261206001600_report_speed).
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { blockRows, currencyNote, kpis, mainCurrency, perUnit, previous, rollupScope, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

// A label counts as bought once it has a cost; refunded and voided ones give the cost back.
const BOUGHT = sql`s.label_cost is not null and s.status in ('purchased', 'refund_pending', 'refunded', 'voided')`;
/**
 * Spend per account, label currency, carrier, service and destination over the range, from
 * report_label_periods and report_label_days (lib/reports/blocks.ts). refunds is null where no
 * label was refunded and net where every label was (the sums the raw rows give).
 */
function spendRows(p: ReportParams): SQL {
  const cols = sql`r.marketplace_account_id, r.currency, r.carrier, r.service, r.country, r.region, r.labels, r.refunded, r.gross, r.refunds`;
  const signed = blockRows(p, { table: sql`public.report_label_days`, cols: sql`${cols}, coalesce(r.net, 0) as net` }, { table: sql`public.report_label_periods`, cols: sql`${cols}, r.net` });
  return sql`select x.currency, x.carrier, x.service, x.country, x.region, sum(x.sign * x.labels) as labels, sum(x.sign * x.refunded) as refunded,
      sum(x.sign * x.gross) as gross, case when sum(x.sign * x.refunded) > 0 then sum(x.sign * x.refunds) end as refunds,
      case when sum(x.sign * (x.labels - x.refunded)) > 0 then sum(x.sign * x.net) end as net
    from (${signed}) x group by x.marketplace_account_id, x.currency, x.carrier, x.service, x.country, x.region having sum(x.sign * x.labels) > 0`;
}

const SPEND = sql`
  coalesce(sum(r.labels), 0)::int as labels,
  coalesce(sum(r.gross), 0)::text as gross,
  coalesce(sum(r.refunds), 0)::text as refunds,
  coalesce(sum(r.refunded), 0)::int as refunded,
  coalesce(sum(r.net), 0)::text as net`;

type Totals = {
  labels: number;
  gross: string;
  refunds: string;
  refunded: number;
  net: string;
  charged: string;
  margin: string;
  per_label: string | null;
};

/**
 * Shipping charged and margin over the orders with live labels in `currency` in the range: the
 * day sums (orders whose labels fall on one day) plus each order whose labels span days, once.
 */
async function margin(tx: Tx, p: ReportParams, currency: string): Promise<{ charged: string; margin: string }> {
  const [m] = await rows<{ charged: string; margin: string }>(
    tx,
    sql`select (coalesce(d.charged, 0) + coalesce(x.charged, 0))::text as charged, (coalesce(d.charged, 0) + coalesce(x.charged, 0) - coalesce(d.cost, 0))::text as margin
        from (select sum(r.charged) as charged, sum(r.cost) as cost from public.report_label_margin_days r where ${rollupScope(p)} and r.currency = ${currency}) d,
          (select sum(y.charged) as charged from (select r.order_id, r.charged from public.report_label_orders r
             where ${rollupScope(p)} and r.currency = ${currency} and r.days > 1 group by r.order_id, r.charged) y) x`,
  );
  return m;
}

/** Spend and margin in `currency` (margin over labels in the order's own currency only). */
async function totals(tx: Tx, p: ReportParams, currency: string): Promise<Totals> {
  const [[t], m] = await Promise.all([
    rows<Omit<Totals, 'charged' | 'margin' | 'per_label'>>(tx, sql`select ${SPEND} from (${spendRows(p)}) r where r.currency = ${currency}`),
    margin(tx, p, currency),
  ]);
  return { ...t, ...m, per_label: perUnit(t.net, t.labels - t.refunded) };
}

type Spend = { labels: number; gross: string; refunds: string; refunded: number; net: string };

export async function labelsReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  // One pass for spend (by carrier and service, by destination, and overall: grouping sets), one
  // for the lowest margins per order, one for the margin overall.
  const groups = await rows<Spend & { set: number; carrier: string; service: string; country: string; region: string; currency: string }>(
    tx,
    sql`select grouping(r.carrier, r.service, r.country, r.region)::int as set, r.currency::text as currency,
          coalesce(r.carrier, '') as carrier, coalesce(r.service, '') as service,
          coalesce(r.country, '') as country, coalesce(r.region, '') as region, ${SPEND}
        from (${spendRows(p)}) r
        group by grouping sets ((r.carrier, r.service, r.currency), (r.country, r.region, r.currency), (r.currency))
        order by 1, 2, sum(r.net) desc nulls last, 3, 4, 5, 6`,
  );
  const currency = mainCurrency(groups.filter((g) => g.set === 15).map((g) => ({ currency: g.currency, orders: g.labels })));
  // Rows of the tiles' currency first, then the others (each on its own rows, never added).
  const pick = (set: number, keys: string[]) =>
    groups
      .filter((g) => g.set === set)
      .sort((x, y) => Number(y.currency === currency) - Number(x.currency === currency))
      .map((g) => Object.fromEntries([...keys, 'currency', 'labels', 'gross', 'refunds', 'net'].map((k) => [k, g[k as keyof typeof g]])));
  const byService = pick(3, ['carrier', 'service']); // country and region aggregated away: bits 0b0011
  const byRegion = pick(12, ['country', 'region']); // carrier and service aggregated away: bits 0b1100
  // The 100 lowest: orders with labels on one day walk report_label_orders_margin_idx; the few
  // whose labels span days are summed over the days in range. Sent together with the margin
  // overall and the previous period (each needs only the currency): one round trip.
  const [perOrder, marginNow, before] = await Promise.all([rows<{ order: string; marketplace: string; charged: string; cost: string; margin: string }>(
    tx,
    sql`select x.external_order_id as order, x.marketplace, x.charged::text as charged, x.cost::text as cost, (x.charged - x.cost)::text as margin
        from ((select r.external_order_id, r.marketplace, r.charged, r.cost from public.report_label_orders r
                where ${rollupScope(p)} and r.currency = ${currency} and r.days = 1 order by r.charged - r.cost, r.external_order_id limit 100)
              union all
              (select r.external_order_id, r.marketplace, r.charged, sum(r.cost) from public.report_label_orders r
                where ${rollupScope(p)} and r.currency = ${currency} and r.days > 1 group by r.order_id, r.external_order_id, r.marketplace, r.charged)) x
        order by x.charged - x.cost, x.external_order_id limit 100`,
  ), margin(tx, p, currency), totals(tx, previous(p), currency)]);
  const all = groups.find((g) => g.set === 15 && g.currency === currency) ?? { labels: 0, gross: '0', refunds: '0', refunded: 0, net: '0' };
  const now: Totals = {
    labels: all.labels, gross: all.gross, refunds: all.refunds, refunded: all.refunded, net: all.net,
    ...marginNow, per_label: perUnit(all.net, all.labels - all.refunded),
  };
  const spend = [
    { key: 'currency', label: 'Currency', type: 'text' as const },
    { key: 'labels', label: 'Labels', type: 'int' as const },
    { key: 'gross', label: 'Spend', type: 'money' as const },
    { key: 'refunds', label: 'Refunds', type: 'money' as const },
    { key: 'net', label: 'Net spend', type: 'money' as const },
  ];
  let empty: ReportResult['empty'];
  if (now.labels === 0) {
    const [{ any }] = await rows<{ any: boolean }>(tx, sql`select exists (select 1 from public.shipments s where s.org_id = ${p.orgId}::uuid and ${BOUGHT}) as any`);
    empty = any
      ? { title: 'No labels in this period', text: 'No labels were bought in this range with these filters. Widen the range or clear the filters.' }
      : {
          title: 'No labels bought yet',
          text: 'Label spend and shipping margin fill in once labels are bought for orders. Until then there is nothing to add up: ESM does not estimate costs.',
          href: '/shipments',
          action: 'Go to shipments',
        };
  }
  return {
    name: 'labels',
    title: 'Label spend and shipping margin',
    kpis: kpis<Totals>(
      [
        { key: 'net', label: 'Net label spend', type: 'money' },
        { key: 'labels', label: 'Labels bought', type: 'int' },
        { key: 'refunds', label: 'Refunded', type: 'money' },
        { key: 'per_label', label: 'Average per label', type: 'money' },
        { key: 'charged', label: 'Shipping charged', type: 'money' },
        { key: 'margin', label: 'Shipping margin', type: 'money' },
      ],
      now,
      before,
      currency,
    ),
    notes: currencyNote(currency, groups.map((g) => g.currency)),
    chart: {
      kind: 'bar',
      currency: currency,
      bucket: 'category',
      series: [{ key: 'net', label: `Net spend (${currency})`, type: 'money' }],
      points: byService.filter((r) => r.currency === currency).slice(0, 10).map((r) => ({ label: `${r.carrier || '—'} ${r.service}`.trim(), net: Number(r.net) })),
    },
    tables: [
      { title: 'By carrier and service', columns: [{ key: 'carrier', label: 'Carrier', type: 'text' }, { key: 'service', label: 'Service', type: 'text' }, ...spend], rows: byService },
      { title: 'By destination', columns: [{ key: 'country', label: 'Country', type: 'text' }, { key: 'region', label: 'Region', type: 'text' }, ...spend], rows: byRegion },
      {
        title: `Shipping margin per order in ${currency} (lowest first, at most 100)`,
        columns: [
          { key: 'order', label: 'Order', type: 'text' },
          { key: 'marketplace', label: 'Marketplace', type: 'text' },
          { key: 'charged', label: 'Shipping charged', type: 'money' },
          { key: 'cost', label: 'Label cost', type: 'money' },
          { key: 'margin', label: 'Margin', type: 'money' },
        ],
        rows: perOrder,
      },
    ],
    empty,
  };
}
