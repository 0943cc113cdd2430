// A ship-to address an operator corrected survives later syncs, on every backend: the
// marketplace's newer copy of the order still carries the old address, and the buyer's other
// fields (name, phone) still follow the marketplace. An order never corrected takes the copy.
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsService, runAsUser } from '@/lib/db/session';
import { orderBuyers, orders } from '@/lib/db/schema';
import type { NormalizedOrder } from '@/lib/marketplaces/types';
import { upsertOrders } from '@/lib/sync/upsert-orders';
import { backends } from '@/tests/support/db';
import { openShipTestbed } from '@/tests/support/shipping-world';
import { correctShipTo, shipToInput } from './address-fix';

describe.each(backends)('a corrected ship-to address on $name', (backend) => {
  let bed: Awaited<ReturnType<typeof openShipTestbed>>;
  beforeAll(async () => {
    bed = await openShipTestbed(backend, 1);
  });
  afterAll(() => bed?.close());

  it('correct → sync a newer copy with the old address → the correction is kept', async () => {
    const { w, t } = bed;
    const db = t.database.db;
    const fix = shipToInput.parse({ street1: '4120 Maple Dr', street2: 'Apt 12B', city: 'Austin', state: 'TX', zip: '78745' });
    expect(await runAsUser(db, w.operator, (tx) => correctShipTo(tx, w.operator.sub, w.badZip, fix))).toBe('ok');

    const rows = await runAsService(db, 'tests', (tx) => tx.select().from(orders).where(inArray(orders.id, [w.badZip, w.ready[0]])));
    const copy = (o: (typeof rows)[number]): NormalizedOrder => ({
      externalOrderId: o.externalOrderId, status: 'unshipped', marketplaceStatus: 'Acknowledged', orderedAt: o.orderedAt,
      updatedAt: new Date(o.marketplaceUpdatedAt.getTime() + 60_000), shipBy: null, deliverBy: null, shippedAt: null, deliveredAt: null,
      cancelledAt: null, currency: 'USD', subtotal: '25.00', shippingTotal: '0.00', taxTotal: '0.00', total: '25.00',
      items: [{ lineId: '1', sku: 'MUG-1', title: 'Mug', quantity: 1, quantityShipped: 0, unitPrice: '25.00', marketplaceStatus: 'Acknowledged' }],
      buyer: {
        buyerRef: 'b-1', name: 'Maria G. Garcia', addressLine1: '4120 Maple Dr', addressLine2: 'Apt 12B', addressLine3: null,
        city: 'Austin', region: 'TX', postalCode: '10001', country: 'US', phone: '5125550100', email: null,
      },
    });
    const written = await runAsService(db, 'tests', (tx) =>
      upsertOrders(tx, { orgId: w.orgId, accountId: rows[0].marketplaceAccountId, marketplace: 'walmart' }, rows.map(copy)),
    );
    expect(written).toEqual({ written: 2 });
    const buyer = async (id: string) => (await runAsService(db, 'tests', (tx) => tx.select().from(orderBuyers).where(eq(orderBuyers.orderId, id))))[0];
    expect(await buyer(w.badZip)).toMatchObject({ postalCode: '78745', addressLine1: '4120 Maple Dr', name: 'Maria G. Garcia', phone: '5125550100', addressCorrectedAt: expect.any(Date) });
    // Never corrected: the marketplace's copy is taken as it comes.
    expect(await buyer(w.ready[0])).toMatchObject({ postalCode: '10001', name: 'Maria G. Garcia', addressCorrectedAt: null });
  });
});
