// Tracking push end to end on every backend, against the three marketplace simulators over real
// HTTP: after a label (Shippo simulator), "Mark as shipped", partial shipments in two packages,
// 5xx then success, a timeout after the marketplace accepted (no second push), a push the
// marketplace rejects (visible, Retry works), and a sync after the push keeping the order shipped.
import { beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/connect';
import { runAsService } from '@/lib/db/session';
import { orderBuyers, packagePresets, shipFromLocations } from '@/lib/db/schema';
import type { Connector, Marketplace, NormalizedOrder } from '@/lib/marketplaces/types';
import { upsertOrders } from '@/lib/sync/upsert-orders';
import { buyLabel } from '@/lib/shipping/purchase';
import { quoteForOrder } from '@/lib/shipping/quote';
import { shippoClient } from '@/lib/shipping/shippo';
import { startService } from '@/sandbox/core/server';
import { fixedClock } from '@/sandbox/core/clock';
import { ShippoSandbox } from '@/sandbox/shippo';
import { FROM, KEY, T0 as SHIPPO_T0, TO } from '@/sandbox/shippo/testkit';
import { backends } from '@/tests/support/db';
import { drainPushes, pushRegistry, pushWorldSuite, simConnector, WRITE_PATHS, type PushWorld, type Sims } from '@/tests/support/push-world';
import * as amazon from '@/tests/support/marketplaces/amazon';
import * as ebay from '@/tests/support/marketplaces/ebay';
import { markShipped } from './manual';
import { retryPush } from './retry';
import { openLines } from './lines';

const MARKETPLACES: Marketplace[] = ['walmart', 'amazon', 'ebay'];
const WRITE_PATH = WRITE_PATHS;

describe.each(backends)('tracking push on $name', (backend) => {
  const suite = pushWorldSuite(backend);
  let sims: Sims;
  let w: PushWorld;
  /** Each account's connector; a test may swap one (e.g. to lose an answer). */
  const connectors = new Map<string, Connector>();
  const used = new Set<string>();
  const db = () => suite.t.database.db;
  const registry = pushRegistry((accountId) => connectors.get(accountId)!);
  const slowRegistry = pushRegistry((accountId) => connectors.get(accountId)!, 60_000);

  beforeAll(() => {
    ({ sims, w } = suite);
    for (const m of MARKETPLACES) connectors.set(w.accounts[m], simConnector(sims, m));
  });

  /** An open order of `m` no other test used, optionally with more than one unit. */
  async function pick(m: Marketplace, multi = false) {
    for (const o of w.orders[m]) {
      if (used.has(o.id)) continue;
      const lines = await runAsService(db(), 'tests', (tx) => openLines(tx, o.id));
      if (multi && lines.reduce((n, l) => n + l.unshipped, 0) < 2) continue;
      used.add(o.id);
      return { ...o, lines };
    }
    throw new Error(`no open ${m} order left${multi ? ' with several units' : ''}`);
  }
  const orderRow = async (id: string) =>
    rowsOf<{ status: string; shipped_at: Date | null }>(await db().execute(sql`select status, shipped_at from public.orders where id = ${id}`))[0];
  const shipmentRow = async (id: string) =>
    rowsOf<{ tracking_push_status: string; tracking_push_error: string | null; status: string }>(
      await db().execute(sql`select tracking_push_status, tracking_push_error, status from public.shipments where id = ${id}`),
    )[0];
  /** The order as the marketplace's own order reads return it now (a later getOrders / fetch). */
  const atMarketplace = async (m: Marketplace, externalOrderId: string): Promise<NormalizedOrder> => {
    if (m === 'walmart') return (await simConnector(sims, m).fetchOrder!(externalOrderId)).records[0];
    const clock = sims[m].clock;
    clock.advance(10 * 60_000);
    const now = clock.now();
    const c = simConnector(sims, m);
    const window = { updatedFrom: new Date(now - 6 * 3_600_000), updatedTo: new Date(now - 3 * 60_000) };
    const orders = m === 'amazon' ? await amazon.drainOrders(c as never, window) : (await ebay.readWindow(c as never, window)).orders;
    const found = orders.find((o) => o.externalOrderId === externalOrderId);
    if (!found) throw new Error(`${externalOrderId} is not in the marketplace's recent orders`);
    return found;
  };
  const writes = (m: Marketplace) => sims[m].svc.requests.filter((r) => r.method === 'POST' && WRITE_PATH[m].test(r.path)).length;
  /** "Mark as shipped" of every open unit (or `extra.lines`), on the simulator's clock (it refuses ship times in its future). */
  const manual = (m: Marketplace, order: { id: string; lines: Array<{ orderItemId: string; unshipped: number }> }, extra: Record<string, unknown> = {}) => {
    const now = new Date(sims[m].clock.now());
    return markShipped(db(), w.operator, {
      orderId: order.id, carrier: 'UPS', service: 'Ground', trackingNumber: `1Z${m.slice(0, 2).toUpperCase()}${Math.random().toString().slice(2, 14)}`,
      shipDate: now.toISOString().slice(0, 10), lines: order.lines.map((l) => ({ orderItemId: l.orderItemId, quantity: l.unshipped })), ...extra,
    }, now);
  };

  it('a bought label queues its push in the purchase transaction; the push lands and the order is shipped', async () => {
    const order = await pick('walmart');
    const shippo = new ShippoSandbox({ clock: fixedClock(SHIPPO_T0), keys: [KEY], rateLimits: false });
    const run = await startService(shippo, { port: 0 });
    try {
      const presetId = await runAsService(db(), 'tests', async (tx) => {
        await tx.update(orderBuyers).set({ name: TO.name, addressLine1: TO.street1, addressLine2: TO.street2, city: TO.city, region: TO.state, postalCode: TO.zip, country: 'US' }).where(eq(orderBuyers.orderId, order.id));
        if (!(await tx.select().from(shipFromLocations).where(eq(shipFromLocations.orgId, w.orgId))).length) {
          await tx.insert(shipFromLocations).values({ orgId: w.orgId, ...FROM, name: 'Portland', isDefault: true });
        }
        const [p] = await tx.insert(packagePresets).values({ orgId: w.orgId, name: `Box ${crypto.randomUUID()}`, lengthIn: '10', widthIn: '8', heightIn: '4', weightOz: '24' }).returning();
        return p.id;
      });
      const deps = { db: db(), shippo: shippoClient({ baseUrl: run.url, apiKey: KEY, timeoutMs: 3000 }) };
      const q = await quoteForOrder(deps, w.operator, { orderId: order.id, shipFromId: null, presetId });
      if (!q.ok) throw new Error(q.message);
      const bought = await buyLabel(deps, w.operator, { orderId: order.id, rateId: q.quote.rates[0].id });
      if (!bought.ok) throw new Error(bought.message);
      const jobs = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from public.jobs where kind = 'tracking_push' and payload->>'shipmentId' = ${bought.shipmentId}`));
      expect(jobs[0].n).toBe(1);
      const lines = rowsOf<{ q: number }>(await db().execute(sql`select sum(quantity)::int as q from public.shipment_lines where shipment_id = ${bought.shipmentId}`));
      expect(lines[0].q).toBe(order.lines.reduce((n, l) => n + l.unshipped, 0));
      await drainPushes(db(), registry);
      expect(await shipmentRow(bought.shipmentId)).toMatchObject({ tracking_push_status: 'pushed', tracking_push_error: null });
      expect((await orderRow(order.id)).status).toBe('shipped');
      const there = await atMarketplace('walmart', order.externalOrderId);
      expect(there.status).toBe('shipped');
    } finally {
      await run.close();
    }
  });

  for (const m of MARKETPLACES) {
    it(`${m}: Mark as shipped pushes once, the order becomes shipped here and at the marketplace`, async () => {
      const order = await pick(m);
      const before = writes(m);
      const out = await manual(m, order);
      if (!out.ok) throw new Error(out.message);
      expect((await shipmentRow(out.shipmentId)).tracking_push_status).toBe('pending');
      await drainPushes(db(), registry);
      expect(await shipmentRow(out.shipmentId)).toMatchObject({ tracking_push_status: 'pushed' });
      expect((await orderRow(order.id)).status).toBe('shipped');
      expect(writes(m) - before).toBe(1);
      expect((await atMarketplace(m, order.externalOrderId)).status).toBe('shipped');
    });

    it(`${m}: an order split into two packages is partially shipped, then shipped`, async () => {
      const order = await pick(m, true);
      const [first, ...rest] = order.lines.flatMap((l) => Array.from({ length: l.unshipped }, () => l.orderItemId));
      const one = await manual(m, order, { lines: [{ orderItemId: first, quantity: 1 }] });
      if (!one.ok) throw new Error(one.message);
      await drainPushes(db(), registry);
      expect(await shipmentRow(one.shipmentId)).toMatchObject({ tracking_push_status: 'pushed' });
      expect((await orderRow(order.id)).status).toBe('partially_shipped');
      expect((await atMarketplace(m, order.externalOrderId)).status).toBe('partially_shipped');
      const counts = new Map<string, number>();
      for (const id of rest) counts.set(id, (counts.get(id) ?? 0) + 1);
      const two = await manual(m, order, { lines: [...counts].map(([orderItemId, quantity]) => ({ orderItemId, quantity })) });
      if (!two.ok) throw new Error(two.message);
      await drainPushes(db(), registry);
      expect(await shipmentRow(two.shipmentId)).toMatchObject({ tracking_push_status: 'pushed' });
      expect((await orderRow(order.id)).status).toBe('shipped');
      expect((await atMarketplace(m, order.externalOrderId)).status).toBe('shipped');
    });

    it(`${m}: 5xx on the write, then success: retried by the job, landed once`, async () => {
      const order = await pick(m);
      const before = writes(m);
      sims[m].svc.faults = { rate500: 1, pathPattern: WRITE_PATH[m] };
      let out;
      try {
        out = await manual(m, order);
        if (!out.ok) throw new Error(out.message);
        // Backoff of a minute: one attempt (the connector's own quick retries included) fails.
        await drainPushes(db(), slowRegistry, 1);
        const pending = await shipmentRow(out.shipmentId);
        expect(pending.tracking_push_status).toBe('pending');
        expect(pending.tracking_push_error).toMatch(/^Retrying: .*HTTP 500/);
      } finally {
        sims[m].svc.faults = {};
      }
      // The minute passes: the retry reads the marketplace first, then pushes.
      await db().execute(sql`update public.jobs set run_at = now() where kind = 'tracking_push' and status = 'queued'`);
      await drainPushes(db(), slowRegistry);
      expect(await shipmentRow(out.shipmentId)).toMatchObject({ tracking_push_status: 'pushed', tracking_push_error: null });
      expect((await atMarketplace(m, order.externalOrderId)).status).toBe('shipped');
      // Faulted requests never reached the marketplace; exactly one write of this order was accepted
      // (on eBay the 500s hit the read of the fulfillments first, which shares the path).
      const accepted = sims[m].svc.requests.filter(
        (r) => r.method === 'POST' && WRITE_PATH[m].test(r.path) && r.path.includes(encodeURIComponent(order.externalOrderId)) && r.status !== undefined && r.status < 300,
      );
      expect(accepted).toHaveLength(1);
      expect(writes(m) - before).toBeGreaterThanOrEqual(m === 'ebay' ? 1 : 2);
    });

    it(`${m}: a timeout after the marketplace accepted is read back, never pushed twice`, async () => {
      const order = await pick(m);
      // The simulator accepts the write, then answers after the connector's 2 s timeout.
      const svc = sims[m].svc;
      const handle = svc.handle.bind(svc);
      let lost = 0;
      svc.handle = async (req: Request) => {
        const res = await handle(req);
        if (req.method === 'POST' && WRITE_PATH[m].test(new URL(req.url).pathname) && lost++ === 0) await new Promise((r) => setTimeout(r, 2_500));
        return res;
      };
      try {
        const before = writes(m);
        const out = await manual(m, order);
        if (!out.ok) throw new Error(out.message);
        await drainPushes(db(), registry);
        expect(lost).toBe(1);
        expect(writes(m) - before).toBe(1);
        expect(await shipmentRow(out.shipmentId)).toMatchObject({ tracking_push_status: 'pushed' });
        expect((await orderRow(order.id)).status).toBe('shipped');
      } finally {
        svc.handle = handle;
      }
    }, 20_000);
  }

  it('a push the marketplace rejects is failed with its message (no buyer data), visible, and Retry pushes it', async () => {
    const order = await pick('walmart');
    const buyer = rowsOf<{ name: string | null }>(await db().execute(sql`select name from public.order_buyers where order_id = ${order.id}`))[0];
    const refusing: typeof fetch = async (input, init) => {
      if ((init?.method ?? 'GET') === 'POST' && /\/shipping$/.test(new URL(String(input)).pathname)) {
        const body = { errors: { error: [{ code: 'INVALID_REQUEST_CONTENT.GMP_ORDER_API', field: 'data', description: `Carrier not valid for ${buyer.name}`, info: 'Request content is invalid.', severity: 'ERROR', category: 'DATA' }] } };
        return new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } });
      }
      return fetch(input, init);
    };
    const normal = connectors.get(w.accounts.walmart)!;
    connectors.set(w.accounts.walmart, simConnector(sims, 'walmart', refusing));
    const out = await manual('walmart', order);
    if (!out.ok) throw new Error(out.message);
    await drainPushes(db(), registry);
    const failed = await shipmentRow(out.shipmentId);
    expect(failed.tracking_push_status).toBe('failed');
    expect(failed.tracking_push_error).toMatch(/walmart/i);
    if (buyer.name) expect(failed.tracking_push_error).not.toContain(buyer.name);
    expect((await orderRow(order.id)).status).toBe('unshipped');
    // The viewer cannot retry; the operator can, once (a second click finds it pending).
    expect(await retryPush(db(), w.viewer, out.shipmentId)).toMatchObject({ ok: false, message: expect.stringMatching(/Viewers can't/) });
    connectors.set(w.accounts.walmart, normal);
    expect(await retryPush(db(), w.operator, out.shipmentId)).toMatchObject({ ok: true });
    expect(await retryPush(db(), w.operator, out.shipmentId)).toMatchObject({ ok: false });
    await drainPushes(db(), registry);
    expect(await shipmentRow(out.shipmentId)).toMatchObject({ tracking_push_status: 'pushed', tracking_push_error: null });
    expect((await orderRow(order.id)).status).toBe('shipped');
  });

  it('a worker that stops during the last attempt leaves the package failed with Retry, not "Sending…" forever', async () => {
    const order = await pick('walmart');
    const out = await manual('walmart', order);
    if (!out.ok) throw new Error(out.message);
    // The job as a worker that died holding its last attempt left it: running, lease expired.
    await db().execute(sql`update public.jobs set status = 'running', attempts = max_attempts, locked_by = 'gone', locked_until = now() - interval '1 minute'
      where kind = 'tracking_push' and payload->>'shipmentId' = ${out.shipmentId}`);
    await drainPushes(db(), registry);
    const job = rowsOf<{ status: string }>(await db().execute(sql`select status from public.jobs where kind = 'tracking_push' and payload->>'shipmentId' = ${out.shipmentId}`));
    expect(job.map((j) => j.status)).toEqual(['dead']);
    const row = await shipmentRow(out.shipmentId);
    expect(row).toMatchObject({ tracking_push_status: 'failed', tracking_push_error: expect.stringMatching(/stopped while sending.*Retry/) });
    const audit = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from public.audit_events where action = 'shipment.tracking_push_failed' and target_id = ${out.shipmentId}`));
    expect(audit[0].n).toBe(1);
    // Retry sends it.
    expect(await retryPush(db(), w.operator, out.shipmentId)).toMatchObject({ ok: true });
    await drainPushes(db(), registry);
    expect(await shipmentRow(out.shipmentId)).toMatchObject({ tracking_push_status: 'pushed', tracking_push_error: null });
  });

  it('a sync after the push never moves the order back: a stale copy keeps it shipped, a cancellation still applies', async () => {
    const order = await pick('walmart');
    const stale = await atMarketplace('walmart', order.externalOrderId);
    expect(stale.status).toBe('unshipped');
    const out = await manual('walmart', order);
    if (!out.ok) throw new Error(out.message);
    await drainPushes(db(), registry);
    expect((await orderRow(order.id)).status).toBe('shipped');
    const upsert = (o: NormalizedOrder) => runAsService(db(), 'tests', (tx) => upsertOrders(tx, { orgId: w.orgId, accountId: w.accounts.walmart, marketplace: 'walmart' }, [o]));
    // A copy newer than the stored one that still says unshipped (the marketplace lagging).
    expect((await upsert({ ...stale, updatedAt: new Date(Date.now() + 60_000) })).written).toBe(1);
    const after = await orderRow(order.id);
    expect(after.status).toBe('shipped');
    expect(after.shipped_at).not.toBeNull();
    // The real next copy (shipped at the marketplace) is written as is.
    const fresh = await atMarketplace('walmart', order.externalOrderId);
    await upsert({ ...fresh, updatedAt: new Date(Date.now() + 120_000) });
    expect((await orderRow(order.id)).status).toBe('shipped');
    await upsert({ ...fresh, status: 'cancelled', updatedAt: new Date(Date.now() + 180_000) });
    expect((await orderRow(order.id)).status).toBe('cancelled');
  });
});
