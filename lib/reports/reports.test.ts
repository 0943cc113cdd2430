// Every figure of every report, cross-checked against plain SQL over the same rows with the day
// boundaries written out in UTC by hand (New York time, across the start of daylight saving).
// Reports run as a viewer under RLS and also on the service path, where only their own org filter
// keeps org B out.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/lib/db/connect';
import { runAsService, runAsUser, type Claims } from '@/lib/db/session';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { runReport } from './index';
import { parseReportQuery, type Query } from './params';
import { NOW, PREVIOUS, RANGE, seedReportsWorld, TODAY_END, TOMORROW_END, TZ, type ReportsWorld } from '@/tests/support/reports-world';
import type { ReportName, ReportResult } from './types';

describe.each(backends)('reports on $name', (backend) => {
  let t: TestDatabase;
  let w: ReportsWorld;
  beforeAll(async () => {
    t = await backend.open();
    w = await seedReportsWorld(t.database.db);
  }, 60_000);
  afterAll(() => t?.cleanup());

  const params = (q: Query = {}, orgId = w.orgA) => {
    const p = parseReportQuery({ from: RANGE.from, to: RANGE.to, ...q }, { orgId, timeZone: TZ, now: NOW });
    if (!p.ok) throw new Error(p.error);
    return p.value;
  };
  const report = (name: ReportName, q: Query = {}, who: Claims | 'service' = w.viewerA, orgId = w.orgA): Promise<ReportResult> =>
    who === 'service'
      ? runAsService(t.database.db, 'tests', (tx) => runReport(tx, name, params(q, orgId)))
      : runAsUser(t.database.db, who, (tx) => runReport(tx, name, params(q, orgId)));
  /** One row of plain SQL, run on the service path; `$org` and the bounds are spliced in. */
  const one = async (text: string, b = RANGE) =>
    rowsOf<Record<string, unknown>>(
      await t.database.db.execute(sql.raw(text.replaceAll('$org', `'${w.orgA}'::uuid`).replaceAll('$start', `'${b.start}'::timestamptz`).replaceAll('$end', `'${b.end}'::timestamptz`))),
    )[0];
  const kpi = (r: ReportResult, key: string) => r.kpis.find((k) => k.key === key)!;
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

  it('sales: totals, the previous period, per account and per day match plain SQL', async () => {
    const q = `select count(*) filter (where status <> 'cancelled') as orders, sum(item_count) filter (where status <> 'cancelled') as units,
      sum(subtotal) filter (where status <> 'cancelled') as gross, sum(shipping_total) filter (where status <> 'cancelled') as shipping,
      sum(tax_total) filter (where status <> 'cancelled') as tax, count(*) filter (where status = 'cancelled') as cancelled,
      sum(total) filter (where status <> 'cancelled') as total
      from public.orders where org_id = $org and ordered_at >= $start and ordered_at < $end`;
    const [cur, prev] = [await one(q), await one(q, PREVIOUS)];
    for (const who of [w.viewerA, 'service'] as const) {
      const r = await report('sales', {}, who);
      for (const k of ['orders', 'units', 'gross', 'shipping', 'tax', 'cancelled']) {
        expect(kpi(r, k).value, k).toBe(num(cur[k]));
        expect(kpi(r, k).previous, `previous ${k}`).toBe(num(prev[k]));
      }
      expect(kpi(r, 'aov').value).toBeCloseTo(Number(cur.total) / Number(cur.orders), 2);
      const table = r.tables[0].rows;
      expect(table.reduce((n, x) => n + Number(x.gross), 0)).toBeCloseTo(Number(cur.gross), 2);
      expect(table.reduce((n, x) => n + Number(x.orders), 0)).toBe(Number(cur.orders));
      expect(r.chart!.points.map((p) => p.label)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08']);
      expect(r.chart!.points.reduce((n, p) => n + Number(p.gross), 0)).toBeCloseTo(Number(cur.gross), 2);
    }
    // The 23-hour day daylight saving starts on: 05:00Z to 04:00Z next day.
    const dst = await one(`select sum(subtotal) filter (where status <> 'cancelled') as gross from public.orders
      where org_id = $org and ordered_at >= '2026-03-08T05:00:00Z' and ordered_at < '2026-03-09T04:00:00Z'`);
    const r = await report('sales');
    expect(r.chart!.points.at(-1)!.gross).toBeCloseTo(Number(dst.gross ?? 0), 2);
  });

  it('sales: the day boundaries are the organization’s midnights, not UTC’s', async () => {
    const count = async (from: string, to: string) => kpi(await report('sales', { from, to }), 'orders').value! + kpi(await report('sales', { from, to }), 'cancelled').value!;
    // New York's days in UTC, by hand: EST (-5) until 2026-03-08 02:00, EDT (-4) after.
    const utc: Record<string, [string, string]> = {
      '2026-03-01': ['2026-03-01T05:00:00Z', '2026-03-02T05:00:00Z'],
      '2026-03-08': ['2026-03-08T05:00:00Z', '2026-03-09T04:00:00Z'],
      '2026-03-09': ['2026-03-09T04:00:00Z', '2026-03-10T04:00:00Z'],
    };
    const byDay = async (day: string) =>
      rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from public.orders where org_id = ${w.orgA}::uuid
        and ordered_at >= ${utc[day][0]}::timestamptz and ordered_at < ${utc[day][1]}::timestamptz`))[0].n;
    expect(await count('2026-03-09', '2026-03-09')).toBe(await byDay('2026-03-09'));
    // E-4 (00:00 EDT on the 9th) is the 9th's; E-3 and E-5 (UTC 9 March, New York 8 March) are the 8th's.
    const edgeDay = rowsOf<{ ext: string; day: string }>(await t.database.db.execute(sql`select external_order_id as ext,
      to_char(ordered_at at time zone 'America/New_York', 'YYYY-MM-DD') as day from public.orders where org_id = ${w.orgA}::uuid and external_order_id like 'E-%' order by 1`));
    expect(edgeDay).toEqual([
      { ext: 'E-1', day: '2026-03-01' }, { ext: 'E-2', day: '2026-03-02' }, { ext: 'E-3', day: '2026-03-08' }, { ext: 'E-4', day: '2026-03-09' }, { ext: 'E-5', day: '2026-03-08' },
    ]);
    const status = async (from: string, to: string) => kpi(await report('status', { from, to }), 'placed').value;
    expect(await status('2026-03-08', '2026-03-08')).toBe(await byDay('2026-03-08'));
    expect(await status('2026-03-01', '2026-03-01')).toBe(await byDay('2026-03-01'));
    // Hand-written UTC bounds agree with the zone's: the 8th holds E-3 and E-5, not E-4.
    const eighth = await one(`select count(*) as n, count(*) filter (where external_order_id in ('E-3', 'E-5')) as edges,
      count(*) filter (where external_order_id = 'E-4') as next from public.orders where org_id = $org
      and ordered_at >= '2026-03-08T05:00:00Z' and ordered_at < '2026-03-09T04:00:00Z'`);
    expect([num(eighth.n), num(eighth.edges), num(eighth.next)]).toEqual([await status('2026-03-08', '2026-03-08'), 2, 0]);
  });

  it('sales: marketplace and account filters match plain SQL', async () => {
    const gross = async (where: string) =>
      num((await one(`select coalesce(sum(subtotal), 0) as g from public.orders where org_id = $org and status <> 'cancelled' and ordered_at >= $start and ordered_at < $end and ${where}`)).g);
    expect(kpi(await report('sales', { marketplace: 'amazon' }), 'gross').value).toBe(await gross(`marketplace = 'amazon'`));
    expect(kpi(await report('sales', { account: w.accountsA.walmart }), 'gross').value).toBe(await gross(`marketplace_account_id = '${w.accountsA.walmart}'`));
    expect(kpi(await report('sales', { marketplace: 'ebay' }), 'gross').value).toBe(0);
    expect((await report('sales', { marketplace: 'ebay' })).empty?.title).toBe('No orders in this period');
  });

  it('orders by status: the flow and the status now match plain SQL', async () => {
    const flow = (b = RANGE) => one(`select
      (select count(*) from public.orders where org_id = $org and ordered_at >= $start and ordered_at < $end) as placed,
      (select count(*) from public.orders where org_id = $org and shipped_at >= $start and shipped_at < $end) as shipped,
      (select count(*) from public.orders where org_id = $org and delivered_at >= $start and delivered_at < $end) as delivered,
      (select count(*) from public.orders where org_id = $org and cancelled_at >= $start and cancelled_at < $end) as cancelled`, b);
    const [cur, prev] = [await flow(), await flow(PREVIOUS)];
    const r = await report('status');
    for (const k of ['placed', 'shipped', 'delivered', 'cancelled']) {
      expect(kpi(r, k).value, k).toBe(num(cur[k]));
      expect(kpi(r, k).previous, k).toBe(num(prev[k]));
      expect(r.chart!.points.reduce((n, p) => n + Number(p[k]), 0), `chart ${k}`).toBe(num(cur[k]));
    }
    const now = rowsOf<{ status: string; n: number }>(await t.database.db.execute(sql.raw(`select status, count(*)::int as n from public.orders
      where org_id = '${w.orgA}' and ordered_at >= '${RANGE.start}' and ordered_at < '${RANGE.end}' group by 1`)));
    for (const row of r.tables[0].rows) expect(row.orders, String(row.status)).toBe(now.find((x) => x.status === row.status)?.n ?? 0);
  });

  it('late and at risk: late, revenue at risk, due today/tomorrow and the on-time rate match plain SQL', async () => {
    const open = `org_id = $org and status in ('pending', 'unshipped', 'partially_shipped')`;
    const n = `'${NOW.toISOString()}'::timestamptz`;
    const e = await one(`select count(*) filter (where ship_by < ${n}) as late, coalesce(sum(total) filter (where ship_by < ${n}), 0) as at_risk,
      count(*) filter (where ship_by >= ${n} and ship_by < '${TODAY_END}') as due_today,
      count(*) filter (where ship_by >= '${TODAY_END}' and ship_by < '${TOMORROW_END}') as due_tomorrow from public.orders where ${open}`);
    const rate = (b = RANGE) => one(`select count(*) filter (where shipped_at <= ship_by)::float8 / nullif(count(*), 0) as r from public.orders
      where org_id = $org and ship_by is not null and shipped_at >= $start and shipped_at < $end`, b);
    const r = await report('late');
    expect(kpi(r, 'late').value).toBe(num(e.late));
    expect(kpi(r, 'at_risk').value).toBeCloseTo(Number(e.at_risk), 2);
    expect(kpi(r, 'due_today').value).toBe(num(e.due_today));
    expect(kpi(r, 'due_tomorrow').value).toBe(num(e.due_tomorrow));
    expect(Number(e.late)).toBeGreaterThan(0);
    expect(kpi(r, 'on_time_rate').value).toBeCloseTo(Number((await rate()).r), 4);
    expect(kpi(r, 'on_time_rate').previous).toBeCloseTo(Number((await rate(PREVIOUS)).r), 4);
    expect(r.tables[1].rows).toHaveLength(Number(e.late));
    // Each late order links to its page: the row carries the order's id, its number is the link text.
    const ids = await one(`select count(*) as n from public.orders where ${open} and ship_by < ${n}
      and id::text in (${r.tables[1].rows.map((x) => `'${String(x.order_id)}'`).join(', ')})`);
    expect(Number(ids.n)).toBe(Number(e.late));
    expect(r.tables[1].columns.find((c) => c.key === 'order')?.linksToOrder).toBe(true);
    const worst = await one(`select extract(epoch from ${n} - min(ship_by)) / 3600 as h from public.orders where ${open} and ship_by < ${n}`);
    expect(Math.max(...r.tables[0].rows.map((x) => Number(x.max_hours_late ?? 0)))).toBeCloseTo(Number(worst.h), 1);
  });

  it('label spend: bought, refunded/voided netted, margin per order and overall match plain SQL', async () => {
    const base = `from public.shipments s join public.orders o on o.id = s.order_id where s.org_id = $org and s.label_cost is not null
      and s.status in ('purchased', 'refund_pending', 'refunded', 'voided') and s.created_at >= $start and s.created_at < $end`;
    const spend = (b = RANGE) => one(`select count(*) as labels, sum(s.label_cost) as gross,
      coalesce(sum(s.label_cost) filter (where s.status in ('refunded', 'voided')), 0) as refunds,
      coalesce(sum(s.label_cost) filter (where s.status in ('purchased', 'refund_pending')), 0) as net ${base}`, b);
    const margin = await one(`select sum(o.shipping_total - s.label_cost) as margin, sum(o.shipping_total) as charged
      ${base} and s.status in ('purchased', 'refund_pending')`); // one label per order in the seed
    const [cur, prev] = [await spend(), await spend(PREVIOUS)];
    const r = await report('labels');
    expect(kpi(r, 'labels').value).toBe(num(cur.labels));
    expect(kpi(r, 'refunds').value).toBe(num(cur.refunds));
    expect(kpi(r, 'net').value).toBe(num(cur.net));
    expect(kpi(r, 'net').previous).toBe(num(prev.net));
    expect(Number(cur.refunds)).toBeGreaterThan(0);
    expect(kpi(r, 'margin').value).toBeCloseTo(Number(margin.margin), 2);
    expect(kpi(r, 'charged').value).toBeCloseTo(Number(margin.charged), 2);
    const byService = r.tables[0].rows;
    expect(byService.reduce((n, x) => n + Number(x.net), 0)).toBeCloseTo(Number(cur.net), 2);
    expect(r.tables[1].rows.reduce((n, x) => n + Number(x.gross), 0)).toBeCloseTo(Number(cur.gross), 2);
    expect(r.tables[2].rows.reduce((n, x) => n + Number(x.margin), 0)).toBeCloseTo(Number(margin.margin), 2);
    expect(r.empty).toBeUndefined();
  });

  it('label spend: an honest empty state while there are no labels', async () => {
    expect((await report('labels', { marketplace: 'ebay' })).empty?.title).toBe('No labels in this period');
    const owner = await createUser(t.database.db);
    const fresh = await createOrg(t.database.db, 'No labels', [[owner, 'owner']]);
    await t.database.db.execute(sql`update public.organizations set time_zone = ${TZ} where id = ${fresh}::uuid`);
    const r = await report('labels', {}, owner, fresh);
    expect(r.empty?.title).toBe('No labels bought yet');
    expect(kpi(r, 'net').value).toBe(0);
  });

  it('a report in another zone than the organization’s is refused (the rollups are in its days)', async () => {
    const p = parseReportQuery({ from: RANGE.from, to: RANGE.to }, { orgId: w.orgA, timeZone: 'UTC', now: NOW });
    if (!p.ok) throw new Error(p.error);
    await expect(runAsUser(t.database.db, w.viewerA, (tx) => runReport(tx, 'sales', p.value))).rejects.toThrow(/time zone UTC/);
  });

  it('top SKUs: units, revenue, orders and share match plain SQL', async () => {
    const base = `from public.order_items i join public.orders o on o.id = i.order_id where o.org_id = $org and o.status <> 'cancelled'
      and o.ordered_at >= $start and o.ordered_at < $end`;
    const totals = `select sum(i.quantity) as units, sum(i.quantity * i.unit_price) as revenue, count(distinct i.sku) as skus ${base}`;
    const [tot, prev] = [await one(totals), await one(totals, PREVIOUS)];
    const top = await one(`select i.sku, o.marketplace, sum(i.quantity) as units, sum(i.quantity * i.unit_price) as revenue, count(distinct o.id) as orders
      ${base} group by 1, 2 order by 4 desc, 1, 2 limit 1`);
    const r = await report('skus');
    expect(kpi(r, 'units').value).toBe(num(tot.units));
    expect(kpi(r, 'revenue').value).toBe(num(tot.revenue));
    expect(kpi(r, 'skus').value).toBe(num(tot.skus));
    for (const k of ['units', 'revenue', 'skus']) expect(kpi(r, k).previous, `previous ${k}`).toBe(num(prev[k]));
    expect(Number(prev.units)).toBeGreaterThan(0);
    expect(r.tables[0].rows[0]).toMatchObject({ sku: top.sku, marketplace: top.marketplace, units: num(top.units), orders: num(top.orders) });
    expect(Number(r.tables[0].rows[0].revenue)).toBe(num(top.revenue));
    expect(r.tables[0].rows.reduce((n, x) => n + Number(x.share), 0)).toBeCloseTo(1, 2);
  });

  it('a previous period older than the first order ESM holds is said, and the tiles compare with nothing', async () => {
    const [{ first }] = rowsOf<{ first: string }>(await t.database.db.execute(sql`select min((ordered_at at time zone ${TZ})::date)::text as first
      from public.orders where org_id = ${w.orgA}::uuid`));
    expect(first).toBe('2026-02-20');
    // The default range's previous week is all after the first order: nothing to say.
    const full = await report('sales');
    expect(full.partialPrevious).toBeUndefined();
    expect(full.notes ?? []).toEqual([]);
    // A week whose previous week holds the first order: partly there.
    const part = await report('sales', { from: '2026-02-21', to: '2026-02-27' });
    expect(part.partialPrevious).toEqual({ historyFrom: '2026-02-20' });
    expect(part.notes).toContain('ESM holds orders from Feb 20, 2026 on (a first sync reaches back 30 days), so it has only part of the previous 7 days (Feb 14, 2026 to Feb 20, 2026): the tiles leave out the change against it.');
    // Previous period entirely before the first order.
    const none = await report('skus', { from: '2026-02-18', to: '2026-02-20' });
    expect(none.partialPrevious).toEqual({ historyFrom: '2026-02-20' });
    expect(none.notes?.at(-1)).toMatch(/^ESM holds orders from Feb 20, 2026 on .* so it has nothing from the previous 3 days \(Feb 15, 2026 to Feb 17, 2026\) to compare with\.$/);
    // Sync health is not about orders; a viewer of another organization learns no date of A's.
    expect((await report('sync', { from: '2026-02-21', to: '2026-02-27' })).partialPrevious).toBeUndefined();
    expect((await report('sales', { from: '2026-02-21', to: '2026-02-27' }, w.ownerB)).partialPrevious).toBeUndefined();
  });

  it('sync health: runs, failures, API calls, lag and needs-reconnect match plain SQL', async () => {
    const runs = (b = RANGE) => one(`select count(*) as runs, count(*) filter (where status = 'failed') as failures, sum(api_calls) as api_calls
      from public.sync_runs where org_id = $org and started_at >= $start and started_at < $end`, b);
    const [cur, prev] = [await runs(), await runs(PREVIOUS)];
    const r = await report('sync');
    expect(kpi(r, 'runs').value).toBe(num(cur.runs));
    expect(kpi(r, 'failures').value).toBe(num(cur.failures));
    expect(kpi(r, 'api_calls').value).toBe(num(cur.api_calls));
    expect(kpi(r, 'runs').previous).toBe(num(prev.runs));
    expect(kpi(r, 'needs_reconnect').value).toBe(1);
    expect(kpi(r, 'max_lag').value).toBe(3);
    const failed = await one(`select error from public.sync_runs where org_id = $org and status = 'failed' and started_at >= $start and started_at < $end
      and marketplace_account_id = '${w.accountsA.walmart}' order by started_at desc limit 1`);
    expect(r.tables[0].rows.find((x) => x.account === 'Walmart A')?.last_failure ?? null).toBe(failed?.error ?? null);
  });

  it('geography: orders and sales by country and region match plain SQL, anonymized buyers included', async () => {
    const rows = rowsOf<{ country: string; region: string; orders: number; sales: string }>(await t.database.db.execute(sql.raw(`
      select b.country, b.region, count(*)::int as orders, sum(o.total)::text as sales from public.orders o join public.order_buyers b on b.order_id = o.id
      where o.org_id = '${w.orgA}' and o.status <> 'cancelled' and o.ordered_at >= '${RANGE.start}' and o.ordered_at < '${RANGE.end}'
      group by 1, 2 order by sum(o.total) desc, 1, 2`)));
    const anonymized = await one(`select count(*) as n from public.orders o join public.order_buyers b on b.order_id = o.id
      where o.org_id = $org and b.anonymized_at is not null and o.status <> 'cancelled' and o.ordered_at >= $start and o.ordered_at < $end`);
    expect(Number(anonymized.n)).toBeGreaterThan(0);
    const r = await report('geography');
    expect(r.tables[0].rows.map((x) => [x.country, x.region, x.orders, Number(x.sales)])).toEqual(rows.map((x) => [x.country, x.region, x.orders, Number(x.sales)]));
    expect(kpi(r, 'countries').value).toBe(new Set(rows.map((x) => x.country)).size);
    expect(kpi(r, 'regions').value).toBe(rows.length);
    expect(kpi(r, 'orders').value).toBe(rows.reduce((n, x) => n + x.orders, 0));
    const prev = await one(`select count(distinct b.country) as c, count(*) as n from public.orders o join public.order_buyers b on b.order_id = o.id
      where o.org_id = $org and o.status <> 'cancelled' and o.ordered_at >= $start and o.ordered_at < $end`, PREVIOUS);
    expect([kpi(r, 'countries').previous, kpi(r, 'orders').previous]).toEqual([num(prev.c), num(prev.n)]);
  });

  it("members of another organization read nothing of org A's, on every report", async () => {
    for (const name of ['sales', 'status', 'late', 'labels', 'skus', 'sync', 'geography'] as ReportName[]) {
      const r = await report(name, {}, w.ownerB);
      for (const k of r.kpis) expect([0, null], `${name} ${k.key}`).toContain(k.value);
      expect(r.tables.every((x) => x.rows.every((row) => Object.values(row).every((v) => typeof v !== 'string' || !v.startsWith('Walmart A')))), name).toBe(true);
    }
  });
});
