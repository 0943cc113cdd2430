import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simOrder } from '@/sandbox/core/catalog';
import { AMAZON_DEMO_CLIENT_ID, defaultAmazonAccounts, type AmazonAccount } from './index';
import { orderIdFor } from './ids';
import { MP, NOW, startAmazon, type Harness, type V0ItemsPayload, type V0Order, type V0OrdersPayload } from './testkit';

const HOUR = 3_600_000;
const demo = defaultAmazonAccounts(NOW)[0];
const big: AmazonAccount = {
  sellingPartnerId: 'A2SANDBOXBIG01',
  name: 'Big seller (sandbox)',
  profile: { seed: 'amazon-big', epochMs: NOW - 100_000 * 60_000, intervalMs: 60_000, maxOrders: 100_000 },
  refreshTokens: { 'Atzr|sandbox-big-seller': AMAZON_DEMO_CLIENT_ID },
};

let h: Harness;
beforeAll(async () => {
  h = await startAmazon({ accounts: [demo, big] });
});
afterAll(() => h.close());

async function syncSince(token: string, after: string): Promise<{ orders: V0Order[]; bound: string }> {
  const out: V0Order[] = [];
  let next: string | undefined;
  let bound = '';
  do {
    h.clock.advance(60_000); // stay inside getOrders' 0.0167 rps usage plan
    const r = await h.sp(`/orders/v0/orders?MarketplaceIds=${MP}&${next ? `NextToken=${encodeURIComponent(next)}` : `LastUpdatedAfter=${after}`}`, token);
    expect(r.status).toBe(200);
    const p = (r.body as V0OrdersPayload).payload;
    out.push(...p.Orders);
    bound = p.LastUpdatedBefore as string;
    next = p.NextToken;
  } while (next);
  return { orders: out, bound };
}

describe('incremental sync with LastUpdatedAfter', () => {
  it('catches new orders, buyer cancellations, outside shipments and API shipments of old orders', async () => {
    let token = await h.accessToken();
    const first = await syncSince(token, '2026-03-08T00:00:00Z');
    const w1 = Date.parse(first.bound);
    expect(first.orders.length).toBeGreaterThan(50);
    for (const o of first.orders) expect(Date.parse(o.LastUpdateDate)).toBeLessThanOrEqual(w1);

    // An order from the first day, untouched by its timeline, shipped through the API now: it is
    // far older than any timeline event window, yet its update must still be seen.
    const oldIndex = Array.from({ length: 20 }, (_, i) => simOrder(demo.profile, i)).find(
      (o) => o.cancelledAt === null && o.shippedAt === null && o.partialShipAt === null,
    )!.index;
    const oldId = orderIdFor(demo.profile.seed, oldIndex);
    const items = (await h.sp(`/orders/v0/orders/${oldId}/orderItems`, token)).body as V0ItemsPayload;
    const shipAt = h.clock.now();
    const confirm = await h.sp(`/orders/v0/orders/${oldId}/shipmentConfirmation`, token, {
      method: 'POST',
      body: JSON.stringify({
        marketplaceId: MP,
        packageDetail: {
          packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate: new Date(shipAt).toISOString(),
          orderItems: items.payload.OrderItems.map((i) => ({ orderItemId: i.OrderItemId, quantity: i.QuantityOrdered })),
        },
      }),
    });
    expect(confirm.status).toBe(204);

    // Move on until a buyer cancellation and an outside shipment have happened after w1.
    let cancelled = -1;
    let shipped = -1;
    for (let i = 0; (cancelled < 0 || shipped < 0) && i < 2000; i++) {
      const o = simOrder(demo.profile, i);
      if (cancelled < 0 && o.cancelledAt !== null && o.cancelledAt > w1) cancelled = i;
      if (shipped < 0 && o.shippedAt !== null && o.shippedAt > w1 && o.partialShipAt === null && o.cancelledAt === null) shipped = i;
    }
    const cancelledAt = simOrder(demo.profile, cancelled).cancelledAt as number;
    const shippedAt = simOrder(demo.profile, shipped).shippedAt as number;
    h.clock.advance(Math.max(6 * HOUR, Math.max(cancelledAt, shippedAt) - h.clock.now() + 10 * 60_000));

    token = await h.accessToken(); // hours have passed: the first access token has expired
    const second = await syncSince(token, first.bound);
    const w2 = Date.parse(second.bound);
    const byId = new Map(second.orders.map((o) => [o.AmazonOrderId, o]));
    for (const o of second.orders) {
      expect(Date.parse(o.LastUpdateDate)).toBeGreaterThanOrEqual(w1);
      expect(Date.parse(o.LastUpdateDate)).toBeLessThanOrEqual(w2);
    }
    expect(byId.get(oldId)).toMatchObject({ OrderStatus: 'Shipped', LastUpdateDate: new Date(shipAt).toISOString().replace('.000', '') });
    const c = byId.get(orderIdFor(demo.profile.seed, cancelled));
    expect(c).toMatchObject({ OrderStatus: 'Canceled', LastUpdateDate: new Date(cancelledAt).toISOString().replace('.000', '') });
    expect(byId.get(orderIdFor(demo.profile.seed, shipped))?.OrderStatus).toBe('Shipped');

    // Every order created in (w1, w2] is seen now or, if its payment cleared after w2, next time.
    h.clock.advance(HOUR);
    const third = await syncSince(await h.accessToken(), second.bound);
    const seen = new Set([...second.orders, ...third.orders].map((o) => o.AmazonOrderId));
    const firstNew = Math.ceil((w1 + 1 - demo.profile.epochMs) / demo.profile.intervalMs);
    const lastNew = Math.floor((w2 - demo.profile.epochMs) / demo.profile.intervalMs);
    expect(lastNew - firstNew).toBeGreaterThanOrEqual(3);
    for (let i = firstNew; i <= lastNew; i++) expect(seen.has(orderIdFor(demo.profile.seed, i)), `order #${i}`).toBe(true);
  });
});

describe('a 100k-order account', () => {
  it('answers recent windows and direct lookups without walking the whole history', async () => {
    const token = await h.accessToken('Atzr|sandbox-big-seller');
    const started = performance.now();
    const r = await h.sp(`/orders/v0/orders?MarketplaceIds=${MP}&LastUpdatedAfter=${new Date(h.clock.now() - HOUR).toISOString()}`, token);
    expect(r.status).toBe(200);
    const orders = (r.body as V0OrdersPayload).payload.Orders;
    expect(orders.length).toBeGreaterThan(0);
    expect(performance.now() - started).toBeLessThan(5_000);
    const last = await h.sp(`/orders/v0/orders/${orderIdFor(big.profile.seed, 99_999)}`, token);
    expect(last.status).toBe(200);
    expect((await h.sp(`/orders/v0/orders/${orderIdFor(big.profile.seed, 100_000)}`, token)).status).toBe(404);
    // Buckets are per selling partner: the demo seller's token does not see this account's orders.
    const demoToken = await h.accessToken();
    expect((await h.sp(`/orders/v0/orders/${orderIdFor(big.profile.seed, 99_999)}`, demoToken)).status).toBe(404);
  });
});
