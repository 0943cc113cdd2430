// Label batches through lib/jobs against the Shippo simulator, on every backend: per-order
// results kept apart (bought / blocked by a rule / address invalid), a retry of the failed ones
// only, and nothing bought twice when a batch runs again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/connect';
import { runAsService, runAsUser } from '@/lib/db/session';
import { orderBuyers, shipments } from '@/lib/db/schema';
import { JobRegistry } from '@/lib/jobs/registry';
import { drainJobs } from '@/lib/jobs/tick';
import { backends } from '@/tests/support/db';
import { getBatch, pickRate, registerLabelBatch, startBatch, throttledForMs } from './batch';
import { listReadyOrders, liveLabelUrls } from './bulk';
import { addRule, ruleInput } from './rule-settings';
import { openShipTestbed } from '@/tests/support/shipping-world';
import type { RateView } from './types';

const rate = (id: string, amount: string, days: number, inTime: boolean | null): RateView => ({
  id, carrier: 'X', service: id, amount, currency: 'USD', estimatedDays: days, arrivesOn: null, arrivesInTime: inTime, cheapest: false, fastest: false,
});

describe('pickRate', () => {
  const rates = [rate('slow-cheap', '5.00', 6, false), rate('mid', '7.00', 3, true), rate('fast', '20.00', 1, true)];
  it('reads how long a 429 asks to wait', () => {
    expect(throttledForMs({ outcome: 'failed', message: 'Shippo is limiting requests. Nothing was bought; try again in 7 seconds.' })).toBe(7000);
    expect(throttledForMs({ outcome: 'failed', message: 'Shippo could not buy this label' })).toBeNull();
  });

  it('picks by the batch rule', () => {
    expect(pickRate(rates, 'cheapest')?.id).toBe('slow-cheap');
    expect(pickRate(rates, 'cheapest_in_time')?.id).toBe('mid');
    expect(pickRate(rates, 'fastest')?.id).toBe('fast');
    expect(pickRate([rates[0]], 'cheapest_in_time')).toBeNull();
  });
});

describe.each(backends)('label batches on $name', (backend) => {
  let bed: Awaited<ReturnType<typeof openShipTestbed>>;
  const registry = new JobRegistry();
  beforeAll(async () => {
    bed = await openShipTestbed(backend, 5);
    registerLabelBatch(registry, () => bed.deps.shippo);
  });
  afterAll(() => bed?.close());
  const drain = () => drainJobs({ db: bed.t.database.db, registry, kinds: ['label_batch'], budgetMs: 60_000 });
  const start = (orderIds: string[]) =>
    startBatch(bed.t.database.db, bed.w.operator, bed.w.orgId, { orderIds, rule: 'cheapest_in_time', presetId: bed.w.presetId, shipFromId: '' }, registry);

  it('does not offer orders with no address to ship to (anonymized, or never shared)', async () => {
    const { w, t } = bed;
    class Undo extends Error {}
    await t.database.db
      .transaction(async (tx) => {
        const before = await listReadyOrders(tx, w.orgId);
        const [anonymized, unshared] = before.map((o) => o.id);
        await tx.update(orderBuyers).set({ anonymizedAt: new Date(), name: null, addressLine1: null }).where(eq(orderBuyers.orderId, anonymized));
        await tx.delete(orderBuyers).where(eq(orderBuyers.orderId, unshared));
        const after = (await listReadyOrders(tx, w.orgId)).map((o) => o.id);
        expect(after).toHaveLength(before.length - 2);
        expect(after).not.toContain(anonymized);
        expect(after).not.toContain(unshared);
        throw new Undo();
      })
      .catch((e) => {
        if (!(e instanceof Undo)) throw e;
      });
  });

  it('buys what it can, keeps each order’s reason, retries only the failed ones, never buys twice', async () => {
    const { w, t, sim } = bed;
    const db = t.database.db;
    const ready = await runAsUser(db, w.viewer, (tx) => listReadyOrders(tx, w.orgId));
    expect(new Set(ready.map((o) => o.id))).toEqual(new Set([...w.ready, w.badZip]));
    // One order goes to a PO box, which the merchant's rule blocks.
    await runAsService(db, 'tests', (tx) => tx.update(orderBuyers).set({ addressLine1: 'PO Box 881', addressLine2: null }).where(eq(orderBuyers.orderId, w.ready[4])));
    await runAsUser(db, w.owner, (tx) => addRule(tx, { userId: w.owner.sub }, w.orgId, ruleInput.parse({ name: 'No PO boxes', effect: 'block', kind: 'po_box', message: 'We ship by courier only.' })));
    expect(await startBatch(db, w.viewer, w.orgId, { orderIds: [w.ready[0]], rule: 'cheapest', presetId: w.presetId, shipFromId: '' }, registry)).toMatchObject({ ok: false, message: expect.stringMatching(/Viewers can't/) });

    // Purchases of ready[3] fail with a 503 before Shippo does anything: unconfirmed, retried later.
    sim.svc.faults = { rate503: 1, pathPattern: /^\/transactions/ };
    const ids = [w.ready[0], w.ready[1], w.badZip, w.ready[4], w.onHold];
    const first = await start(ids);
    expect(first.ok).toBe(true);
    await drain();
    sim.svc.faults = {};
    const one = await getBatch(db, w.viewer, (first as { jobId: string }).jobId);
    expect(one?.status).toBe('done');
    const outcomes = Object.fromEntries(Object.entries(one!.results).map(([k, v]) => [k, v.outcome]));
    expect(outcomes).toEqual({
      [w.ready[0]]: 'unconfirmed', [w.ready[1]]: 'unconfirmed', [w.badZip]: 'address_invalid', [w.ready[4]]: 'blocked', [w.onHold]: 'failed',
    });
    expect(one!.results[w.ready[4]].message).toMatch(/We ship by courier only/);
    expect(sim.svc.world.transactions.byId.size).toBe(0);

    // Retry the failed ones: the unconfirmed purchases are reconciled and bought once.
    const retry = await start([w.ready[0], w.ready[1]]);
    await drain();
    const two = await getBatch(db, w.viewer, (retry as { jobId: string }).jobId);
    expect(Object.values(two!.results).map((r) => r.outcome)).toEqual(['bought', 'bought']);
    // A third run over the same orders buys nothing more.
    const again = await start([w.ready[0], w.ready[1]]);
    await drain();
    const three = await getBatch(db, w.viewer, (again as { jobId: string }).jobId);
    expect(Object.values(three!.results).map((r) => r.outcome)).toEqual(['failed', 'failed']);
    const rows = await runAsService(db, 'tests', (tx) => tx.select().from(shipments));
    expect(rows.filter((r) => r.status === 'purchased')).toHaveLength(2);
    // Each label bought in bulk queued exactly one tracking push (issue 11), none for the others.
    const pushes = rowsOf<{ id: string }>(await db.execute(sql`select payload->>'shipmentId' as id from public.jobs where kind = 'tracking_push'`)).map((r) => r.id);
    expect(pushes.sort()).toEqual(rows.filter((r) => r.status === 'purchased').map((r) => r.id).sort());
    expect([...sim.svc.world.transactions.byId.values()].filter((x) => x.outcome.kind === 'success')).toHaveLength(2);
    expect(JSON.stringify([one, two, three])).not.toMatch(/Maria|Maple|PO Box 881/);
    // Labelled orders leave the list of orders ready to ship.
    const left = await runAsUser(db, w.viewer, (tx) => listReadyOrders(tx, w.orgId));
    expect(left.map((o) => o.id)).not.toContain(w.ready[0]);
    expect(await runAsUser(db, w.viewer, (tx) => liveLabelUrls(tx, w.orgId, rows.map((r) => r.id)))).toHaveLength(2);
  });
});
