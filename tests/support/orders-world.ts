// Two organizations with known orders for the orders tests, written as the sync would write
// them (service path). Each seeded order is returned so tests compute expectations from it.
import { runAsService } from '@/lib/db/session';
import type { Db } from '@/lib/db/connect';
import { marketplaceAccounts, orderBuyers, orderItems, orders } from '@/lib/db/schema';
import { ORDER_STATUSES, type Marketplace, type OrderStatus } from '@/lib/model';
import type { Claims } from '@/lib/db/session';
import { createOrg, createUser } from '@/tests/support/fixtures';

const HOUR = 3_600_000;
export const BASE = Date.parse('2026-03-01T00:00:00Z');
/** "Now" for the tests: orders 0..51 are past their ship-by date. */
export const NOW = new Date(BASE + 100 * HOUR);

export interface SeededOrder {
  id: string;
  orgId: string;
  accountId: string;
  marketplace: Marketplace;
  externalOrderId: string;
  status: OrderStatus;
  orderedAt: Date;
  shipBy: Date | null;
  total: number;
  onHold: boolean;
  buyerName: string;
  skus: string[];
}

export interface World {
  orgA: string;
  orgB: string;
  ownerA: Claims;
  operatorA: Claims;
  viewerA: Claims;
  ownerB: Claims;
  /** Member of both organizations (operator in A, viewer in B). */
  both: Claims;
  outsider: Claims;
  accountsA: { walmart: string; amazon: string };
  accountB: string;
  a: SeededOrder[];
  b: SeededOrder[];
}

function orderA(i: number): Omit<SeededOrder, 'id' | 'orgId' | 'accountId'> {
  const orderedAt = new Date(BASE + i * HOUR);
  const names: Record<number, string> = { 5: "Zoë O'Hara", 7: '100% Cotton Co', 8: 'Under_score Ltd' };
  const skus: Record<number, string[]> = { 3: ['WIDGET-BLUE'], 4: ['WIDGET-BLUE-XL', 'CABLE-1'] };
  return {
    marketplace: i % 2 === 0 ? 'walmart' : 'amazon',
    externalOrderId: `A-${1000 + i}`,
    status: ORDER_STATUSES[i % ORDER_STATUSES.length],
    orderedAt,
    shipBy: i % 10 === 9 ? null : new Date(orderedAt.getTime() + 48 * HOUR),
    total: 10 + ((i * 37) % 60) + 0.99, // a permutation: every total differs
    onHold: i % 15 === 0,
    buyerName: names[i] ?? `Buyer ${i}`,
    skus: skus[i] ?? [`SKU-${i % 5}-${i}`],
  };
}

function orderB(i: number): Omit<SeededOrder, 'id' | 'orgId' | 'accountId'> {
  return {
    marketplace: 'ebay',
    externalOrderId: `B-${2000 + i}`,
    status: 'unshipped',
    orderedAt: new Date(BASE + i * HOUR),
    shipBy: new Date(BASE + (i + 1) * HOUR),
    total: 50,
    onHold: false,
    // Same searchable values as org A: a search must never reach across.
    buyerName: i === 0 ? 'Buyer 1' : `Other ${i}`,
    skus: i === 0 ? ['WIDGET-BLUE'] : [`B-SKU-${i}`],
  };
}

export async function seedWorld(db: Db, countA = 60, countB = 5): Promise<World> {
  const [ownerA, operatorA, viewerA, ownerB, both, outsider] = await Promise.all(
    ['owner-a', 'operator-a', 'viewer-a', 'owner-b', 'both', 'outsider'].map((n) => createUser(db, `${n}-${crypto.randomUUID()}@example.test`)),
  );
  const orgA = await createOrg(db, 'Org A', [[ownerA, 'owner'], [operatorA, 'operator'], [viewerA, 'viewer'], [both, 'operator']]);
  const orgB = await createOrg(db, 'Org B', [[ownerB, 'owner'], [both, 'viewer']]);

  return runAsService(db, 'tests', async (tx) => {
    const account = async (orgId: string, marketplace: Marketplace, name: string) => {
      const [row] = await tx
        .insert(marketplaceAccounts)
        .values({ orgId, marketplace, displayName: name, externalAccountId: `${name}-${orgId}` })
        .returning({ id: marketplaceAccounts.id });
      return row.id;
    };
    const accountsA = { walmart: await account(orgA, 'walmart', 'Walmart A'), amazon: await account(orgA, 'amazon', 'Amazon A') };
    const accountB = await account(orgB, 'ebay', 'eBay B');

    const insert = async (orgId: string, accountId: (o: { marketplace: Marketplace }) => string, specs: Array<Omit<SeededOrder, 'id' | 'orgId' | 'accountId'>>) => {
      const seeded: SeededOrder[] = [];
      for (const s of specs) {
        const acct = accountId(s);
        const [row] = await tx
          .insert(orders)
          .values({
            orgId,
            marketplaceAccountId: acct,
            marketplace: s.marketplace,
            externalOrderId: s.externalOrderId,
            status: s.status,
            marketplaceStatus: `MP_${s.status.toUpperCase()}`,
            orderedAt: s.orderedAt,
            marketplaceUpdatedAt: s.orderedAt,
            shipBy: s.shipBy,
            subtotal: s.total.toFixed(2),
            total: s.total.toFixed(2),
            itemCount: s.skus.length,
            onHold: s.onHold,
          })
          .returning({ id: orders.id });
        await tx.insert(orderItems).values(
          s.skus.map((sku, k) => ({ orgId, orderId: row.id, lineId: String(k + 1), sku, title: `Item ${sku}`, quantity: k + 1, unitPrice: '4.99' })),
        );
        await tx.insert(orderBuyers).values({
          orderId: row.id,
          orgId,
          name: s.buyerName,
          addressLine1: '1 Harbor Street',
          city: 'Portland',
          region: 'ME',
          postalCode: '04101',
          country: 'US',
          phone: '+1 207 555 0100',
        });
        seeded.push({ ...s, id: row.id, orgId, accountId: acct });
      }
      return seeded;
    };
    const a = await insert(orgA, (o) => (o.marketplace === 'walmart' ? accountsA.walmart : accountsA.amazon), Array.from({ length: countA }, (_, i) => orderA(i)));
    const b = await insert(orgB, () => accountB, Array.from({ length: countB }, (_, i) => orderB(i)));
    return { orgA, orgB, ownerA, operatorA, viewerA, ownerB, both, outsider, accountsA, accountB, a, b };
  });
}
