// One organization ready to ship, for the shipping tests and the benchmark: an owner, an
// operator and a viewer, a ship-from location and a package, and orders whose ship-to address
// the Shippo simulator accepts (and a few it must refuse), written as the sync would write them.
import type { Db } from '@/lib/db/connect';
import { runAsService, type Claims } from '@/lib/db/session';
import { marketplaceAccounts, orderBuyers, orderItems, orders, packagePresets, shipFromLocations } from '@/lib/db/schema';
import { type OrderStatus } from '@/lib/model';
import { FROM, KEY, startShippo, TO } from '@/sandbox/shippo/testkit';
import type { Backend } from '@/tests/support/db';
import type { ShippingDeps } from '@/lib/shipping/purchase';
import { shippoClient } from '@/lib/shipping/shippo';
import { createOrg, createUser } from '@/tests/support/fixtures';

export interface ShipWorld {
  orgId: string;
  owner: Claims;
  operator: Claims;
  viewer: Claims;
  outsider: Claims;
  from: typeof FROM;
  presetId: string;
  parcel: { lengthIn: number; widthIn: number; heightIn: number; weightOz: number };
  /** Orders by what they are for; `ready` are plain unshipped orders with a good address. */
  ready: string[];
  onHold: string;
  shipped: string;
  cancelled: string;
  badZip: string;
  outsiderOrder: string;
}

export async function seedShipWorld(db: Db, readyCount = 6): Promise<ShipWorld> {
  const [owner, operator, viewer, outsider] = await Promise.all([1, 2, 3, 4].map(() => createUser(db)));
  const orgId = await createOrg(db, 'Ships Ltd', [[owner, 'owner'], [operator, 'operator'], [viewer, 'viewer']]);
  const otherOrg = await createOrg(db, 'Other Ltd', [[outsider, 'owner']]);
  return runAsService(db, 'tests', async (tx) => {
    const account = async (org: string) =>
      (await tx.insert(marketplaceAccounts).values({ orgId: org, marketplace: 'walmart', displayName: 'W', externalAccountId: `w-${org}` }).returning())[0].id;
    const acct = await account(orgId);
    const otherAcct = await account(otherOrg);
    let n = 0;
    const order = async (o: { org?: string; acct?: string; status?: OrderStatus; onHold?: boolean; zip?: string }) => {
      const [row] = await tx
        .insert(orders)
        .values({
          orgId: o.org ?? orgId, marketplaceAccountId: o.acct ?? acct, marketplace: 'walmart', externalOrderId: `S-${++n}-${crypto.randomUUID().slice(0, 8)}`,
          status: o.status ?? 'unshipped', marketplaceStatus: 'Created', orderedAt: new Date(), marketplaceUpdatedAt: new Date(),
          deliverBy: new Date(Date.now() + 5 * 86_400_000), total: '25.00', itemCount: 1, onHold: o.onHold ?? false,
        })
        .returning();
      await tx.insert(orderItems).values({ orgId: row.orgId, orderId: row.id, lineId: '1', sku: 'MUG-1', quantity: 1, unitPrice: '25.00' });
      await tx.insert(orderBuyers).values({
        orderId: row.id, orgId: row.orgId, name: TO.name, addressLine1: TO.street1, addressLine2: TO.street2, city: TO.city, region: TO.state,
        postalCode: o.zip ?? TO.zip, country: 'US',
      });
      return row.id;
    };
    const ready: string[] = [];
    for (let i = 0; i < readyCount; i++) ready.push(await order({}));
    await tx.insert(shipFromLocations).values({ orgId, ...FROM, name: 'Portland', isDefault: true });
    const [preset] = await tx.insert(packagePresets).values({ orgId, name: 'Small box', lengthIn: '10', widthIn: '8', heightIn: '4', weightOz: '24' }).returning();
    return {
      orgId, owner, operator, viewer, outsider, from: FROM, presetId: preset.id, parcel: { lengthIn: 10, widthIn: 8, heightIn: 4, weightOz: 24 }, ready,
      onHold: await order({ onHold: true }),
      shipped: await order({ status: 'shipped' }),
      cancelled: await order({ status: 'cancelled' }),
      badZip: await order({ zip: '10001' }), // a New York ZIP for an Austin, TX address
      outsiderOrder: await order({ org: otherOrg, acct: otherAcct }),
    };
  });
}

/** A fresh database (one backend), the Shippo simulator without rate limits, and a seeded world. */
export async function openShipTestbed(backend: Backend, readyCount: number) {
  const t = await backend.open();
  const sim = await startShippo({ rateLimits: false });
  const w = await seedShipWorld(t.database.db, readyCount);
  const deps: ShippingDeps = { db: t.database.db, shippo: shippoClient({ baseUrl: sim.url, apiKey: KEY }) };
  return {
    t, sim, w, deps,
    async close() {
      await sim.close();
      await t.cleanup();
    },
  };
}
