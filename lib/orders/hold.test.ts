import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { pgErrorCode } from '@/lib/db/connect';
import { runAsService, runAsUser, type Claims } from '@/lib/db/session';
import { auditEvents, orders } from '@/lib/db/schema';
import { backends, type TestDatabase } from '@/tests/support/db';
import { getOrder } from './detail';
import { setOrderHold } from './hold';
import { seedWorld, type World } from '@/tests/support/orders-world';

describe.each(backends)('setOrderHold on $name', (backend) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await backend.open();
    // 8 orders: a[3] shipped, a[4] delivered, a[5] cancelled, a[6] pending (see orders-world).
    w = await seedWorld(t.database.db, 8, 1);
  });
  afterAll(() => t?.cleanup());

  const row = (id: string) =>
    runAsService(t.database.db, 'tests', async (tx) => (await tx.select().from(orders).where(eq(orders.id, id)))[0]);
  const audits = (id: string) =>
    runAsService(t.database.db, 'tests', (tx) =>
      tx.select().from(auditEvents).where(and(eq(auditEvents.targetType, 'order'), eq(auditEvents.targetId, id))).orderBy(auditEvents.createdAt),
    );
  const hold = (user: Claims, orgId: string, orderId: string, on: boolean, reason?: string) =>
    runAsUser(t.database.db, user, (tx) => setOrderHold(tx, { orgId, orderId, userId: user.sub, hold: on, reason }));

  it('lets an operator hold and release an order, auditing both without the reason text', async () => {
    const id = w.a[1].id;
    expect(await hold(w.operatorA, w.orgA, id, true, '  Buyer asked to change the address  ')).toEqual({ ok: true });
    const held = await row(id);
    expect(held).toMatchObject({ onHold: true, holdReason: 'Buyer asked to change the address', heldBy: w.operatorA.sub });
    expect(held.heldAt).toBeInstanceOf(Date);
    const detail = await runAsUser(t.database.db, w.viewerA, (tx) => getOrder(tx, w.orgA, id));
    expect(detail!.hold).toMatchObject({ onHold: true, reason: 'Buyer asked to change the address', heldByEmail: w.operatorA.email });

    // Same state again: nothing to change, nothing to audit.
    expect(await hold(w.operatorA, w.orgA, id, true, 'Buyer asked to change the address')).toEqual({ ok: true });

    expect(await hold(w.ownerA, w.orgA, id, false)).toEqual({ ok: true });
    expect(await row(id)).toMatchObject({ onHold: false, holdReason: null, heldBy: null, heldAt: null });

    const trail = await audits(id);
    expect(trail.map((e) => [e.action, e.actorType, e.actorUserId, e.orgId])).toEqual([
      ['order.held', 'user', w.operatorA.sub, w.orgA],
      ['order.released', 'user', w.ownerA.sub, w.orgA],
    ]);
    expect(JSON.stringify(trail)).not.toMatch(/address|Buyer/i);
  });

  it("refuses a viewer and leaves the row unchanged; Postgres refuses the viewer's UPDATE too", async () => {
    const id = w.a[2].id;
    const before = await row(id);
    expect(await hold(w.viewerA, w.orgA, id, true, 'no')).toEqual({ ok: false, reason: 'forbidden' });
    expect(await row(id)).toEqual(before);
    // A member of both organizations who is only a viewer in B.
    expect(await hold(w.both, w.orgB, w.b[0].id, true)).toEqual({ ok: false, reason: 'forbidden' });
    expect(await audits(id)).toEqual([]);

    // Without the app's check: the policy matches no row (or the grant refuses it).
    const direct = await runAsUser(t.database.db, w.viewerA, async (tx) => {
      try {
        // In a savepoint: a refused statement must not abort the test's transaction.
        return await tx.transaction(async (sp) => (await sp.update(orders).set({ onHold: true }).where(eq(orders.id, id)).returning({ id: orders.id })).length);
      } catch (e) {
        return pgErrorCode(e);
      }
    });
    expect([0, '42501']).toContain(direct);
    // Columns outside the grant are refused for everyone, operators included.
    const total = await runAsUser(t.database.db, w.operatorA, async (tx) => {
      try {
        await tx.transaction((sp) => sp.update(orders).set({ total: '0' }).where(eq(orders.id, id)));
        return 'updated';
      } catch (e) {
        return pgErrorCode(e);
      }
    });
    expect(total).toBe('42501');
    expect(await row(id)).toEqual(before);
  });

  it('is not_found across organizations, for outsiders and for bad ids', async () => {
    const other = w.b[0].id;
    expect(await hold(w.operatorA, w.orgA, other, true)).toEqual({ ok: false, reason: 'not_found' });
    expect(await hold(w.operatorA, w.orgB, other, true)).toEqual({ ok: false, reason: 'not_found' });
    expect(await hold(w.outsider, w.orgA, w.a[0].id, true)).toEqual({ ok: false, reason: 'not_found' });
    expect(await hold(w.operatorA, w.orgA, 'garbage', true)).toEqual({ ok: false, reason: 'not_found' });
    expect((await row(other)).onHold).toBe(false);
    expect((await row(w.a[0].id)).onHold).toBe(w.a[0].onHold);
  });

  it('rejects a reason over 500 characters', async () => {
    await expect(hold(w.operatorA, w.orgA, w.a[6].id, true, 'x'.repeat(501))).rejects.toThrow(RangeError);
    expect(await hold(w.operatorA, w.orgA, w.a[6].id, true, 'x'.repeat(500))).toEqual({ ok: true });
  });

  it('holds only open orders: shipped, delivered and cancelled ones are refused, by the app and by Postgres', async () => {
    for (const o of [w.a[3], w.a[4], w.a[5]]) {
      expect(['shipped', 'delivered', 'cancelled']).toContain(o.status);
      const before = await row(o.id);
      expect(await hold(w.operatorA, w.orgA, o.id, true, 'Wait'), o.status).toEqual({ ok: false, reason: 'not_open' });
      expect(await row(o.id)).toEqual(before);
      expect(await audits(o.id)).toEqual([]);
      const direct = await runAsUser(t.database.db, w.operatorA, async (tx) => {
        try {
          await tx.transaction((sp) => sp.update(orders).set({ onHold: true }).where(eq(orders.id, o.id)));
          return 'updated';
        } catch (e) {
          return pgErrorCode(e);
        }
      });
      expect(direct, o.status).toBe('23514');
    }
  });

  it('a hold placed before the order shipped can still be released', async () => {
    const id = w.a[7].id;
    expect(await hold(w.operatorA, w.orgA, id, true)).toEqual({ ok: true });
    await runAsService(t.database.db, 'tests', (tx) => tx.update(orders).set({ status: 'shipped' }).where(eq(orders.id, id)));
    expect(await hold(w.operatorA, w.orgA, id, false)).toEqual({ ok: true });
    expect((await row(id)).onHold).toBe(false);
  });
});
