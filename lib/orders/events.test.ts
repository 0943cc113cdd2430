import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { runAsService, runAsUser } from '@/lib/db/session';
import { orderBuyers, orders, shipments } from '@/lib/db/schema';
import { transition } from '@/lib/shipping/store';
import { backends, type TestDatabase } from '@/tests/support/db';
import { seedWorld, type World } from '@/tests/support/orders-world';
import { listOrderEvents } from './events';
import { setOrderHold } from './hold';

describe.each(backends)('order history (order_events) on $name', (backend) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await backend.open();
    w = await seedWorld(t.database.db, 3, 1);
  });
  afterAll(() => t?.cleanup());

  const events = (orderId: string, who = w.viewerA, orgId = w.orgA) =>
    runAsUser(t.database.db, who, (tx) => listOrderEvents(tx, orgId, orderId));
  const svc = <T>(fn: Parameters<typeof runAsService<T>>[2]) => runAsService(t.database.db, 'tests', fn);

  it('records holds, status changes seen by sync, labels, tracking pushes and anonymization, with who did each', async () => {
    const id = w.a[1].id; // unshipped
    expect((await events(id)).map((e) => e.kind)).toEqual(['first_seen']);

    await runAsUser(t.database.db, w.operatorA, (tx) => setOrderHold(tx, { orgId: w.orgA, orderId: id, userId: w.operatorA.sub, hold: true, reason: 'Call the buyer' }));
    await runAsUser(t.database.db, w.ownerA, (tx) => setOrderHold(tx, { orgId: w.orgA, orderId: id, userId: w.ownerA.sub, hold: false }));

    // A person buys a label (the service path writes it, created_by names them).
    const [label] = await svc((tx) =>
      tx.insert(shipments).values({ orgId: w.orgA, orderId: id, status: 'purchasing', createdBy: w.operatorA.sub }).returning({ id: shipments.id }),
    );
    await svc((tx) => tx.update(shipments).set({ status: 'purchased', carrier: 'usps', serviceLevel: 'Priority Mail', trackingNumber: '9400111' }).where(eq(shipments.id, label.id)));
    // The system pushes tracking; the sync then sees the order shipped.
    await svc((tx) => tx.update(shipments).set({ trackingPushStatus: 'pushed' }).where(eq(shipments.id, label.id)));
    await svc((tx) => tx.update(orders).set({ status: 'shipped', marketplaceStatus: 'SHIPPED' }).where(eq(orders.id, id)));
    // A person voids it through the shipping path; Shippo's answer comes back to the system.
    await transition(t.database.db, label.id, ['purchased'], { status: 'refund_pending' }, { actor: { type: 'user', userId: w.ownerA.sub }, action: 'shipment.void_requested' });
    await transition(t.database.db, label.id, ['refund_pending'], { status: 'refunded' }, { actor: { type: 'system' }, action: 'shipment.refunded' });
    await svc((tx) => tx.update(orderBuyers).set({ anonymizedAt: new Date(), name: null }).where(eq(orderBuyers.orderId, id)));
    // Nothing else that sync rewrites makes an event.
    await svc((tx) => tx.update(orders).set({ total: '1.00', marketplaceUpdatedAt: new Date() }).where(eq(orders.id, id)));

    const seen = (await events(id)).reverse();
    expect(seen.map((e) => [e.kind, e.actor.type === 'user' ? e.actor.email : 'system'])).toEqual([
      ['first_seen', 'system'],
      ['held', w.operatorA.email],
      ['released', w.ownerA.email],
      ['label_bought', w.operatorA.email],
      ['tracking_pushed', 'system'],
      ['status_changed', 'system'],
      ['void_requested', w.ownerA.email],
      ['label_voided', 'system'],
      ['buyer_anonymized', 'system'],
    ]);
    expect(seen.find((e) => e.kind === 'status_changed')!.details).toMatchObject({ from: 'unshipped', to: 'shipped', marketplaceTo: 'SHIPPED' });
    expect(seen.find((e) => e.kind === 'label_bought')!.details).toMatchObject({ carrier: 'usps', trackingNumber: '9400111' });
    // The hold's free-text reason stays out of the history.
    expect(JSON.stringify(seen)).not.toContain('Call the buyer');
  });

  it('is read under RLS: another organization sees nothing, and nobody writes it directly', async () => {
    const id = w.a[1].id;
    expect(await events(id, w.ownerB, w.orgA)).toEqual([]);
    const count = await runAsUser(t.database.db, w.ownerB, async (tx) => (await tx.execute(sql`select count(*)::int as n from public.order_events`)) as unknown);
    expect(JSON.stringify(count)).toContain('"n":0');
  });

  it('a person’s id set by the shipping path does not outlive its change', async () => {
    const id = w.a[2].id;
    const [label] = await svc((tx) => tx.insert(shipments).values({ orgId: w.orgA, orderId: id, status: 'purchased' }).returning({ id: shipments.id }));
    await svc(async (tx) => {
      await transition(t.database.db, label.id, ['purchased'], { status: 'refund_pending' }, { actor: { type: 'user', userId: w.ownerA.sub }, action: 'shipment.void_requested' }, tx);
      await transition(t.database.db, label.id, ['refund_pending'], { status: 'purchased' }, { actor: { type: 'system' }, action: 'shipment.refund_rejected' }, tx);
    });
    const seen = (await events(id)).reverse();
    expect(seen.map((e) => [e.kind, e.actor.type])).toEqual([
      ['first_seen', 'system'],
      ['label_bought', 'system'],
      ['void_requested', 'user'],
      ['void_rejected', 'system'],
    ]);
  });
});
