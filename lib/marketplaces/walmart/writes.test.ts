// Walmart writes against the simulator over real HTTP: acknowledge, ship with tracking (auto-
// acknowledging Created lines), the push seen in later getAllOrders results, no double push when
// an answer is lost, the "other carrier" form, and the capabilities the connector declares.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capabilitiesOf, CapabilityNotSupported, requireCapability, type TrackingPush } from '@/lib/marketplaces/capabilities';
import { MarketplaceError } from '@/lib/marketplaces/http';
import type { NormalizedOrder } from '@/lib/marketplaces/types';
import { connectorFor, HOUR, startSim, syncWindow, T0, windowOf, type Sim } from '@/tests/support/marketplaces/walmart';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.close());

const lineStatuses = (o: NormalizedOrder) => o.items.map((i) => i.marketplaceStatus);

/** Recent orders whose every line is still Created (so: not acknowledged, nothing shipped). */
async function createdOrders(): Promise<NormalizedOrder[]> {
  const { connector } = connectorFor(sim);
  const { orders } = await syncWindow(connector, windowOf(T0 - 6 * HOUR, T0));
  const created = orders.filter((o) => o.items.length > 0 && lineStatuses(o).every((s) => s === 'Created'));
  expect(created.length).toBeGreaterThan(2);
  return created;
}

async function readBack(po: string): Promise<NormalizedOrder> {
  const { connector } = connectorFor(sim);
  const [order] = (await connector.fetchOrder(po)).records;
  return order;
}

const push = (o: NormalizedOrder, extra: Partial<TrackingPush> = {}): TrackingPush => ({
  externalOrderId: o.externalOrderId,
  carrier: 'usps',
  trackingNumber: '9400111899223100001234',
  shippedAt: new Date(T0 - HOUR),
  ...extra,
});

describe('Walmart capabilities', () => {
  it('declares pushTracking and acknowledgeOrders, and answers updateOffer with NotSupported', () => {
    const { connector } = connectorFor(sim);
    expect(capabilitiesOf(connector)).toEqual(['pushTracking', 'acknowledgeOrders']);
    expect(() => requireCapability(connector, 'updateOffer')).toThrow(CapabilityNotSupported);
    expect(() => requireCapability(connector, 'updateOffer')).toThrow('walmart does not support updateOffer');
  });
});

describe('acknowledgeOrders', () => {
  it('acknowledges Created orders, one call each, and later reads show them Acknowledged', async () => {
    const [a, b] = await createdOrders();
    const { connector } = connectorFor(sim);
    const results = await connector.acknowledgeOrders([a.externalOrderId, b.externalOrderId]);
    expect(results.map((r) => r.externalOrderId)).toEqual([a.externalOrderId, b.externalOrderId]);
    expect(results.every((r) => r.order !== null && lineStatuses(r.order).every((s) => s === 'Acknowledged'))).toBe(true);
    expect(sim.svc.sent(/\/acknowledge$/, 'POST')).toHaveLength(2);
    expect(lineStatuses(await readBack(a.externalOrderId)).every((s) => s === 'Acknowledged')).toBe(true);
  });

  it('an unknown order is not_found', async () => {
    const { connector } = connectorFor(sim);
    await expect(connector.acknowledgeOrders(['999999999999999'])).rejects.toMatchObject({ kind: 'not_found' });
  });
});

describe('pushTracking', () => {
  it('acknowledges a Created order, ships every open line, and the next getAllOrders shows it shipped', async () => {
    const [order] = await createdOrders();
    const { connector } = connectorFor(sim);
    await expect(connector.pushTracking(push(order))).resolves.toEqual({ outcome: 'pushed' });
    expect(sim.svc.sent(/\/acknowledge$/, 'POST')).toHaveLength(1);
    const ship = sim.svc.sent(/\/shipping$/, 'POST');
    expect(ship).toHaveLength(1);

    sim.clock.advance(60_000);
    const { connector: reader } = connectorFor(sim);
    const { orders } = await syncWindow(reader, windowOf(T0, sim.clock.now()));
    const after = orders.find((o) => o.externalOrderId === order.externalOrderId);
    expect(after?.status).toBe('shipped');
    expect(after?.items.every((i) => i.quantityShipped === i.quantity)).toBe(true);
  });

  it('sends nothing when the tracking number is already on the order', async () => {
    const [order] = await createdOrders();
    const { connector } = connectorFor(sim);
    await connector.pushTracking(push(order));
    const before = connector.apiCalls;
    await expect(connector.pushTracking(push(order))).resolves.toEqual({ outcome: 'already_pushed' });
    expect(connector.apiCalls - before).toBe(1); // the read only
    expect(sim.svc.sent(/\/shipping$/, 'POST')).toHaveLength(1);
  });

  it('a shipment whose answer was lost is read back on retry, never sent twice', async () => {
    const [order] = await createdOrders();
    let dropped = 0;
    const { connector } = connectorFor(sim, {
      fetchImpl: async (input, init) => {
        const res = await fetch(input, init);
        if (String(input).endsWith('/shipping') && dropped++ === 0) throw Object.assign(new Error('timeout'), { name: 'TimeoutError' });
        return res;
      },
    });
    await expect(connector.pushTracking(push(order))).resolves.toEqual({ outcome: 'already_pushed' });
    expect(dropped).toBe(1);
    expect(sim.svc.sent(/\/shipping$/, 'POST')).toHaveLength(1);
  });

  it('ships only the lines and quantities asked for', async () => {
    const order = (await createdOrders()).find((o) => o.items.length > 1 || o.items[0].quantity > 1);
    if (!order) throw new Error('the catalog has no multi-unit order in the window');
    const first = order.items[0];
    const { connector } = connectorFor(sim);
    await connector.pushTracking(push(order, { lines: [{ lineId: first.lineId, quantity: 1 }] }));
    const after = await readBack(order.externalOrderId);
    expect(after.items.find((i) => i.lineId === first.lineId)?.quantityShipped).toBe(1);
    expect(after.items.reduce((n, i) => n + i.quantityShipped, 0)).toBe(1);
    expect(after.status).not.toBe('shipped');
  });

  it('a carrier outside Walmart\'s list goes as otherCarrier with its tracking URL, and needs one', async () => {
    const [order] = await createdOrders();
    const { connector } = connectorFor(sim);
    const other = push(order, { carrier: 'yodel', carrierName: 'Yodel', trackingNumber: 'JD0002212345' });
    await expect(connector.pushTracking(other)).rejects.toThrow(/Yodel is not on Walmart's carrier list, so a tracking URL is required/);
    expect(sim.svc.sent(/\/shipping$/, 'POST')).toHaveLength(0);
    await expect(connector.pushTracking({ ...other, trackingUrl: 'https://www.yodel.co.uk/tracking/JD0002212345' })).resolves.toEqual({ outcome: 'pushed' });
    const [sent] = sim.svc.sent(/\/shipping$/, 'POST');
    expect(sent.body).toContain('"otherCarrier":"Yodel"');
  });

  it('a line that is not open to ship is a permanent error, and nothing is sent', async () => {
    const [order] = await createdOrders();
    const { connector } = connectorFor(sim);
    const error = await connector.pushTracking(push(order, { lines: [{ lineId: '99', quantity: 1 }] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketplaceError);
    expect((error as MarketplaceError).kind).toBe('permanent');
    expect(sim.svc.sent(/\/(shipping|acknowledge)$/, 'POST')).toHaveLength(0);
  });

  it('another tracking number for a fully shipped order is refused after the read, nothing sent', async () => {
    const [order] = await createdOrders();
    const { connector } = connectorFor(sim);
    await connector.pushTracking(push(order));
    const error = await connector.pushTracking(push(order, { trackingNumber: '9400111899223100009999' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'permanent', message: expect.stringMatching(/no line of this order is left to ship/) });
    expect(sim.svc.sent(/\/shipping$/, 'POST')).toHaveLength(1);
  });
});
