// Amazon writes against the SP-API simulator over real HTTP: confirmShipment with the mapped carrier
// and a package reference, the package seen in later searchOrders results, a confirmation Amazon
// dropped after its 204 (SP-API models #5232) confirmed again, nothing sent twice, "Other" for
// carriers outside Amazon's list, and the capabilities the connector declares.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { capabilitiesOf, CapabilityNotSupported, requireCapability, type TrackingPush } from '@/lib/marketplaces/capabilities';
import { AMAZON_DEMO_CLIENT_ID } from '@/sandbox/amazon';
import { RateLimits } from '@/lib/marketplaces/http';
import type { NormalizedOrder } from '@/lib/marketplaces/types';
import { amazonBucket } from './limits';
import { connectorFor, DAY, drainOrders, HOUR, MINUTE, NOW, SimTimer, SMALL, spRequests, startSim, type Sim } from '@/tests/support/marketplaces/amazon';

let sim: Sim;
beforeEach(async () => {
  sim = await startSim();
});
afterEach(() => sim.close());

const connector = () => connectorFor(sim, { account: SMALL, timer: new SimTimer(sim.clock) });

async function unshipped(): Promise<NormalizedOrder[]> {
  const orders = await drainOrders(connector(), { updatedFrom: new Date(NOW - 3 * DAY), updatedTo: new Date(NOW - 5 * MINUTE) });
  const open = orders.filter((o) => o.status === 'unshipped' && o.items.every((i) => i.quantityShipped === 0));
  expect(open.length).toBeGreaterThan(1);
  return open;
}

const push = (o: NormalizedOrder, extra: Partial<TrackingPush> = {}): TrackingPush => ({
  externalOrderId: o.externalOrderId,
  carrier: 'fedex',
  serviceLevel: 'FedEx Ground',
  trackingNumber: '112345678901',
  shippedAt: new Date(NOW - HOUR),
  ...extra,
});

const confirms = () => spRequests(sim).filter((r) => r.method === 'POST' && r.path.endsWith('/shipmentConfirmation'));

describe('Amazon capabilities', () => {
  it('declares pushTracking only; acknowledgeOrders and updateOffer answer NotSupported', () => {
    const c = connector();
    expect(capabilitiesOf(c)).toEqual(['pushTracking']);
    expect(() => requireCapability(c, 'updateOffer')).toThrow(CapabilityNotSupported);
    expect(() => requireCapability(c, 'acknowledgeOrders')).toThrow('amazon does not support acknowledgeOrders');
  });
});

describe('pushTracking (confirmShipment)', () => {
  it('confirms every open item as package 1 with the mapped carrier; the next searchOrders shows it shipped', async () => {
    const [order] = await unshipped();
    await expect(connector().pushTracking(push(order))).resolves.toEqual({ outcome: 'pushed' });
    const [sent] = confirms();
    expect(JSON.parse(sent.body)).toMatchObject({
      marketplaceId: 'ATVPDKIKX0DER',
      packageDetail: { packageReferenceId: '1', carrierCode: 'FedEx', shippingMethod: 'FedEx Ground', trackingNumber: '112345678901', shipDate: new Date(NOW - HOUR).toISOString() },
    });

    sim.clock.advance(10 * MINUTE);
    const after = (await drainOrders(connector(), { updatedFrom: new Date(NOW - MINUTE), updatedTo: new Date(NOW + 5 * MINUTE) })).find(
      (o) => o.externalOrderId === order.externalOrderId,
    );
    expect(after?.status).toBe('shipped');
    expect(after?.items.every((i) => i.quantityShipped === i.quantity)).toBe(true);
  });

  it('sends nothing when the order already shows a package with this tracking number', async () => {
    const [order] = await unshipped();
    const c = connector();
    await c.pushTracking(push(order));
    await expect(c.pushTracking(push(order))).resolves.toEqual({ outcome: 'already_pushed' });
    expect(confirms()).toHaveLength(1);
  });

  it('a confirmation Amazon dropped after its 204 is seen on read-back and sent again', async () => {
    const [order] = await unshipped();
    sim.svc.world.quirks.droppedConfirmations = 1;
    await expect(connector().pushTracking(push(order))).resolves.toEqual({ outcome: 'pushed' });
    expect(confirms()).toHaveLength(2);
  });

  it('a second package of the same order takes the next package reference', async () => {
    const order = (await unshipped()).find((o) => o.items.length > 1 || o.items[0].quantity > 1);
    if (!order) throw new Error('the catalog has no multi-unit order in the window');
    const c = connector();
    const first = order.items[0];
    await c.pushTracking(push(order, { lines: [{ lineId: first.lineId, quantity: 1 }] }));
    await c.pushTracking(push(order, { trackingNumber: '112345678902' }));
    expect(confirms().map((r) => JSON.parse(r.body).packageDetail.packageReferenceId)).toEqual(['1', '2']);
  });

  it('a carrier outside Amazon\'s list goes as Other with its name', async () => {
    const [order] = await unshipped();
    await connector().pushTracking(push(order, { carrier: 'yodel', carrierName: 'Yodel', trackingNumber: 'JD0002212345' }));
    expect(JSON.parse(confirms()[0].body).packageDetail).toMatchObject({ carrierCode: 'Other', carrierName: 'Yodel' });
  });

  it('confirmShipment spends its own bucket (2 rps, burst 10): an empty bucket waits half a second', async () => {
    const [order] = await unshipped();
    const timer = new SimTimer(sim.clock);
    const limits = new RateLimits(timer);
    amazonBucket(limits, AMAZON_DEMO_CLIENT_ID, SMALL.sellingPartnerId, 'confirmShipment').drain();
    await connectorFor(sim, { account: SMALL, timer, limits }).pushTracking(push(order));
    expect(timer.sleeps).toEqual([500]);
  });

  it('Amazon refusing the confirmation is a permanent error with its code, never retried', async () => {
    const [order] = await unshipped();
    const error = await connector().pushTracking(push(order, { lines: [{ lineId: order.items[0].lineId, quantity: 999 }] })).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'permanent', details: { status: 400, code: 'InvalidInput' } });
    expect(confirms()).toHaveLength(1);
  });
});
