// Voiding labels against the Shippo simulator, on every backend: refund pending → refunded (the
// order can be labelled again) or rejected (the label is live again); one refund per label;
// viewers cannot void.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runAsService, runAsUser } from '@/lib/db/session';
import { shipments } from '@/lib/db/schema';
import type { Sim } from '@/sandbox/shippo/testkit';
import { backends, type TestDatabase } from '@/tests/support/db';
import { buyLabel, type ShippingDeps } from './purchase';
import { quoteForOrder } from './quote';
import { refreshRefund, voidLabel } from './refund';
import { loadShippable } from './shippable';
import { openShipTestbed, type ShipWorld } from '@/tests/support/shipping-world';

describe.each(backends)('voiding labels on $name', (backend) => {
  let bed: Awaited<ReturnType<typeof openShipTestbed>>;
  let t: TestDatabase;
  let sim: Sim;
  let w: ShipWorld;
  let deps: ShippingDeps;
  beforeAll(async () => {
    bed = await openShipTestbed(backend, 3);
    ({ t, sim, w, deps } = bed);
  });
  afterAll(() => bed?.close());

  const bought = async (orderId: string) => {
    const q = await quoteForOrder(deps, w.operator, { orderId, shipFromId: null, presetId: w.presetId });
    if (!q.ok) throw new Error(q.message);
    const out = await buyLabel(deps, w.operator, { orderId, rateId: q.quote.rates[0].id });
    if (!out.ok) throw new Error(out.message);
    return out.shipmentId;
  };
  const status = async (id: string) => (await runAsService(t.database.db, 'tests', (tx) => tx.select().from(shipments).where(eq(shipments.id, id))))[0].status;

  it('void → refund pending → refunded; one refund for two clicks; then the order can be labelled again', async () => {
    const orderId = w.ready[0];
    const id = await bought(orderId);
    expect(await voidLabel(deps, w.viewer, id)).toMatchObject({ ok: false, message: expect.stringMatching(/Viewers can't/) });
    expect(await voidLabel(deps, w.outsider, id)).toMatchObject({ ok: false, message: expect.stringMatching(/no longer exists/) });
    const [a, b] = await Promise.all([voidLabel(deps, w.operator, id), voidLabel(deps, w.operator, id)]);
    expect([a, b].filter((x) => x.ok)).toEqual([expect.objectContaining({ status: 'refund_pending' })]);
    expect(sim.svc.world.refunds.byId.size).toBe(1);
    expect(await status(id)).toBe('refund_pending');
    // Still the active label until Shippo answers.
    expect(await runAsUser(t.database.db, w.operator, (tx) => loadShippable(tx, orderId, w.operator.sub))).toMatchObject({ ok: false, refusal: 'labelled' });
    expect(await refreshRefund(deps, id)).toMatchObject({ status: 'refund_pending' });
    sim.clock.advance(16 * 60_000);
    expect(await refreshRefund(deps, id)).toMatchObject({ ok: true, status: 'refunded' });
    expect(await status(id)).toBe('refunded');
    expect(await runAsUser(t.database.db, w.operator, (tx) => loadShippable(tx, orderId, w.operator.sub))).toMatchObject({ ok: true });
    await bought(orderId); // relabel
  });

  it('a refund the carrier rejects puts the label back to purchased with the reason', async () => {
    const id = await bought(w.ready[1]);
    sim.clock.advance(21 * 3_600_000); // scanned: Shippo rejects refunds from 20 h on
    expect(await voidLabel(deps, w.operator, id)).toMatchObject({ ok: true });
    sim.clock.advance(16 * 60_000);
    expect(await refreshRefund(deps, id)).toMatchObject({ ok: true, status: 'purchased', message: expect.stringMatching(/refused the refund/) });
    expect(await status(id)).toBe('purchased');
    expect(await voidLabel(deps, w.operator, 'a0000000-0000-4000-8000-000000000000')).toMatchObject({ ok: false });
  });
});
