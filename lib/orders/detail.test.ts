import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runAsService, runAsUser } from '@/lib/db/session';
import { orderBuyers } from '@/lib/db/schema';
import { backends, type TestDatabase } from '@/tests/support/db';
import { findOrderOrgId, getOrder } from './detail';
import { NOW, seedWorld, type World } from '@/tests/support/orders-world';

describe.each(backends)('getOrder on $name', (backend) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await backend.open();
    w = await seedWorld(t.database.db, 6, 2);
  });
  afterAll(() => t?.cleanup());

  it('returns the order with items, buyer and account', async () => {
    const o = w.a[4];
    const detail = await runAsUser(t.database.db, w.viewerA, (tx) => getOrder(tx, w.orgA, o.id, NOW));
    expect(detail).toMatchObject({
      id: o.id,
      orgId: w.orgA,
      externalOrderId: 'A-1004',
      marketplace: 'walmart',
      status: o.status,
      account: { id: w.accountsA.walmart, name: 'Walmart A', status: 'active' },
      total: o.total,
      late: false,
      hold: { onHold: false, reason: null, heldAt: null, heldByEmail: null },
      buyer: {
        anonymized: false,
        name: 'Buyer 4',
        addressLines: ['1 Harbor Street'],
        city: 'Portland',
        region: 'ME',
        postalCode: '04101',
        country: 'US',
        phone: '+1 207 555 0100',
      },
    });
    expect(detail!.items.map((i) => [i.sku, i.quantity, i.unitPrice, i.lineTotal])).toEqual([
      ['WIDGET-BLUE-XL', 1, 4.99, 4.99],
      ['CABLE-1', 2, 4.99, 9.98],
    ]);
  });

  it('shows an anonymized buyer as anonymized, without the old fields', async () => {
    const o = w.a[1];
    await runAsService(t.database.db, 'tests', (tx) =>
      tx.update(orderBuyers).set({ name: null, addressLine1: null, phone: null, anonymizedAt: NOW }).where(eq(orderBuyers.orderId, o.id)),
    );
    const detail = await runAsUser(t.database.db, w.ownerA, (tx) => getOrder(tx, w.orgA, o.id, NOW));
    // When, and the region kept for reports; none of the old fields.
    expect(detail!.buyer).toEqual({ anonymized: true, anonymizedAt: NOW, region: expect.anything(), country: expect.anything() });
    expect(Object.keys(detail!.buyer!).sort()).toEqual(['anonymized', 'anonymizedAt', 'country', 'region']);
  });

  it('is null for another organization, a missing or a malformed id', async () => {
    const other = w.b[0];
    const as = (fn: Parameters<typeof runAsUser>[2]) => runAsUser(t.database.db, w.ownerA, fn);
    expect(await as((tx) => getOrder(tx, w.orgB, other.id))).toBeNull(); // RLS
    expect(await as((tx) => getOrder(tx, w.orgA, other.id))).toBeNull(); // explicit org filter
    expect(await as((tx) => getOrder(tx, w.orgA, crypto.randomUUID()))).toBeNull();
    expect(await as((tx) => getOrder(tx, w.orgA, 'not-a-uuid'))).toBeNull();
    expect(await as((tx) => getOrder(tx, 'x', w.a[0].id))).toBeNull();
    expect(await as((tx) => getOrder(tx, w.orgA, "'; drop table orders; --"))).toBeNull();
    // Even the service path filters by the organization it is given.
    expect(await runAsService(t.database.db, 'tests', (tx) => getOrder(tx, w.orgA, other.id))).toBeNull();
  });

  it("finds an order's organization only for its members", async () => {
    const find = (user: World['ownerA'], id: string) => runAsUser(t.database.db, user, (tx) => findOrderOrgId(tx, id));
    expect(await find(w.ownerA, w.a[0].id)).toBe(w.orgA);
    expect(await find(w.ownerA, w.b[0].id)).toBeNull();
    expect(await find(w.outsider, w.a[0].id)).toBeNull();
    expect(await find(w.ownerA, 'nope')).toBeNull();
    // A member of several organizations reaches each one's orders.
    expect(await find(w.both, w.a[0].id)).toBe(w.orgA);
    expect(await find(w.both, w.b[0].id)).toBe(w.orgB);
    expect(await runAsUser(t.database.db, w.both, (tx) => getOrder(tx, w.orgB, w.b[0].id))).toMatchObject({ externalOrderId: 'B-2000' });
  });
});
