// The report rollups (migration 20261206001500) equal the plain aggregate of the raw rows after
// any sequence of writes through the real functions: sync upserts (new orders, newer copies with
// other statuses, cancellations, items changed, buyers filled in), anonymization, single-order
// deletion, a whole account's orders deleted on disconnect, and a time zone change. Random
// sequences from fixed seeds (so a failure replays), checked after every step, on both backends.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectAccount } from '@/lib/accounts/connect';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsService, runAsUser } from '@/lib/db/session';
import type { NormalizedOrder } from '@/lib/marketplaces/types';
import { ORDER_STATUSES } from '@/lib/model';
import { anonymizeBuyers } from '@/lib/privacy/anonymize';
import { upsertOrders } from '@/lib/sync/upsert-orders';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { labelStep } from '@/tests/support/label-writes';
import { expectLabelsMatchRaw, expectSkusMatchRaw } from '@/tests/support/report-checks';
import { runReport } from './index';
import { parseReportQuery } from './params';

/** mulberry32: a small seeded generator, so every sequence is reproducible from its seed. */
function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] };
}

// Instants around New York's midnights and the start of daylight saving (2026-03-08).
const BASE = Date.parse('2026-03-06T00:00:00Z');
const HOUR = 3_600_000;

// Live labels (not refunded or voided) in the order's own currency, per order and local day.
const LIVE_PER_ORDER_DAY = `select x.*, (count(*) over (partition by x.order_id))::int as days from (
    select o.id::text as order_id, (s.created_at at time zone g.time_zone)::date::text as day, o.marketplace_account_id::text as a, o.currency,
      o.external_order_id, o.shipping_total::text as charged, sum(s.label_cost)::text as cost
    from public.shipments s join public.orders o on o.id = s.order_id join public.organizations g on g.id = o.org_id
    where o.org_id = $org and s.label_cost is not null and s.status in ('purchased', 'refund_pending') and coalesce(s.currency, o.currency) = o.currency
    group by 1, 2, 3, 4, 5, 6) x`;

// Labels bought per account, local day, label currency, carrier, service and destination.
const LABEL_DAYS = `select o.marketplace_account_id::text as a, (s.created_at at time zone g.time_zone)::date::text as day, coalesce(s.currency, o.currency) as currency,
      s.carrier, s.service_level as service, b.country, b.region, count(*)::int as labels,
      count(*) filter (where s.status in ('refunded', 'voided'))::int as refunded, sum(s.label_cost)::text as gross,
      coalesce(sum(s.label_cost) filter (where s.status in ('refunded', 'voided')), 0)::text as refunds,
      sum(s.label_cost) filter (where s.status not in ('refunded', 'voided'))::text as net
    from public.shipments s join public.orders o on o.id = s.order_id join public.organizations g on g.id = o.org_id
      left join public.order_buyers b on b.order_id = o.id
    where s.org_id = $org and s.label_cost is not null and s.status in ('purchased', 'refund_pending', 'refunded', 'voided') group by 1, 2, 3, 4, 5, 6, 7`;

// What each rollup must equal: the same grouping over the raw rows, in the organization's zone.
const RAW = {
  report_order_days: `select o.marketplace_account_id::text as a, (o.ordered_at at time zone g.time_zone)::date::text as day, o.status, o.currency,
      count(*)::int as orders, sum(o.item_count)::int as units, sum(o.subtotal)::text as subtotal, sum(o.shipping_total)::text as shipping,
      sum(o.tax_total)::text as tax, sum(o.total)::text as total
    from public.orders o join public.organizations g on g.id = o.org_id where o.org_id = $org group by 1, 2, 3, 4`,
  report_flow_days: `select o.marketplace_account_id::text as a, (v.at at time zone g.time_zone)::date::text as day, v.event,
      count(*)::int as orders, count(*) filter (where v.event = 'shipped' and o.ship_by is not null)::int as with_ship_by,
      count(*) filter (where v.event = 'shipped' and o.shipped_at <= o.ship_by)::int as on_time
    from public.orders o join public.organizations g on g.id = o.org_id
      cross join lateral (values ('placed', o.ordered_at), ('shipped', o.shipped_at), ('delivered', o.delivered_at), ('cancelled', o.cancelled_at)) v(event, at)
    where o.org_id = $org and v.at is not null group by 1, 2, 3`,
  report_sku_days: `select o.marketplace_account_id::text as a, (o.ordered_at at time zone g.time_zone)::date::text as day, o.currency,
      coalesce(i.sku, '') as sku, max(i.title) as title, sum(i.quantity)::int as units, sum(i.quantity * i.unit_price)::text as revenue,
      count(distinct o.id)::int as orders
    from public.orders o join public.organizations g on g.id = o.org_id join public.order_items i on i.order_id = o.id
    where o.org_id = $org and o.status <> 'cancelled' group by 1, 2, 3, 4`,
  report_geo_days: `select o.marketplace_account_id::text as a, (o.ordered_at at time zone g.time_zone)::date::text as day, o.currency,
      coalesce(b.country, '') as country, coalesce(b.region, '') as region, count(*)::int as orders, sum(o.total)::text as sales
    from public.orders o join public.organizations g on g.id = o.org_id left join public.order_buyers b on b.order_id = o.id
    where o.org_id = $org and o.status <> 'cancelled' group by 1, 2, 3, 4, 5`,
  // Per period and title of the day rows (the raw report_sku_days above).
  report_sku_periods: `select d.a, g.grain, to_char(date_trunc(g.grain, d.day::timestamp), 'YYYY-MM-DD') as start, d.currency, d.sku, d.title,
      count(*)::int as days, sum(d.units)::int as units, sum(d.revenue)::text as revenue, sum(d.orders)::int as orders
    from (select o.marketplace_account_id::text as a, (o.ordered_at at time zone g.time_zone)::date as day, o.currency, coalesce(i.sku, '') as sku,
        max(i.title) as title, sum(i.quantity) as units, sum(i.quantity * i.unit_price) as revenue, count(distinct o.id) as orders
      from public.orders o join public.organizations g on g.id = o.org_id join public.order_items i on i.order_id = o.id
      where o.org_id = $org and o.status <> 'cancelled' group by 1, 2, 3, 4) d cross join (values ('month'), ('year')) g(grain)
    group by 1, 2, 3, 4, 5, 6`,
  report_label_days: LABEL_DAYS,
  report_label_periods: `select d.a, g.grain, to_char(date_trunc(g.grain, d.day::date::timestamp), 'YYYY-MM-DD') as start, d.currency, d.carrier, d.service,
      d.country, d.region, sum(d.labels)::int as labels, sum(d.refunded)::int as refunded, sum(d.gross::numeric)::text as gross,
      sum(d.refunds::numeric)::text as refunds, coalesce(sum(d.net::numeric), 0)::text as net
    from (${LABEL_DAYS}) d cross join (values ('month'), ('year')) g(grain) group by 1, 2, 3, 4, 5, 6, 7, 8`,
  report_label_orders: `${LIVE_PER_ORDER_DAY}`,
  // The Orders page's status totals: every order of the organization, by status.
  report_status_totals: `select o.status, count(*)::int as orders from public.orders o where o.org_id = $org group by 1`,
  report_label_margin_days: `select x.a, x.day, x.currency, count(*) filter (where x.days = 1)::int as orders,
      coalesce(sum(x.charged::numeric) filter (where x.days = 1), 0)::text as charged, sum(x.cost::numeric)::text as cost
    from (${LIVE_PER_ORDER_DAY}) x group by 1, 2, 3`,
};
const ROLLUP: Record<keyof typeof RAW, string> = {
  report_order_days: `select marketplace_account_id::text as a, day::text as day, status, currency, orders, units::int as units,
      subtotal::text as subtotal, shipping::text as shipping, tax::text as tax, total::text as total from public.report_order_days where org_id = $org`,
  report_flow_days: `select marketplace_account_id::text as a, day::text as day, event, orders, with_ship_by, on_time from public.report_flow_days where org_id = $org`,
  report_sku_days: `select marketplace_account_id::text as a, day::text as day, currency, sku, title, units::int as units, revenue::text as revenue, orders
    from public.report_sku_days where org_id = $org`,
  report_geo_days: `select marketplace_account_id::text as a, day::text as day, currency, country, region, orders, sales::text as sales
    from public.report_geo_days where org_id = $org`,
  report_sku_periods: `select marketplace_account_id::text as a, grain, start::text as start, currency, sku, title, days, units::int as units,
      revenue::text as revenue, orders from public.report_sku_periods where org_id = $org`,
  report_label_days: `select marketplace_account_id::text as a, day::text as day, currency, carrier, service, country, region, labels, refunded,
      gross::text as gross, refunds::text as refunds, net::text as net from public.report_label_days where org_id = $org`,
  report_label_periods: `select marketplace_account_id::text as a, grain, start::text as start, currency, carrier, service, country, region, labels, refunded,
      gross::text as gross, refunds::text as refunds, net::text as net from public.report_label_periods where org_id = $org`,
  report_label_orders: `select order_id::text as order_id, day::text as day, marketplace_account_id::text as a, currency, external_order_id,
      charged::text as charged, cost::text as cost, days from public.report_label_orders where org_id = $org`,
  report_label_margin_days: `select marketplace_account_id::text as a, day::text as day, currency, orders, charged::text as charged, cost::text as cost
    from public.report_label_margin_days where org_id = $org`,
  report_status_totals: `select status, orders::int as orders from private.report_status_totals where org_id = $org and orders <> 0`,
};

/** Rows as sorted canonical strings (decimals compared by value, 12.50 = 12.5). */
async function canonical(db: Db, text: string, orgId: string): Promise<string[]> {
  const found = rowsOf<Record<string, unknown>>(await db.execute(sql.raw(text.replaceAll('$org', `'${orgId}'::uuid`))));
  return found
    .map((r) => JSON.stringify(Object.keys(r).sort().map((k) => [k, typeof r[k] === 'string' && /^-?\d+\.\d+$/.test(r[k] as string) ? Number(r[k]).toFixed(2) : r[k]])))
    .sort();
}

describe.each(backends)('report rollups on $name', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  }, 60_000);
  afterAll(() => t?.cleanup());
  let multiDay = 0;

  async function world() {
    const db = t.database.db;
    const admin = await createUser(db);
    const orgId = await createOrg(db, `Rollups ${crypto.randomUUID()}`, [[admin, 'admin']]);
    await db.execute(sql`update public.organizations set time_zone = 'America/New_York' where id = ${orgId}::uuid`);
    const accounts: Array<{ id: string; marketplace: 'walmart' | 'ebay' }> = [];
    for (const marketplace of ['walmart', 'ebay'] as const) {
      const [a] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
        values (${orgId}::uuid, ${marketplace}, ${marketplace}, ${crypto.randomUUID()}) returning id`));
      accounts.push({ id: a.id, marketplace });
    }
    return { db, admin, orgId, accounts };
  }

  async function expectRollupsEqualRaw(db: Db, orgId: string, step: string) {
    for (const table of Object.keys(RAW) as Array<keyof typeof RAW>) {
      expect(await canonical(db, ROLLUP[table], orgId), `${table} after ${step}`).toEqual(await canonical(db, RAW[table], orgId));
    }
  }

  it.each([11, 23, 57, 101])('equal the raw aggregate after every step of random sequence %i', async (seed) => {
    const r = rng(seed);
    const { db, admin, orgId, accounts } = await world();
    const clock = { t: BASE };
    const money = () => (r.int(9000) / 100 + 1).toFixed(2);
    const order = (id: string): NormalizedOrder => {
      const status = r.pick(ORDER_STATUSES);
      const ordered = new Date(BASE + r.int(96) * HOUR + r.int(60) * 60_000);
      const shipped = status === 'shipped' || status === 'delivered' || status === 'partially_shipped' ? new Date(ordered.getTime() + r.int(72) * HOUR) : null;
      const items = Array.from({ length: r.int(4) }, (_, i) => ({
        lineId: String(i + 1), sku: r.pick(['A-1', 'B-2', '=C3', null] as const), title: r.pick(['Mug', 'Cap', null] as const),
        quantity: r.int(4), quantityShipped: 0, unitPrice: money(), marketplaceStatus: null,
      }));
      const subtotal = money();
      return {
        externalOrderId: id, status, marketplaceStatus: status, orderedAt: ordered, updatedAt: new Date((clock.t += 60_000)),
        shipBy: r.next() < 0.8 ? new Date(ordered.getTime() + 36 * HOUR) : null, deliverBy: null, shippedAt: shipped,
        deliveredAt: status === 'delivered' && shipped ? new Date(shipped.getTime() + r.int(96) * HOUR) : null,
        cancelledAt: status === 'cancelled' ? new Date(ordered.getTime() + r.int(30) * HOUR) : null,
        currency: r.pick(['USD', 'USD', 'EUR']), subtotal, shippingTotal: money(), taxTotal: money(), total: money(),
        items, buyer: r.next() < 0.7 ? { buyerRef: null, name: 'Pat', addressLine1: '1 Main St', addressLine2: null, addressLine3: null, city: 'Town',
          region: r.pick(['NY', 'CA', null] as const), postalCode: '10001', country: r.pick(['US', 'DE', null] as const), phone: null, email: null } : null,
      };
    };
    const seen = { labels: 0, multi: 0, periods: 0 };
    let disconnected = false;
    const sent = new Map<string, { acct: (typeof accounts)[number]; o: NormalizedOrder }>();
    for (let step = 0; step < 40; step++) {
      const acct = r.pick(disconnected ? accounts.slice(0, 1) : accounts);
      const roll = r.next();
      let what: string;
      if (r.next() < 0.45) {
        what = await labelStep(db, orgId, r, { base: BASE, clock });
      } else if (roll < 0.12) {
        // One transaction of several writes (settled at its commit): new orders, then newer copies
        // of some of them and of known ones, a new order and a known one deleted, an item of a
        // new order deleted, and now and then the time zone changed in the middle.
        const fresh = Array.from({ length: 1 + r.int(4) }, (_, k) => order(`T-${step}-${k}`));
        const known = sent.size ? [r.pick([...sent.values()])] : [];
        const zone = r.next() < 0.3 ? r.pick(['UTC', 'Asia/Kathmandu', 'America/New_York']) : null;
        await runAsService(db, 'tests', async (tx) => {
          await upsertOrders(tx, { orgId, accountId: acct.id, marketplace: acct.marketplace }, fresh);
          if (zone) await tx.execute(sql`update public.organizations set time_zone = ${zone} where id = ${orgId}::uuid`);
          const again = fresh.filter(() => r.next() < 0.6).map((o) => ({ ...order(o.externalOrderId), updatedAt: new Date((clock.t += 60_000)) }));
          await upsertOrders(tx, { orgId, accountId: acct.id, marketplace: acct.marketplace }, again);
          for (const k of known) {
            const o = { ...k.o, status: r.pick(ORDER_STATUSES), total: money(), updatedAt: new Date((clock.t += 60_000)) };
            await upsertOrders(tx, { orgId, accountId: k.acct.id, marketplace: k.acct.marketplace }, [o]);
            sent.set(`${k.acct.id}/${o.externalOrderId}`, { acct: k.acct, o });
          }
          await tx.execute(sql`delete from public.order_items where id = (select i.id from public.order_items i join public.orders o on o.id = i.order_id
            where o.org_id = ${orgId}::uuid and o.external_order_id like 'T-%' order by i.id limit 1)`);
          await tx.execute(sql`delete from public.orders where id = (select id from public.orders where org_id = ${orgId}::uuid
            and external_order_id = ${fresh[0].externalOrderId})`);
          if (r.next() < 0.5) {
            await tx.execute(sql`delete from public.orders where id = (select id from public.orders where org_id = ${orgId}::uuid
              and external_order_id not like 'T-%' order by external_order_id desc, id limit 1)`);
          }
        });
        what = `a transaction of ${fresh.length} new orders, copies, deletions${zone ? `, time zone ${zone}` : ''}`;
      } else if (roll < 0.45) {
        // A sync page: new orders and newer copies of known ones (status, money, items, buyer).
        const page = Array.from({ length: 1 + r.int(5) }, () => order(`O-${r.int(10)}`));
        await runAsService(db, 'tests', (tx) => upsertOrders(tx, { orgId, accountId: acct.id, marketplace: acct.marketplace }, page));
        for (const o of page) sent.set(`${acct.id}/${o.externalOrderId}`, { acct, o });
        what = `upsert of ${page.length}`;
      } else if (roll < 0.6 && sent.size) {
        // A newer copy that changes the status only (a cancellation, a shipment): same money.
        const prev = r.pick([...sent.values()]);
        const o = { ...prev.o, status: r.pick(ORDER_STATUSES), updatedAt: new Date((clock.t += 60_000)) };
        await runAsService(db, 'tests', (tx) => upsertOrders(tx, { orgId, accountId: prev.acct.id, marketplace: prev.acct.marketplace }, [o]));
        sent.set(`${prev.acct.id}/${o.externalOrderId}`, { acct: prev.acct, o });
        what = `status of ${o.externalOrderId} to ${o.status}`;
      } else if (roll < 0.7) {
        await runAsService(db, 'tests', (tx) => anonymizeBuyers(tx, sql`select id from public.orders where org_id = ${orgId}::uuid and marketplace_account_id = ${acct.id}::uuid`));
        what = 'anonymization';
      } else if (roll < 0.8) {
        await db.execute(sql`delete from public.orders where id = (select id from public.orders where org_id = ${orgId}::uuid order by external_order_id, id limit 1)`);
        what = 'an order deleted';
      } else if (roll < 0.87) {
        await db.execute(sql`delete from public.order_items where id = (select i.id from public.order_items i where i.org_id = ${orgId}::uuid order by i.line_id desc, i.id limit 1)`);
        what = 'an item deleted';
      } else if (roll < 0.95) {
        const zone = r.pick(['UTC', 'Asia/Kathmandu', 'America/New_York', 'Pacific/Auckland']);
        await db.execute(sql`update public.organizations set time_zone = ${zone} where id = ${orgId}::uuid`);
        what = `time zone ${zone}`;
      } else if (!disconnected) {
        expect(await disconnectAccount(db, { orgId, userId: admin.sub, accountId: accounts[1].id, data: 'delete' })).toBe('ok');
        disconnected = true;
        what = 'account disconnected, its orders deleted';
      } else continue;
      await expectRollupsEqualRaw(db, orgId, `step ${step}: ${what}`);
      const [n] = rowsOf<{ labels: number; multi: number; periods: number }>(await db.execute(sql`select
        (select count(*)::int from public.report_label_days where org_id = ${orgId}::uuid) as labels,
        (select count(*)::int from public.report_label_orders where org_id = ${orgId}::uuid and days > 1) as multi,
        (select count(*)::int from public.report_sku_periods where org_id = ${orgId}::uuid) as periods`));
      seen.labels += n.labels;
      seen.multi += n.multi;
      seen.periods += n.periods;
    }
    // The sequence did reach what it checks: label rows and SKU periods (orders with labels on
    // several days: over all sequences, below).
    expect(seen.labels && seen.periods, JSON.stringify(seen)).toBeGreaterThan(0);
    multiDay += seen.multi;
    // The two reports read from these rollups show what plain SQL over the raw rows shows: ranges
    // read as a year minus days (today in March), a month minus a day, whole months, days that
    // cut an order's labels apart, and a marketplace filter.
    const [{ zone: tz }] = rowsOf<{ zone: string }>(await db.execute(sql`select time_zone as zone from public.organizations where id = ${orgId}::uuid`));
    for (const range of [
      { from: '2025-12-15', to: '2026-12-31', now: '2026-03-10' },
      { from: '2026-03-02', to: '2026-03-31', now: '2026-03-09' },
      { from: '2026-02-01', to: '2026-03-31', now: '2026-06-01' },
      { from: '2026-03-07', to: '2026-03-08', now: '2026-03-10' },
      { from: '2026-03-01', to: '2026-03-14', now: '2026-03-10', marketplace: 'walmart' as const },
    ]) {
      await expectSkusMatchRaw(db, admin, orgId, tz, range);
      await expectLabelsMatchRaw(db, admin, orgId, tz, range);
    }
    // And the figures a report shows from the rollups are the plain sums.
    const [{ zone }] = rowsOf<{ zone: string }>(await db.execute(sql`select time_zone as zone from public.organizations where id = ${orgId}::uuid`));
    const p = parseReportQuery({ from: '2026-03-01', to: '2026-03-14' }, { orgId, timeZone: zone, now: new Date('2026-03-10T00:00:00Z') });
    if (!p.ok) throw new Error(p.error);
    const sales = await runAsUser(db, admin, (tx) => runReport(tx, 'sales', p.value));
    const plain = rowsOf<{ currency: string; orders: number; gross: string }>(
      await db.execute(sql`select currency, count(*)::int as orders, sum(subtotal)::text as gross from public.orders where org_id = ${orgId}::uuid
        and status <> 'cancelled' and ordered_at >= '2026-03-01'::timestamp at time zone ${zone} and ordered_at < '2026-03-15'::timestamp at time zone ${zone}
        group by currency order by currency`),
    );
    const shown = sales.tables[0].rows.reduce<Record<string, { orders: number; gross: number }>>((acc, row) => {
      const c = String(row.currency);
      acc[c] = { orders: (acc[c]?.orders ?? 0) + Number(row.orders), gross: (acc[c]?.gross ?? 0) + Number(row.gross) };
      return acc;
    }, {});
    expect(Object.keys(shown).filter((c) => shown[c].orders > 0).sort()).toEqual(plain.map((x) => x.currency));
    for (const x of plain) {
      expect(shown[x.currency].orders).toBe(x.orders);
      expect(shown[x.currency].gross).toBeCloseTo(Number(x.gross), 2);
    }
  }, 120_000);

  it('Top SKUs shows the title sold in the range, not one only the subtracted days of a block hold', async () => {
    const { db, admin, orgId, accounts } = await world();
    const sold = (id: string, at: string, title: string, quantity: number): NormalizedOrder => ({
      externalOrderId: id, status: 'shipped', marketplaceStatus: 'shipped', orderedAt: new Date(at), updatedAt: new Date(at), shipBy: null, deliverBy: null,
      shippedAt: new Date(at), deliveredAt: null, cancelledAt: null, currency: 'USD', subtotal: `${quantity * 5}.00`, shippingTotal: '0.00', taxTotal: '0.00',
      total: `${quantity * 5}.00`, items: [{ lineId: '1', sku: 'T-1', title, quantity, quantityShipped: 0, unitPrice: '5.00', marketplaceStatus: null }], buyer: null,
    });
    // "Zeta" sorts after "Alpha": a greatest title taken over the whole year block would show it.
    await runAsService(db, 'tests', (tx) =>
      upsertOrders(tx, { orgId, accountId: accounts[0].id, marketplace: accounts[0].marketplace }, [
        sold('Z-1', '2026-01-05T15:00:00Z', 'Zeta (old title)', 3),
        sold('A-1', '2026-03-02T15:00:00Z', 'Alpha (new title)', 2),
      ]),
    );
    // Read as the year 2026 minus 1-9 January (today in March): the old title's only day is subtracted.
    const range = { from: '2026-01-10', to: '2026-12-31', now: '2026-03-10' };
    await expectSkusMatchRaw(db, admin, orgId, 'America/New_York', range);
    const p = parseReportQuery({ from: range.from, to: range.to }, { orgId, timeZone: 'America/New_York', now: new Date('2026-03-10T12:00:00Z') });
    if (!p.ok) throw new Error(p.error);
    const r = await runAsUser(db, admin, (tx) => runReport(tx, 'skus', p.value));
    expect(r.tables[0].rows).toEqual([expect.objectContaining({ sku: 'T-1', title: 'Alpha (new title)', units: 2, orders: 1 })]);
  });

  it('the check fails when a trigger misses a write (a refund, a deleted item)', async () => {
    const { db, orgId, accounts } = await world();
    const at = new Date(BASE + 5 * HOUR);
    const o: NormalizedOrder = {
      externalOrderId: 'T-1', status: 'shipped', marketplaceStatus: 'shipped', orderedAt: at, updatedAt: at, shipBy: null, deliverBy: null,
      shippedAt: at, deliveredAt: null, cancelledAt: null, currency: 'USD', subtotal: '10.00', shippingTotal: '6.00', taxTotal: '0.00', total: '16.00',
      items: [{ lineId: '1', sku: 'A-1', title: 'Mug', quantity: 2, quantityShipped: 0, unitPrice: '5.00', marketplaceStatus: null }], buyer: null,
    };
    await runAsService(db, 'tests', (tx) => upsertOrders(tx, { orgId, accountId: accounts[0].id, marketplace: accounts[0].marketplace }, [o]));
    await db.execute(sql`insert into public.shipments (org_id, order_id, status, label_cost, created_at)
      select org_id, id, 'purchased', 4.50, ${at.toISOString()}::timestamptz from public.orders where org_id = ${orgId}::uuid`);
    await expectRollupsEqualRaw(db, orgId, 'a label bought');
    const missed = async (trigger: string, table: string, write: ReturnType<typeof sql>, rollup: RegExp) => {
      await db.execute(sql.raw(`alter table public.${table} disable trigger ${trigger}`));
      try {
        await db.execute(write);
        await expect(expectRollupsEqualRaw(db, orgId, `${trigger} off`)).rejects.toThrow(rollup);
      } finally {
        await db.execute(sql.raw(`alter table public.${table} enable trigger ${trigger}`));
      }
    };
    await missed('report_shipments_update', 'shipments', sql`update public.shipments set status = 'refunded' where org_id = ${orgId}::uuid`, /report_label_days/);
    await missed('report_sku_days_delete', 'report_sku_days', sql`delete from public.order_items where org_id = ${orgId}::uuid`, /report_sku_periods/);
  });

  it('a rolled-back write leaves the rollups as they were, and no transaction leaves work behind', async () => {
    const { db, orgId, accounts } = await world();
    const at = new Date(BASE + 7 * HOUR);
    const o = (id: string, total: string): NormalizedOrder => ({
      externalOrderId: id, status: 'unshipped', marketplaceStatus: 'unshipped', orderedAt: at, updatedAt: new Date(at.getTime() + Number(total) * 1000),
      shipBy: null, deliverBy: null, shippedAt: null, deliveredAt: null, cancelledAt: null, currency: 'USD', subtotal: total, shippingTotal: '0.00',
      taxTotal: '0.00', total, items: [{ lineId: '1', sku: 'R-1', title: 'Rope', quantity: 1, quantityShipped: 0, unitPrice: total, marketplaceStatus: null }], buyer: null,
    });
    const scope = { orgId, accountId: accounts[0].id, marketplace: accounts[0].marketplace };
    await runAsService(db, 'tests', (tx) => upsertOrders(tx, scope, [o('R-1', '10.00')]));
    await expectRollupsEqualRaw(db, orgId, 'one order');
    const before = await canonical(db, ROLLUP.report_sku_days, orgId);
    await expect(
      runAsService(db, 'tests', async (tx) => {
        await upsertOrders(tx, scope, [o('R-2', '20.00'), o('R-1', '30.00')]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await canonical(db, ROLLUP.report_sku_days, orgId)).toEqual(before);
    await expectRollupsEqualRaw(db, orgId, 'a rolled-back page');
    const [left] = rowsOf<{ n: number }>(await db.execute(sql`select (select count(*) from private.report_pending_tx)
      + (select count(*) from private.report_pending_orders) + (select count(*) from private.report_pending_days) as n`));
    expect(Number(left.n)).toBe(0);
  });

  it("deleting an organization takes its status totals with it, and leaves other organizations' alone", async () => {
    const one = await world();
    const other = await world();
    const at = new Date(BASE + 3 * HOUR);
    const o = (id: string, status: NormalizedOrder['status']): NormalizedOrder => ({
      externalOrderId: id, status, marketplaceStatus: status, orderedAt: at, updatedAt: at, shipBy: null, deliverBy: null,
      shippedAt: status === 'shipped' ? at : null, deliveredAt: null, cancelledAt: null, currency: 'USD', subtotal: '5.00', shippingTotal: '0.00',
      taxTotal: '0.00', total: '5.00', items: [], buyer: null,
    });
    for (const w of [one, other]) {
      const scope = { orgId: w.orgId, accountId: w.accounts[0].id, marketplace: w.accounts[0].marketplace };
      await runAsService(w.db, 'tests', (tx) => upsertOrders(tx, scope, [o('D-1', 'shipped'), o('D-2', 'shipped'), o('D-3', 'unshipped')]));
    }
    const totals = async (orgId: string) =>
      rowsOf<{ status: string; orders: number }>(
        await one.db.execute(sql`select status, orders::int as orders from private.report_status_totals where org_id = ${orgId}::uuid order by 1`),
      );
    expect(await totals(one.orgId)).toEqual([{ status: 'shipped', orders: 2 }, { status: 'unshipped', orders: 1 }]);
    await one.db.execute(sql`delete from public.organizations where id = ${one.orgId}::uuid`);
    expect(await totals(one.orgId)).toEqual([]);
    expect(await totals(other.orgId)).toEqual([{ status: 'shipped', orders: 2 }, { status: 'unshipped', orders: 1 }]);
    await expectRollupsEqualRaw(other.db, other.orgId, "another organization's deletion");
  });

  it('the sequences above reached orders whose live labels fall on several days', () => {
    expect(multiDay).toBeGreaterThan(0);
  });
});
