// Two organizations with orders, items, buyers, labels and sync runs for the reports tests,
// written as the system writes them. Org A keeps New York time, so day boundaries move at the
// start of daylight saving (2026-03-08); a few orders sit exactly on those boundaries.
import { sql } from 'drizzle-orm';
import type { Db } from '@/lib/db/connect';
import { runAsService, type Claims } from '@/lib/db/session';
import { marketplaceAccounts, orderBuyers, orderItems, orders, shipments, syncRuns } from '@/lib/db/schema';
import { ORDER_STATUSES, type OrderStatus } from '@/lib/model';
import { createOrg, createUser } from '@/tests/support/fixtures';

export const TZ = 'America/New_York';
/** The range the tests report on (local days) and its UTC bounds, written out by hand. */
export const RANGE = { from: '2026-03-02', to: '2026-03-08', start: '2026-03-02T05:00:00Z', end: '2026-03-09T04:00:00Z' };
export const PREVIOUS = { from: '2026-02-23', to: '2026-03-01', start: '2026-02-23T05:00:00Z', end: '2026-03-02T05:00:00Z' };
/** "Now" for late/due: 11:00 in New York on 2026-03-08 (EDT); today ends 2026-03-09T04:00Z. */
export const NOW = new Date('2026-03-08T15:00:00Z');
export const TODAY_END = '2026-03-09T04:00:00Z';
export const TOMORROW_END = '2026-03-10T04:00:00Z';

export interface ReportsWorld {
  orgA: string;
  orgB: string;
  viewerA: Claims;
  ownerB: Claims;
  accountsA: { walmart: string; amazon: string };
  /** External ids of the orders placed exactly on the boundaries, by what they test. */
  edges: Record<'beforeStart' | 'atStart' | 'beforeEnd' | 'atEnd' | 'utcNextDay', string>;
}

const HOUR = 3_600_000;
const RANGE_MID = new Date('2026-03-05T12:00:00Z');
const BASE = Date.parse('2026-02-20T00:00:00Z');
const REGIONS: Array<[string, string]> = [['US', 'CA'], ['US', 'NY'], ['US', 'TX'], ['CA', 'ON'], ['GB', 'ENG']];
const SHIP_STATUSES = ['purchased', 'refunded', 'voided', 'refund_pending', 'failed', 'purchased'] as const;

export async function seedReportsWorld(db: Db): Promise<ReportsWorld> {
  const viewerA = await createUser(db);
  const ownerB = await createUser(db);
  const orgA = await createOrg(db, 'Reports A', [[viewerA, 'viewer']]);
  const orgB = await createOrg(db, 'Reports B', [[ownerB, 'owner']]);
  await db.execute(sql`update public.organizations set time_zone = ${TZ} where id = ${orgA}::uuid`);
  const edges: ReportsWorld['edges'] = { beforeStart: 'E-1', atStart: 'E-2', beforeEnd: 'E-3', atEnd: 'E-4', utcNextDay: 'E-5' };
  const edgeTimes: Record<string, string> = {
    'E-1': '2026-03-02T04:59:59Z', // 2026-03-01 23:59:59 EST: previous period
    'E-2': '2026-03-02T05:00:00Z', // 2026-03-02 00:00 EST: first instant of the range
    'E-3': '2026-03-09T03:59:59Z', // 2026-03-08 23:59:59 EDT: last instant of the range
    'E-4': '2026-03-09T04:00:00Z', // 2026-03-09 00:00 EDT: after the range
    'E-5': '2026-03-09T03:30:00Z', // a UTC 9 March that is still 8 March in New York
  };
  const accountsA = await runAsService(db, 'tests', async (tx) => {
    const account = async (orgId: string, marketplace: 'walmart' | 'amazon' | 'ebay', name: string, status: 'active' | 'needs_reconnect' = 'active') =>
      (
        await tx
          .insert(marketplaceAccounts)
          .values({ orgId, marketplace, displayName: name, externalAccountId: `${name}-${orgId}`, status, lastSyncSucceededAt: new Date(NOW.getTime() - 3 * HOUR) })
          .returning({ id: marketplaceAccounts.id })
      )[0].id;
    const accountsA = { walmart: await account(orgA, 'walmart', 'Walmart A'), amazon: await account(orgA, 'amazon', 'Amazon A', 'needs_reconnect') };
    const accountB = await account(orgB, 'walmart', 'Walmart B');
    const specs = Array.from({ length: 90 }, (_, i) => {
      const ext = i < 5 ? `E-${i + 1}` : `A-${i}`;
      const orderedAt = edgeTimes[ext] ? new Date(edgeTimes[ext]) : new Date(BASE + i * 5 * HOUR + (i % 7) * 613_000);
      const status: OrderStatus = ORDER_STATUSES[(i * 7) % ORDER_STATUSES.length];
      const shipBy = i % 9 === 0 ? null : new Date(orderedAt.getTime() + (24 + (i % 5) * 12) * HOUR);
      const shipped = status === 'shipped' || status === 'delivered' ? new Date(orderedAt.getTime() + (20 + (i % 4) * 14) * HOUR) : null;
      return {
        orgId: orgA,
        marketplaceAccountId: i % 3 === 0 ? accountsA.amazon : accountsA.walmart,
        marketplace: (i % 3 === 0 ? 'amazon' : 'walmart') as 'amazon' | 'walmart',
        externalOrderId: ext,
        status,
        marketplaceStatus: status,
        orderedAt,
        marketplaceUpdatedAt: orderedAt,
        shipBy,
        shippedAt: shipped,
        deliveredAt: status === 'delivered' && shipped ? new Date(shipped.getTime() + 50 * HOUR) : null,
        cancelledAt: status === 'cancelled' ? new Date(orderedAt.getTime() + 7 * HOUR) : null,
        subtotal: (10 + ((i * 37) % 90) + 0.49).toFixed(2),
        shippingTotal: (i % 4 === 0 ? 0 : 4.99 + (i % 3)).toFixed(2),
        taxTotal: ((i % 5) * 0.73).toFixed(2),
        total: '0',
        itemCount: 1 + (i % 3),
      };
    });
    for (const s of specs) s.total = (Number(s.subtotal) + Number(s.shippingTotal) + Number(s.taxTotal)).toFixed(2);
    const inserted = await tx.insert(orders).values(specs).returning({ id: orders.id, ext: orders.externalOrderId, n: orders.itemCount, sub: orders.subtotal, at: orders.orderedAt });
    const items = inserted.flatMap((o, i) => {
      // Units split over lines; a SKU starting with '=' proves the CSV escaping downstream.
      const skus = i % 11 === 0 ? ['=HYPERLINK("x")'] : [`SKU-${i % 6}`, `SKU-${(i + 2) % 6}`, 'SKU-X'];
      return Array.from({ length: Math.min(o.n, skus.length) }, (_, k) => ({
        orgId: orgA, orderId: o.id, lineId: String(k + 1), sku: skus[k], title: `Item ${skus[k]}`,
        quantity: k === 0 ? o.n - Math.min(o.n, skus.length) + 1 : 1, unitPrice: (Number(o.sub) / o.n).toFixed(2),
      }));
    });
    await tx.insert(orderItems).values(items);
    await tx.insert(orderBuyers).values(
      inserted.map((o, i) => ({
        orderId: o.id, orgId: orgA, name: i % 6 === 4 ? null : `Buyer ${i}`, country: REGIONS[i % 5][0], region: REGIONS[i % 5][1],
        anonymizedAt: i % 6 === 4 ? new Date(NOW.getTime() - HOUR) : null, // anonymized: region and country kept
      })),
    );
    await tx.insert(shipments).values(
      inserted.filter((_, i) => i % 2 === 0).map((o, k) => ({
        orgId: orgA, orderId: o.id, status: SHIP_STATUSES[k % SHIP_STATUSES.length],
        carrier: k % 3 === 0 ? 'usps' : 'ups', serviceLevel: k % 3 === 0 ? 'usps_priority' : 'ups_ground',
        labelCost: SHIP_STATUSES[k % SHIP_STATUSES.length] === 'failed' ? null : (5 + (k % 7) * 1.11).toFixed(2), currency: 'USD',
        createdAt: new Date(o.at.getTime() + 2 * HOUR),
      })),
    );
    await tx.insert(syncRuns).values(
      Array.from({ length: 24 }, (_, i) => ({
        orgId: orgA, marketplaceAccountId: i % 2 ? accountsA.amazon : accountsA.walmart, kind: 'orders' as const, trigger: 'schedule' as const,
        status: (i % 5 === 0 ? 'failed' : 'succeeded') as 'failed' | 'succeeded', startedAt: new Date(BASE + i * 17 * HOUR),
        apiCalls: 3 + i, error: i % 5 === 0 ? `HTTP 503 on page ${i}` : null,
      })),
    );
    // Org B: same days, bigger numbers; none of it may show up in org A's reports.
    const b = await tx.insert(orders).values(
      specs.slice(0, 20).map((s, i) => ({ ...s, orgId: orgB, marketplaceAccountId: accountB, marketplace: 'walmart' as const, externalOrderId: `B-${i}`, subtotal: '999.00', total: '999.00' })),
    ).returning({ id: orders.id });
    await tx.insert(orderItems).values(b.map((o) => ({ orgId: orgB, orderId: o.id, lineId: '1', sku: 'SKU-0', quantity: 9, unitPrice: '111.00' })));
    await tx.insert(shipments).values(b.map((o) => ({ orgId: orgB, orderId: o.id, status: 'purchased' as const, labelCost: '77.00', createdAt: RANGE_MID })));
    await tx.insert(syncRuns).values({ orgId: orgB, marketplaceAccountId: accountB, kind: 'orders', trigger: 'schedule', status: 'failed', startedAt: RANGE_MID, apiCalls: 500 });
    return accountsA;
  });
  return { orgA, orgB, viewerA, ownerB, accountsA, edges };
}
