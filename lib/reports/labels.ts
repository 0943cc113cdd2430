// Label spend and shipping margin: labels bought in the range (by purchase date) by carrier and
// service and by destination region, with refunded and voided labels netted out; and per order,
// shipping charged to the buyer minus what its labels cost. Per currency: the tiles are in the
// currency of most labels; a margin only subtracts a label cost in the order's own currency.
import { sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db/connect';
import { currencyNote, inRange, kpis, mainCurrency, orderScope, perUnit, previous, rows } from './sql';
import type { ReportParams, ReportResult } from './types';

// A label counts as bought once it has a cost; refunded and voided ones give the cost back.
const BOUGHT = sql`s.label_cost is not null and s.status in ('purchased', 'refund_pending', 'refunded', 'voided')`;
const REFUNDED = sql`s.status in ('refunded', 'voided')`;
const SPEND = sql`
  count(*)::int as labels,
  coalesce(sum(s.label_cost), 0)::text as gross,
  coalesce(sum(s.label_cost) filter (where ${REFUNDED}), 0)::text as refunds,
  count(*) filter (where ${REFUNDED})::int as refunded,
  coalesce(sum(s.label_cost) filter (where not ${REFUNDED}), 0)::text as net`;

/** A label's currency (the order's when the label has none). */
const CUR = sql`coalesce(s.currency, o.currency)::text`;

const from = (p: ReportParams) => sql`public.shipments s join public.orders o on o.id = s.order_id and o.org_id = s.org_id
  where s.org_id = ${p.orgId}::uuid and ${orderScope(p)} and ${BOUGHT} and ${inRange(sql`s.created_at`, p.from, p.to, p.timeZone)}`;

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

/** Spend and margin in `currency` (margin over labels in the order's own currency only). */
async function totals(tx: Tx, p: ReportParams, currency: string): Promise<Totals> {
  const [t] = await rows<Omit<Totals, 'charged' | 'margin' | 'per_label'>>(tx, sql`select ${SPEND} from ${from(p)} and ${CUR} = ${currency}`);
  const [m] = await rows<{ charged: string; margin: string }>(
    tx,
    sql`select coalesce(sum(charged), 0)::text as charged, coalesce(sum(charged - cost), 0)::text as margin from (
          select o.id, o.shipping_total as charged, sum(s.label_cost) filter (where not ${REFUNDED}) as cost
          from ${from(p)} and ${CUR} = ${currency} and o.currency = ${currency} group by o.id, o.shipping_total) per_order where cost is not null`,
  );
  return { ...t, ...m, per_label: perUnit(t.net, t.labels - t.refunded) };
}

type Spend = { labels: number; gross: string; refunds: string; refunded: number; net: string };

export async function labelsReport(tx: Tx, p: ReportParams): Promise<ReportResult> {
  // One pass for spend (by carrier and service, by destination, and overall: grouping sets), one
  // for the margin (per order, with the overall sums alongside the 100 lowest).
  const groups = await rows<Spend & { set: number; carrier: string; service: string; country: string; region: string; currency: string }>(
    tx,
    sql`select grouping(s.carrier, s.service_level, b.country, b.region)::int as set, ${CUR} as currency,
          coalesce(s.carrier, '') as carrier, coalesce(s.service_level, '') as service,
          coalesce(b.country, '') as country, coalesce(b.region, '') as region, ${SPEND}
        from public.shipments s join public.orders o on o.id = s.order_id and o.org_id = s.org_id
          left join public.order_buyers b on b.order_id = o.id and b.org_id = o.org_id
        where s.org_id = ${p.orgId}::uuid and ${orderScope(p)} and ${BOUGHT} and ${inRange(sql`s.created_at`, p.from, p.to, p.timeZone)}
        group by grouping sets ((s.carrier, s.service_level, ${CUR}), (b.country, b.region, ${CUR}), (${CUR}))
        order by 1, 2, sum(s.label_cost) filter (where not ${REFUNDED}) desc nulls last, 3, 4, 5, 6`,
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
  const perOrder = await rows<{ order: string; marketplace: string; charged: string; cost: string; margin: string; all_charged: string; all_margin: string }>(
    tx,
    sql`select o.external_order_id as order, o.marketplace, o.shipping_total::text as charged,
          sum(s.label_cost) filter (where not ${REFUNDED})::text as cost,
          (o.shipping_total - sum(s.label_cost) filter (where not ${REFUNDED}))::text as margin,
          (sum(o.shipping_total) over ())::text as all_charged,
          (sum(o.shipping_total - sum(s.label_cost) filter (where not ${REFUNDED})) over ())::text as all_margin
        from ${from(p)} and ${CUR} = o.currency and o.currency = ${currency}
        group by o.id, o.external_order_id, o.marketplace, o.shipping_total
        having sum(s.label_cost) filter (where not ${REFUNDED}) is not null
        order by o.shipping_total - sum(s.label_cost) filter (where not ${REFUNDED}), o.external_order_id limit 100`,
  );
  const all = groups.find((g) => g.set === 15 && g.currency === currency) ?? { labels: 0, gross: '0', refunds: '0', refunded: 0, net: '0' };
  const now: Totals = {
    labels: all.labels, gross: all.gross, refunds: all.refunds, refunded: all.refunded, net: all.net,
    charged: perOrder[0]?.all_charged ?? '0', margin: perOrder[0]?.all_margin ?? '0', per_label: perUnit(all.net, all.labels - all.refunded),
  };
  const before = await totals(tx, previous(p), currency);
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
        rows: perOrder.map(({ all_charged: _c, all_margin: _m, ...r }) => r),
      },
    ],
    empty,
  };
}
