// Buying labels exactly once, against the Shippo simulator over real HTTP, on every backend:
// the happy path, double clicks, every unclear answer (timeout after the label was created,
// dropped/truncated answers, 5xx, malformed bodies) reconciled to one label, and bad input that
// buys nothing and leaves nothing half-written.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runAsService, type Claims } from '@/lib/db/session';
import { auditEvents, shipments } from '@/lib/db/schema';
import { startService, type RunningService } from '@/sandbox/core/server';
import { fixedClock } from '@/sandbox/core/clock';
import { ShippoSandbox } from '@/sandbox/shippo';
import { KEY, T0 } from '@/sandbox/shippo/testkit';
import { backends, type TestDatabase } from '@/tests/support/db';
import { buyLabel, resolveShipment, type ShippingDeps } from './purchase';
import { quoteForOrder } from './quote';
import { REFUSALS } from './shippable';
import { shippoClient } from './shippo';
import { seedShipWorld, type ShipWorld } from '@/tests/support/shipping-world';

/** The simulator, able to hold its answer to POST /transactions after the label was created. */
class SlowShippo extends ShippoSandbox {
  holdTransactionMs = 0;
  async handle(req: Request): Promise<Response> {
    const res = await super.handle(req);
    if (this.holdTransactionMs && req.method === 'POST' && new URL(req.url).pathname === '/transactions') {
      await new Promise((r) => setTimeout(r, this.holdTransactionMs));
    }
    return res;
  }
}

describe.each(backends)('buying labels exactly once on $name', (backend) => {
  let t: TestDatabase;
  let svc: SlowShippo;
  let run: RunningService;
  let w: ShipWorld;
  let deps: ShippingDeps;
  let next = 0;

  beforeAll(async () => {
    t = await backend.open();
    svc = new SlowShippo({ clock: fixedClock(T0), keys: [KEY], rateLimits: false });
    run = await startService(svc, { port: 0 });
    w = await seedShipWorld(t.database.db, 20);
    deps = { db: t.database.db, shippo: shippoClient({ baseUrl: run.url, apiKey: KEY, timeoutMs: 1500 }) };
  });
  afterAll(async () => {
    await run?.close();
    await t?.cleanup();
  });
  beforeEach(() => {
    svc.faults = {};
    svc.holdTransactionMs = 0;
  });

  const rows = (orderId: string) => runAsService(t.database.db, 'tests', (tx) => tx.select().from(shipments).where(eq(shipments.orderId, orderId)));
  const labelsAtShippo = (rate: string) => (svc.world.transactionsByRate.get(rate) ?? []).filter((x) => x.outcome.kind !== 'error').length;
  const quote = async (orderId: string, who: Claims = w.operator) => {
    const q = await quoteForOrder(deps, who, { orderId, shipFromId: null, presetId: w.presetId });
    if (!q.ok) throw new Error(q.message);
    return q.quote;
  };
  const order = () => w.ready[next++];

  it('quotes every carrier with price, estimate and deliver-by, marks cheapest and fastest, buys one label', async () => {
    const id = order();
    const q = await quote(id);
    expect(new Set(q.rates.map((r) => r.carrier))).toEqual(new Set(['USPS', 'UPS', 'FedEx']));
    expect(q.rates.filter((r) => r.cheapest)).toHaveLength(1);
    expect(q.rates.some((r) => r.fastest)).toBe(true);
    for (const r of q.rates) {
      expect(r.amount).toMatch(/^\d+\.\d\d$/);
      expect(typeof r.arrivesInTime).toBe('boolean');
    }
    expect(q.rates[0].cheapest).toBe(true); // sorted cheapest first
    const out = await buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[0].id });
    expect(out).toEqual({ ok: true, shipmentId: expect.any(String) });
    const [s] = await rows(id);
    expect(s).toMatchObject({ status: 'purchased', shippoRateId: q.rates[0].id, labelCost: q.rates[0].amount, createdBy: w.operator.sub });
    expect(s.labelUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/labels\//);
    expect(s.trackingNumber).toBeTruthy();
    expect((await fetch(s.labelUrl!)).headers.get('content-type')).toMatch(/pdf/);
    expect(labelsAtShippo(q.rates[0].id)).toBe(1);
    const tx = svc.world.transactions.byId.get(s.shippoTransactionId!)!;
    expect(tx.metadata).toBe(`esm:shipment:${s.id}`);
    const audit = await runAsService(t.database.db, 'tests', (db) => db.select().from(auditEvents).where(eq(auditEvents.targetId, s.id)));
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([['shipment.purchased', w.operator.sub]]);
    expect(JSON.stringify(audit)).not.toMatch(/Maria|Maple|78745/);
    // The order now has its label: a second purchase is refused before Shippo is called.
    expect(await buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[1].id })).toMatchObject({ ok: false, message: expect.stringMatching(/already has a label/) });
  });

  it('double click / two tabs: two concurrent purchases buy one label', async () => {
    const id = order();
    const q = await quote(id);
    const outs = await Promise.all([0, 1, 2].map(() => buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[0].id })));
    expect(labelsAtShippo(q.rates[0].id)).toBe(1);
    const [label] = await rows(id);
    expect((await rows(id)).map((r) => r.status)).toEqual(['purchased']);
    // One click buys it. Another is told a purchase is under way or the order has its label, or,
    // when it found the first one mid-purchase and looked again after it finished, that this very
    // label is bought; never a label of its own.
    expect(outs.some((o) => o.ok)).toBe(true);
    for (const o of outs) {
      if (o.ok) expect(o).toEqual({ ok: true, shipmentId: label.id });
      else expect([REFUSALS.in_progress, REFUSALS.labelled]).toContain(o.message);
    }
  });

  it('a timeout after Shippo created the label reconciles to that label, never a second', async () => {
    const id = order();
    const q = await quote(id);
    svc.holdTransactionMs = 2500; // longer than the client's 1.5 s
    const out = await buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[0].id });
    expect(out).toMatchObject({ ok: true });
    expect(labelsAtShippo(q.rates[0].id)).toBe(1);
    const [s] = await rows(id);
    expect(s.status).toBe('purchased');
    expect(s.shippoTransactionId).toBe(svc.world.transactionsByRate.get(q.rates[0].id)![0].id);
  });

  it('a dropped answer with Shippo unreachable stays unknown; "check again" reconciles without buying again', async () => {
    const id = order();
    const q = await quote(id);
    svc.faults = { rateTruncated: 1, pathPattern: /^\/transactions/ }; // the label is created, the answer cut off, the lookup too
    const out = await buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[0].id });
    expect(out).toMatchObject({ ok: false, status: 'unknown', message: expect.stringMatching(/won't pay twice/) });
    expect((await rows(id)).map((r) => r.status)).toEqual(['unknown']);
    expect(labelsAtShippo(q.rates[0].id)).toBe(1);
    // The next click on Buy resolves the unknown one instead of buying anew.
    svc.faults = {};
    expect(await buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[1].id })).toMatchObject({ ok: true });
    expect(labelsAtShippo(q.rates[0].id)).toBe(1);
    expect(labelsAtShippo(q.rates[1].id)).toBe(0);
    expect((await rows(id)).map((r) => r.status)).toEqual(['purchased']);
  });

  for (const [name, fault] of [
    ['a 500', { rate500: 1 }],
    ['a 503', { rate503: 1 }],
    ['a malformed body', { rateMalformed: 1 }],
    ['a reset connection', { rateReset: 1 }],
  ] as const) {
    it(`${name} before Shippo bought anything: unknown, then reconciled and bought once`, async () => {
      const id = order();
      const q = await quote(id);
      svc.faults = { ...fault, pathPattern: /^\/transactions/ };
      const out = await buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[0].id });
      expect(out).toMatchObject({ ok: false, status: 'unknown' });
      expect(labelsAtShippo(q.rates[0].id)).toBe(0);
      svc.faults = {};
      const [s] = await rows(id);
      expect(await resolveShipment(deps, s.id)).toEqual({ ok: true, shipmentId: s.id });
      expect(await resolveShipment(deps, s.id)).toEqual({ ok: true, shipmentId: s.id }); // twice: still one
      expect(labelsAtShippo(q.rates[0].id)).toBe(1);
    });
  }

  it('a process that died mid-purchase (row left purchasing, label bought at Shippo) is settled to that label', async () => {
    const id = order();
    const q = await quote(id);
    const rate = q.rates[0];
    const [row] = await runAsService(t.database.db, 'tests', (tx) =>
      tx.insert(shipments).values({
        orgId: w.orgId, orderId: id, status: 'purchasing', shippoShipmentId: q.shippoShipmentId, shippoRateId: rate.id, carrier: rate.carrier,
        labelCost: rate.amount, currency: 'USD', createdBy: w.operator.sub, updatedAt: new Date(Date.now() - 5 * 60_000),
      }).returning(),
    );
    const bought = await fetch(`${run.url}/transactions`, {
      method: 'POST', headers: { authorization: `ShippoToken ${KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rate: rate.id, async: false, label_file_type: 'PDF_4x6', metadata: `esm:shipment:${row.id}` }),
    });
    expect(bought.status).toBe(201);
    expect(await buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[1].id })).toEqual({ ok: true, shipmentId: row.id });
    expect(labelsAtShippo(rate.id)).toBe(1);
    expect(labelsAtShippo(q.rates[1].id)).toBe(0);
    expect((await rows(id))[0]).toMatchObject({ status: 'purchased', shippoTransactionId: (await bought.json()).object_id });
  });

  it('Shippo 429: a clear wait, nothing bought, the order free to try again', async () => {
    const id = order();
    const q = await quote(id);
    svc.faults = { rate429: 1, pathPattern: /^\/transactions/ };
    const out = await buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[0].id });
    expect(out).toMatchObject({ ok: false, status: 'failed', message: expect.stringMatching(/try again in 60 seconds/) });
    expect(labelsAtShippo(q.rates[0].id)).toBe(0);
    svc.faults = {};
    expect(await buyLabel(deps, w.operator, { orderId: id, rateId: q.rates[0].id })).toMatchObject({ ok: true });
  });

  it('refuses viewers, outsiders, held, shipped and cancelled orders, and rates of another order; nothing written', async () => {
    const id = order();
    const q = await quote(id);
    const before = await runAsService(t.database.db, 'tests', (tx) => tx.select().from(shipments));
    const buy = (who: Claims, orderId: string) => buyLabel(deps, who, { orderId, rateId: q.rates[0].id });
    expect(await buy(w.viewer, id)).toMatchObject({ ok: false, message: expect.stringMatching(/Viewers can't buy/) });
    expect(await buy(w.outsider, id)).toMatchObject({ ok: false, message: expect.stringMatching(/no longer exists/) });
    expect(await buy(w.operator, w.onHold)).toMatchObject({ ok: false, message: expect.stringMatching(/on hold/) });
    expect(await buy(w.operator, w.shipped)).toMatchObject({ ok: false, message: expect.stringMatching(/already shipped/) });
    expect(await buy(w.operator, w.cancelled)).toMatchObject({ ok: false, message: expect.stringMatching(/cancelled/) });
    expect(await buy(w.operator, w.ready[w.ready.length - 1])).toMatchObject({ ok: false, message: expect.stringMatching(/not for this order/) });
    expect(await buyLabel(deps, w.operator, { orderId: id, rateId: 'nosuchrate' })).toMatchObject({ ok: false, message: expect.stringMatching(/Get rates again/) });
    expect(await runAsService(t.database.db, 'tests', (tx) => tx.select().from(shipments))).toEqual(before);
    expect(labelsAtShippo(q.rates[0].id)).toBe(0);
  });

  it('quotes: address rejected, no rates, no ship-from, unknown API key; each a clear message', async () => {
    const bad = await quoteForOrder(deps, w.operator, { orderId: w.badZip, shipFromId: null, presetId: w.presetId });
    expect(bad).toMatchObject({ ok: false, message: expect.stringMatching(/could not validate the ship-to address: .+Nothing was bought/) });
    const heavy = await quoteForOrder(deps, w.operator, { orderId: order(), shipFromId: null, presetId: w.presetId, weightOz: 2399 });
    expect(heavy.ok ? heavy.quote.rates.every((r) => r.carrier !== 'USPS') : heavy.message).toBe(true);
    const noFrom = await quoteForOrder(deps, w.operator, { orderId: order(), shipFromId: crypto.randomUUID(), presetId: w.presetId });
    expect(noFrom).toMatchObject({ ok: false, message: expect.stringMatching(/Add a ship-from location/) });
    const noPreset = await quoteForOrder(deps, w.operator, { orderId: order(), shipFromId: null, presetId: null });
    expect(noPreset).toMatchObject({ ok: false, message: expect.stringMatching(/Choose a package/) });
    const badKey = { ...deps, shippo: shippoClient({ baseUrl: run.url, apiKey: 'shippo_test_unknown00000000000000000000000000' }) };
    const auth = await quoteForOrder(badKey, w.operator, { orderId: order(), shipFromId: null, presetId: w.presetId });
    expect(auth).toMatchObject({ ok: false, message: expect.stringMatching(/did not accept the API key/) });
  });
});
