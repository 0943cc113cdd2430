// Following packages to delivery against the Shippo simulator, on every backend: the simulator's
// track_updated webhooks (over HTTP, into the route's handler) move a label to in transit, then
// delivered, and the order to delivered with delivered_at; the polling job does the same without
// webhooks; a pending refund is polled until refunded; nothing ever moves backwards.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { JobRegistry } from '@/lib/jobs/registry';
import { drainJobs } from '@/lib/jobs/tick';
import { buyLabel } from '@/lib/shipping/purchase';
import { quoteForOrder } from '@/lib/shipping/quote';
import { voidLabel } from '@/lib/shipping/refund';
import type { Sim } from '@/sandbox/shippo/testkit';
import { backends } from '@/tests/support/db';
import { openShipTestbed, type ShipWorld } from '@/tests/support/shipping-world';
import { runAsUser } from '@/lib/db/session';
import { registerDeliveryKinds } from './jobs';
import { loadTracking } from './timeline';
import { receiveTrackWebhook } from './webhook';

const TOKEN = 'tok_delivery_webhook_0123456789abcdef';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(backends)('delivery tracking on $name', (backend) => {
  let bed: Awaited<ReturnType<typeof openShipTestbed>>;
  let db: Db;
  let sim: Sim;
  let w: ShipWorld;
  let receiver: http.Server;
  let hookUrl: string;
  const answers: number[] = [];

  beforeAll(async () => {
    bed = await openShipTestbed(backend, 4);
    ({ sim, w } = bed);
    db = bed.t.database.db;
    // The app's webhook endpoint, as Shippo reaches it: HTTP into the route's handler.
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', async () => {
        const r = await receiveTrackWebhook(
          new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks) }),
          { token: TOKEN, db: async () => db },
        );
        answers.push(r.status);
        res.writeHead(r.status).end(await r.text());
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/shippo/track?token=${TOKEN}`;
  });
  afterAll(async () => {
    await new Promise((r) => receiver?.close(r));
    await bed?.close();
  });

  const bought = async (orderId: string) => {
    const q = await quoteForOrder(bed.deps, w.operator, { orderId, shipFromId: null, presetId: w.presetId });
    if (!q.ok) throw new Error(q.message);
    const rate = q.quote.rates.find((r) => r.carrier === 'USPS') ?? q.quote.rates[0];
    const out = await buyLabel(bed.deps, w.operator, { orderId, rateId: rate.id });
    if (!out.ok) throw new Error(out.message);
    return out.shipmentId;
  };
  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q))[0];
  const shipment = (id: string) =>
    one<{ status: string; delivery_status: string | null; delivered_at: Date | string | null; tracking_number: string }>(
      sql`select status, delivery_status, delivered_at, tracking_number from public.shipments where id = ${id}`,
    );
  const order = (id: string) => one<{ status: string; delivered_at: Date | string | null }>(sql`select status, delivered_at from public.orders where id = ${id}`);
  const events = async (id: string) =>
    rowsOf<{ status: string }>(await db.execute(sql`select status from public.shipment_tracking_events where shipment_id = ${id} order by occurred_at`)).map((r) => r.status);
  const registry = () => registerDeliveryKinds(new JobRegistry(), { shippo: () => bed.deps.shippo, sleep: async () => {} });

  it('webhook: label bought → in transit → delivered; the order becomes delivered with delivered_at, and never moves back', async () => {
    const orderId = w.ready[0];
    const id = await bought(orderId);
    await sim.call('POST', '/webhooks', { event: 'track_updated', url: hookUrl, is_test: true });
    // Buying left the organization with the polling fallback.
    expect(await one<{ n: number }>(sql`select count(*)::int as n from public.jobs where org_id = ${w.orgId} and kind = 'tracking_poll' and recurring`)).toEqual({ n: 1 });

    await sim.svc.deliverWebhooks(sim.url);
    expect((await shipment(id)).delivery_status).toBe('pre_transit');
    sim.clock.advance(21 * HOUR);
    await sim.svc.deliverWebhooks(sim.url);
    expect(await shipment(id)).toMatchObject({ status: 'purchased', delivery_status: 'in_transit', delivered_at: null });
    expect((await order(orderId)).delivered_at).toBeNull();

    sim.clock.advance(6 * DAY);
    await sim.svc.deliverWebhooks(sim.url);
    expect(answers.every((s) => s === 200)).toBe(true);
    const s = await shipment(id);
    expect(s.delivery_status).toBe('delivered');
    expect(await events(id)).toEqual(['pre_transit', 'in_transit', 'in_transit', 'in_transit', 'delivered']);
    const o = await order(orderId);
    expect(o.status).toBe('delivered');
    expect(new Date(o.delivered_at!).getTime()).toBe(new Date(s.delivered_at!).getTime());
    expect(new Date(o.delivered_at!).getTime()).toBeLessThanOrEqual(Date.now());
    // The order page's timeline, read under RLS: members see it, other organizations nothing.
    const [view] = await runAsUser(db, w.viewer, (tx) => loadTracking(tx, orderId));
    expect(view).toMatchObject({ status: 'delivered', trackingNumber: s.tracking_number, trackingUrl: expect.stringMatching(/^https:\/\//) });
    expect(view.events.map((e) => e.status)).toEqual(['delivered', 'in_transit', 'in_transit', 'in_transit', 'pre_transit']);
    expect(await runAsUser(db, w.outsider, (tx) => loadTracking(tx, orderId))).toEqual([]);

    // An in-transit message arriving late changes nothing; nor does a sync's older view of the order.
    const track = (await sim.call('GET', `/tracks/usps/${s.tracking_number}`)).body;
    const late = { ...track, tracking_status: track.tracking_history[1], tracking_history: track.tracking_history.slice(0, 2) };
    const r = await receiveTrackWebhook(new Request(hookUrl, { method: 'POST', body: JSON.stringify({ event: 'track_updated', test: true, data: late }) }), { token: TOKEN, db: async () => db });
    expect(r.status).toBe(200);
    expect((await shipment(id)).delivery_status).toBe('delivered');
    await db.execute(sql`update public.orders set status = 'shipped', delivered_at = null where id = ${orderId}`);
    expect(await order(orderId)).toEqual(o);
  });

  it('polling: a label not delivered after a few days is asked about, and delivered without any webhook', async () => {
    await sim.call('GET', '/webhooks').then(async (l) => {
      for (const h of l.body.results) await sim.call('DELETE', `/webhooks/${h.object_id}`);
    });
    const orderId = w.ready[1];
    const id = await bought(orderId);
    const reg = registry();
    const tracks = () => sim.svc.sent(/^\/tracks\//, 'GET').length;
    const before = tracks();
    // Too young: the job runs (due in an hour) and asks nothing.
    await drainJobs({ db, registry: reg, kinds: ['tracking_poll'], now: () => Date.now() + 2 * HOUR });
    expect(tracks()).toBe(before);
    sim.clock.advance(8 * DAY);
    await db.execute(sql`update public.shipments set created_at = now() - interval '4 days' where id = ${id}`);
    const ran = await drainJobs({ db, registry: reg, kinds: ['tracking_poll'], now: () => Date.now() + 4 * HOUR });
    expect(ran.ran.map((r) => r.outcome)).toEqual(['completed']);
    expect(tracks()).toBe(before + 1);
    expect(await shipment(id)).toMatchObject({ delivery_status: 'delivered' });
    expect(await order(orderId)).toMatchObject({ status: 'delivered', delivered_at: expect.anything() });
    // Delivered: never asked about again.
    await drainJobs({ db, registry: reg, kinds: ['tracking_poll'], now: () => Date.now() + 30 * HOUR });
    expect(tracks()).toBe(before + 1);
  });

  it('a pending refund is polled by a job until Shippo says refunded', async () => {
    const id = await bought(w.ready[2]);
    expect(await voidLabel(bed.deps, w.operator, id)).toMatchObject({ ok: true, status: 'refund_pending' });
    const jobs = () => db.execute(sql`select status, payload from public.jobs where kind = 'refund_poll' and payload->>'shipmentId' = ${id} order by created_at`).then((r) => rowsOf<{ status: string }>(r));
    expect((await jobs()).map((j) => j.status)).toEqual(['queued']);
    const reg = registry();
    await drainJobs({ db, registry: reg, kinds: ['refund_poll'], now: () => Date.now() + 2 * 60_000 });
    expect((await shipment(id)).status).toBe('refund_pending');
    expect((await jobs()).map((j) => j.status)).toEqual(['done', 'queued']);
    sim.clock.advance(16 * 60_000);
    await drainJobs({ db, registry: reg, kinds: ['refund_poll'], now: () => Date.now() + 10 * 60_000 });
    expect((await shipment(id)).status).toBe('refunded');
    expect((await jobs()).map((j) => j.status)).toEqual(['done', 'done']);
  });
});
