// Label batches through lib/jobs against the Shippo simulator, on every backend: per-order
// results kept apart (bought / blocked by a rule / address invalid), a retry of the orders without
// a label only (after the seller fixed them), and nothing bought twice when a batch runs again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/connect';
import { runAsService, runAsUser } from '@/lib/db/session';
import { orderBuyers, shipments } from '@/lib/db/schema';
import { JobRegistry } from '@/lib/jobs/registry';
import { drainJobs } from '@/lib/jobs/tick';
import { backends } from '@/tests/support/db';
import { getBatch, pickRate, registerLabelBatch, retryBatch, startBatch, throttledForMs } from './batch';
import { correctShipTo, shipToInput } from './address-fix';
import { listReadyOrders, liveLabelUrls } from './bulk';
import { addRule, deleteRuleOrDefault, listRules, ruleInput } from './rule-settings';
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
    expect(throttledForMs({ outcome: 'unconfirmed', message: 'Shippo did not confirm', retryInMs: 3000 })).toBe(3000);
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

  it('buys what it can, keeps each order’s reason, retries only the orders without a label, never buys twice', async () => {
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

    // While a batch still runs, it cannot be retried.
    const running = await start([w.onHold]);
    expect(await retryBatch(db, w.operator, (running as { jobId: string }).jobId, registry)).toEqual({ ok: false, message: expect.stringMatching(/still running/) });
    await drain();

    // The seller corrects the address and drops the rule, then retries every order without a
    // label: the unconfirmed purchases are reconciled and bought once, the corrected address and
    // the unblocked order are bought, the order on hold is refused again.
    await runAsUser(db, w.operator, (tx) => correctShipTo(tx, w.operator.sub, w.badZip, shipToInput.parse({ street1: '4120 Maple Dr', street2: 'Apt 12B', city: 'Austin', state: 'TX', zip: '78745' })));
    const [rule] = await runAsUser(db, w.owner, (tx) => listRules(tx, w.orgId));
    await runAsUser(db, w.owner, (tx) => deleteRuleOrDefault(tx, { userId: w.owner.sub }, w.orgId, 'rule', rule.id));
    expect(await retryBatch(db, w.viewer, (first as { jobId: string }).jobId, registry)).toMatchObject({ ok: false, message: expect.stringMatching(/Viewers can't/) });
    const retry = await retryBatch(db, w.operator, (first as { jobId: string }).jobId, registry);
    await drain();
    const two = await getBatch(db, w.viewer, (retry as { jobId: string }).jobId);
    expect(two!.payload.retryOf).toBe((first as { jobId: string }).jobId);
    expect(Object.fromEntries(Object.entries(two!.results).map(([k, v]) => [k, v.outcome]))).toEqual({
      [w.ready[0]]: 'bought', [w.ready[1]]: 'bought', [w.badZip]: 'bought', [w.ready[4]]: 'bought', [w.onHold]: 'failed',
    });
    // Retrying that batch takes only the order still without a label.
    const onlyHeld = await retryBatch(db, w.operator, (retry as { jobId: string }).jobId, registry);
    await drain();
    const held = await getBatch(db, w.viewer, (onlyHeld as { jobId: string }).jobId);
    expect(held!.payload.orderIds).toEqual([w.onHold]);
    // A run over orders already labelled buys nothing more.
    const again = await start([w.ready[0], w.ready[1]]);
    await drain();
    const three = await getBatch(db, w.viewer, (again as { jobId: string }).jobId);
    expect(Object.values(three!.results).map((r) => r.outcome)).toEqual(['failed', 'failed']);
    const rows = await runAsService(db, 'tests', (tx) => tx.select().from(shipments));
    expect(rows.filter((r) => r.status === 'purchased')).toHaveLength(4);
    // Each label bought in bulk queued exactly one tracking push (issue 11), none for the others.
    const pushes = rowsOf<{ id: string }>(await db.execute(sql`select payload->>'shipmentId' as id from public.jobs where kind = 'tracking_push'`)).map((r) => r.id);
    expect(pushes.sort()).toEqual(rows.filter((r) => r.status === 'purchased').map((r) => r.id).sort());
    expect([...sim.svc.world.transactions.byId.values()].filter((x) => x.outcome.kind === 'success')).toHaveLength(4);
    expect(JSON.stringify([one, two, held, three])).not.toMatch(/Maria|Maple|PO Box 881/);
    // Labelled orders leave the list of orders ready to ship.
    const left = await runAsUser(db, w.viewer, (tx) => listReadyOrders(tx, w.orgId));
    expect(left.map((o) => o.id)).not.toContain(w.ready[0]);
    expect(await runAsUser(db, w.viewer, (tx) => liveLabelUrls(tx, w.orgId, rows.map((r) => r.id)))).toHaveLength(4);
  });

  it('settles passing faults itself: a 5xx before the purchase, a 429 on the look-up; one label each, no person retry', async () => {
    const { w, t, sim } = bed;
    const db = t.database.db;
    // The first two purchases are refused with a 503 (nothing bought); the second look-up of
    // Shippo's transactions is throttled, with Retry-After.
    const labels = () => [...sim.svc.world.transactions.byId.values()].filter((x) => x.outcome.kind === 'success').length;
    const before = labels();
    const real = sim.svc.handle.bind(sim.svc);
    let posts = 0;
    let lists = 0;
    let throttledAt = 0;
    let nextListAt = 0;
    sim.svc.handle = async (req: Request) => {
      const path = new URL(req.url).pathname;
      if (req.method === 'GET' && path === '/transactions' && throttledAt && !nextListAt) nextListAt = performance.now();
      if (req.method === 'POST' && path === '/transactions' && ++posts <= 2) return sim.svc.faultResponse('unavailable');
      if (req.method === 'GET' && path === '/transactions' && ++lists === 2) {
        throttledAt = performance.now();
        return new Response(JSON.stringify({ detail: 'Request was throttled. Expected available in 1 second.' }), { status: 429, headers: { 'content-type': 'application/json', 'retry-after': '1' } });
      }
      return real(req);
    };
    try {
      const job = await start([w.ready[2], w.ready[3]]);
      await drain();
      const done = await getBatch(db, w.viewer, (job as { jobId: string }).jobId);
      expect(done?.status).toBe('done');
      expect(Object.values(done!.results).map((r) => r.outcome)).toEqual(['bought', 'bought']);
      expect(JSON.stringify(done)).not.toMatch(/retryInMs/);
    } finally {
      sim.svc.handle = real;
    }
    expect(posts).toBe(4); // two refused, one purchase each after a look-up found nothing
    // The throttled look-up was asked again only after the second Shippo asked for.
    expect(nextListAt - throttledAt).toBeGreaterThanOrEqual(950);
    expect(labels() - before).toBe(2);
  });
});
