// Amounts in different currencies are never added together: the tiles and the chart are in one
// currency (the one of most orders), named on the tile; every table lists each currency on its
// own rows; a note says what was left out of the tiles. Orders written through the sync upsert.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/lib/db/connect';
import { runAsService, runAsUser, type Claims } from '@/lib/db/session';
import type { NormalizedOrder } from '@/lib/marketplaces/types';
import { upsertOrders } from '@/lib/sync/upsert-orders';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { runReport } from './index';
import { parseReportQuery } from './params';
import type { ReportName, ReportResult } from './types';

const order = (id: string, currency: string, subtotal: string, country: string): NormalizedOrder => ({
  externalOrderId: id, status: 'unshipped', marketplaceStatus: 'Created', orderedAt: new Date('2026-05-05T12:00:00Z'),
  updatedAt: new Date('2026-05-05T12:00:00Z'), shipBy: new Date('2026-05-06T12:00:00Z'), deliverBy: null, shippedAt: null,
  deliveredAt: null, cancelledAt: null, currency, subtotal, shippingTotal: '5.00', taxTotal: '1.00',
  total: (Number(subtotal) + 6).toFixed(2),
  items: [{ lineId: '1', sku: 'MUG', title: 'Mug', quantity: 1, quantityShipped: 0, unitPrice: subtotal, marketplaceStatus: null }],
  buyer: { buyerRef: null, name: 'Pat', addressLine1: '1 Main St', addressLine2: null, addressLine3: null, city: 'Town', region: 'BE', postalCode: '1', country, phone: null, email: null },
});

describe.each(backends)('currencies on $name', (backend) => {
  let t: TestDatabase;
  let viewer: Claims;
  let orgId: string;
  beforeAll(async () => {
    t = await backend.open();
    const db = t.database.db;
    viewer = await createUser(db);
    orgId = await createOrg(db, `Currencies ${crypto.randomUUID()}`, [[viewer, 'viewer']]);
    const [a] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${orgId}::uuid, 'ebay', 'eBay', ${crypto.randomUUID()}) returning id`));
    // Two USD orders (100 + 50), one EUR order (1000): adding them would give 1150.
    await runAsService(db, 'tests', (tx) =>
      upsertOrders(tx, { orgId, accountId: a.id, marketplace: 'ebay' }, [order('U1', 'USD', '100.00', 'US'), order('U2', 'USD', '50.00', 'US'), order('E1', 'EUR', '1000.00', 'DE')]),
    );
  }, 60_000);
  afterAll(() => t?.cleanup());

  const run = async (name: ReportName): Promise<ReportResult> => {
    const p = parseReportQuery({ from: '2026-05-01', to: '2026-05-10' }, { orgId, timeZone: 'UTC', now: new Date('2026-05-10T00:00:00Z') });
    if (!p.ok) throw new Error(p.error);
    return runAsUser(t.database.db, viewer, (tx) => runReport(tx, name, p.value));
  };
  const kpi = (r: ReportResult, key: string) => r.kpis.find((k) => k.key === key)!;
  const byCurrency = (r: ReportResult, key: string) =>
    Object.fromEntries(r.tables[0].rows.filter((x) => Number(x[key]) !== 0).map((x) => [x.currency, Number(x[key])]));

  it('sales: the tiles are in USD (most orders) and say so; EUR stays on its own rows', async () => {
    const r = await run('sales');
    expect(kpi(r, 'gross')).toMatchObject({ value: 150, currency: 'USD' });
    expect(kpi(r, 'aov')).toMatchObject({ value: 81, currency: 'USD' }); // (106 + 56) / 2
    expect(kpi(r, 'orders').value).toBe(3); // counts add up across currencies
    expect(byCurrency(r, 'gross')).toEqual({ USD: 150, EUR: 1000 });
    expect(r.notes?.join(' ')).toMatch(/in USD.*EUR/);
    expect(r.chart!.currency).toBe('USD');
    expect(r.chart!.points.reduce((n, x) => n + Number(x.gross), 0)).toBe(150);
  });

  it('top SKUs, geography, orders by status and late: per currency, never summed', async () => {
    const skus = await run('skus');
    expect(kpi(skus, 'revenue')).toMatchObject({ value: 150, currency: 'USD' });
    expect(byCurrency(skus, 'revenue')).toEqual({ USD: 150, EUR: 1000 });
    expect(skus.tables[0].rows.every((x) => x.share === 1)).toBe(true); // each its currency's whole

    const geo = await run('geography');
    expect(kpi(geo, 'sales')).toMatchObject({ value: 162, currency: 'USD' });
    expect(byCurrency(geo, 'sales')).toEqual({ USD: 162, EUR: 1006 });

    const status = await run('status');
    expect(byCurrency(status, 'value')).toEqual({ USD: 162, EUR: 1006 });

    const late = await run('late');
    expect(kpi(late, 'at_risk')).toMatchObject({ value: 162, currency: 'USD' });
    expect(byCurrency(late, 'at_risk')).toEqual({ USD: 162, EUR: 1006 });
  });
});
