// eBay writes against the simulator over real HTTP: createShippingFulfillment with the mapped
// carrier, the push seen in later getOrders results, no double push when an answer is lost, the
// "Other" carrier form, and the capabilities the connector declares.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capabilitiesOf, CapabilityNotSupported, requireCapability, type TrackingPush } from '@/lib/marketplaces/capabilities';
import type { NormalizedOrder } from '@/lib/marketplaces/types';
import { connector, HOUR, readWindow, startSim, T0, type Sim } from '@/tests/support/marketplaces/ebay';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.close());

const window = (from: number, to: number) => ({ updatedFrom: new Date(from), updatedTo: new Date(to) });

async function unshipped(): Promise<NormalizedOrder[]> {
  const { orders } = await readWindow(connector(sim), window(T0 - 48 * HOUR, T0));
  const open = orders.filter((o) => o.status === 'unshipped' && o.items.every((i) => i.quantityShipped === 0));
  expect(open.length).toBeGreaterThan(1);
  return open;
}

const push = (o: NormalizedOrder, extra: Partial<TrackingPush> = {}): TrackingPush => ({
  externalOrderId: o.externalOrderId,
  carrier: 'ups',
  trackingNumber: '1Z999AA10123456784',
  shippedAt: new Date(T0 - HOUR),
  ...extra,
});

const posts = () => sim.svc.sent(/\/shipping_fulfillment$/, 'POST');

describe('eBay capabilities', () => {
  it('declares pushTracking only; acknowledgeOrders and updateOffer answer NotSupported', () => {
    const c = connector(sim);
    expect(capabilitiesOf(c)).toEqual(['pushTracking']);
    expect(() => requireCapability(c, 'acknowledgeOrders')).toThrow(CapabilityNotSupported);
    expect(() => requireCapability(c, 'acknowledgeOrders')).toThrow('ebay does not support acknowledgeOrders');
  });
});

describe('pushTracking (createShippingFulfillment)', () => {
  it('ships every open line with the mapped carrier, and the next getOrders shows the order shipped', async () => {
    const [order] = await unshipped();
    const c = connector(sim);
    await expect(c.pushTracking(push(order))).resolves.toEqual({ outcome: 'pushed' });
    const [sent] = posts();
    expect(JSON.parse(sent.body)).toMatchObject({ shippingCarrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shippedDate: new Date(T0 - HOUR).toISOString() });

    sim.clock.advance(60_000);
    const { orders } = await readWindow(connector(sim), window(T0, sim.clock.now()));
    const after = orders.find((o) => o.externalOrderId === order.externalOrderId);
    expect(after?.status).toBe('shipped');
    expect(after?.items.every((i) => i.quantityShipped === i.quantity)).toBe(true);
  });

  it('sends nothing when a fulfillment with this tracking number exists', async () => {
    const [order] = await unshipped();
    const c = connector(sim);
    await c.pushTracking(push(order));
    await expect(c.pushTracking(push(order))).resolves.toEqual({ outcome: 'already_pushed' });
    expect(posts()).toHaveLength(1);
  });

  it('a fulfillment whose answer was lost is read back on retry, never posted twice', async () => {
    const [order] = await unshipped();
    let dropped = 0;
    const c = connector(sim, {
      fetchImpl: async (input, init) => {
        const res = await fetch(input, init);
        if (init?.method === 'POST' && String(input).endsWith('/shipping_fulfillment') && dropped++ === 0) {
          throw Object.assign(new Error('timeout'), { name: 'TimeoutError' });
        }
        return res;
      },
    });
    await expect(c.pushTracking(push(order))).resolves.toEqual({ outcome: 'already_pushed' });
    expect(dropped).toBe(1);
    expect(posts()).toHaveLength(1);
  });

  it('an unlisted carrier goes as "Other" with its tracking number', async () => {
    const [, order] = await unshipped();
    await connector(sim).pushTracking(push(order, { carrier: 'lasership', carrierName: 'LaserShip', trackingNumber: 'LX12345678' }));
    expect(JSON.parse(posts()[0].body)).toMatchObject({ shippingCarrierCode: 'Other', trackingNumber: 'LX12345678' });
  });

  it('eBay refusing the fulfillment (bad tracking number) is a permanent error with eBay\'s error id', async () => {
    const [order] = await unshipped();
    const error = await connector(sim).pushTracking(push(order, { trackingNumber: '1Z#' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'permanent', details: { code: '32300', status: 400 } });
  });
});
