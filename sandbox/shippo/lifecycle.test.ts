// Label lifecycle on the SimClock: async purchases, purchase failures, reconciliation lists,
// multi-piece labels, refunds (and refusals once scanned) and tracking progress.
import { afterEach, describe, expect, it } from 'vitest';
import { buyLabel, FROM, PARCEL, startShippo, TO, type Sim } from './testkit';

const HOUR = 3_600_000;
let sim: Sim;
afterEach(() => sim?.close());

describe('purchases', () => {
  it('async purchases settle on a later GET, or once simulated time has passed', async () => {
    sim = await startShippo({ rateLimits: false, timings: { asyncPolls: 2 } });
    const a = await buyLabel(sim, { async: true });
    expect(a.tx.body).toMatchObject({ status: 'QUEUED', tracking_number: '', label_url: '' });
    expect((await sim.call('GET', `/transactions/${a.tx.body.object_id}`)).body.status).toBe('QUEUED');
    const second = await sim.call('GET', `/transactions/${a.tx.body.object_id}`);
    expect(second.body.status).toBe('SUCCESS');
    expect(second.body.tracking_number).toMatch(/^9400111\d{15}$/);

    const b = await buyLabel(sim, { async: true, token: 'ups_ground' });
    const listed = async () => (await sim.call('GET', `/transactions?rate=${b.rate.object_id}`)).body.results[0].status;
    expect(await listed()).toBe('QUEUED');
    sim.clock.advance(sim.svc.world.timings.asyncDelayMs);
    expect(await listed()).toBe('SUCCESS');
  });

  it('buying the same rate twice yields an ERROR transaction; reconciliation finds both', async () => {
    sim = await startShippo({ rateLimits: false });
    const { rate, tx } = await buyLabel(sim);
    const again = await sim.call('POST', '/transactions', { rate: rate.object_id, async: false });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ status: 'ERROR', object_state: 'INVALID', tracking_number: '' });
    expect(again.body.messages).toEqual([{ source: 'Shippo', code: '', text: 'This rate has already been purchased.' }]);
    const list = await sim.call('GET', `/transactions?rate=${rate.object_id}`);
    expect(list.body.results.map((t: { status: string }) => t.status)).toEqual(['ERROR', 'SUCCESS']);
    const ok = await sim.call('GET', `/transactions?rate=${rate.object_id}&object_status=SUCCESS`);
    expect(ok.body.results.map((t: { object_id: string }) => t.object_id)).toEqual([tx.body.object_id]);
    expect((await sim.call('GET', '/transactions?object_status=DONE')).status).toBe(400);
  });

  it('a rate older than 7 days cannot be bought', async () => {
    sim = await startShippo({ rateLimits: false });
    const s = await sim.call('POST', '/shipments', { address_from: FROM, address_to: TO, parcels: [PARCEL], async: false });
    sim.clock.advance(7 * 24 * HOUR + 1);
    const t = await sim.call('POST', '/transactions', { rate: s.body.rates[0].object_id, async: false });
    expect(t.body.status).toBe('ERROR');
    expect(t.body.messages[0].text).toMatch(/expired/);
  });

  it('a recipient without a street number gets rates but the label purchase fails', async () => {
    sim = await startShippo({ rateLimits: false });
    const { shipment, tx } = await buyLabel(sim, { to: { ...TO, street1: 'Maple Dr' } });
    expect(shipment.rates.length).toBeGreaterThan(0);
    expect(tx.body.status).toBe('ERROR');
    expect(tx.body.messages[0]).toEqual({
      source: 'USPS', code: '', text: 'The recipient address could not be validated by the carrier: The address is missing a street number.',
    });
    const incomplete = await buyLabel(sim, { to: { ...TO, name: '' } });
    expect(incomplete.tx.body.messages[0].text).toBe("For an Address to be PURCHASE'able, all information must be provided.");
  });

  it('multi-piece shipments get one transaction (label) per parcel under the same rate', async () => {
    sim = await startShippo({ rateLimits: false });
    const s = await sim.call('POST', '/shipments', { address_from: FROM, address_to: TO, parcels: [PARCEL, { ...PARCEL, weight: '5' }], async: false });
    const ups = s.body.rates.find((r: { provider: string }) => r.provider === 'UPS');
    await sim.call('POST', '/transactions', { rate: ups.object_id, async: false });
    const list = await sim.call('GET', `/transactions?rate=${ups.object_id}`);
    expect(list.body.results).toHaveLength(2);
    const numbers = list.body.results.map((t: { tracking_number: string }) => t.tracking_number);
    expect(new Set(numbers).size).toBe(2);
    for (const n of numbers) expect(n).toMatch(/^1Z9A9X2703\d{8}$/);
  });

  it('pages transaction lists with absolute next/previous links', async () => {
    sim = await startShippo({ rateLimits: false });
    for (let i = 0; i < 3; i++) await buyLabel(sim);
    const p1 = await sim.call('GET', '/transactions?results=2');
    expect(p1.body.results).toHaveLength(2);
    expect(p1.body.previous).toBeNull();
    const next = new URL(p1.body.next);
    expect(next.origin).toBe(sim.url);
    expect(next.searchParams.get('page')).toBe('2');
    const p2 = await sim.call('GET', next.pathname + next.search);
    expect(p2.body.results).toHaveLength(1);
    expect(p2.body.next).toBeNull();
    expect(new URL(p2.body.previous).searchParams.get('page')).toBe('1');
    expect((await sim.call('GET', '/transactions?results=2&page=3')).body).toEqual({ detail: 'Invalid page.' });
  });
});

describe('refunds and tracking on the SimClock', () => {
  it('a refund goes QUEUED → PENDING → SUCCESS and the label stays PRE_TRANSIT', async () => {
    sim = await startShippo({ rateLimits: false });
    const { tx } = await buyLabel(sim);
    const r = await sim.call('POST', '/refunds', { transaction: tx.body.object_id });
    expect(r.body.status).toBe('QUEUED');
    expect((await sim.call('GET', `/transactions/${tx.body.object_id}`)).body.status).toBe('REFUNDPENDING');
    sim.clock.advance(sim.svc.world.timings.refundQueuedMs);
    expect((await sim.call('GET', `/refunds/${r.body.object_id}`)).body.status).toBe('PENDING');
    sim.clock.advance(sim.svc.world.timings.refundSettleMs);
    expect((await sim.call('GET', `/refunds/${r.body.object_id}`)).body.status).toBe('SUCCESS');
    const t = await sim.call('GET', `/transactions/${tx.body.object_id}`);
    expect(t.body.status).toBe('REFUNDED');
    sim.clock.advance(10 * 24 * HOUR);
    const track = await sim.call('GET', `/tracks/usps/${tx.body.tracking_number}`);
    expect(track.body.tracking_history.map((h: { status: string }) => h.status)).toEqual(['PRE_TRANSIT']);
    const twice = await sim.call('POST', '/refunds', { transaction: tx.body.object_id });
    expect(twice.status).toBe(400);
    expect(twice.body).toEqual({ transaction: ['A refund has already been requested for this transaction.'] });
  });

  it('a label the carrier already scanned is not refunded', async () => {
    sim = await startShippo({ rateLimits: false });
    const { tx } = await buyLabel(sim);
    sim.clock.advance(21 * HOUR);
    const r = await sim.call('POST', '/refunds', { transaction: tx.body.object_id, async: false });
    expect(r.body.status).toBe('PENDING');
    sim.clock.advance(sim.svc.world.timings.refundSettleMs);
    expect((await sim.call('GET', `/refunds/${r.body.object_id}`)).body.status).toBe('ERROR');
    expect((await sim.call('GET', `/transactions/${tx.body.object_id}`)).body.status).toBe('REFUNDREJECTED');
  });

  it('refusing refunds of unknown or failed transactions', async () => {
    sim = await startShippo({ rateLimits: false });
    const { rate } = await buyLabel(sim);
    const failed = await sim.call('POST', '/transactions', { rate: rate.object_id, async: false });
    const r = await sim.call('POST', '/refunds', { transaction: failed.body.object_id });
    expect(r.body).toEqual({ transaction: ['Only transactions with status SUCCESS can be refunded.'] });
    expect((await sim.call('POST', '/refunds', {})).body).toEqual({ transaction: ['This field is required.'] });
  });

  it('tracking moves PRE_TRANSIT → TRANSIT → DELIVERED and the transaction follows', async () => {
    sim = await startShippo({ rateLimits: false });
    const { tx } = await buyLabel(sim, { token: 'usps_ground_advantage' });
    const at = async (hours: number) => {
      sim.clock.advance(hours * HOUR);
      const t = await sim.call('GET', `/tracks/usps/${tx.body.tracking_number}`);
      const x = await sim.call('GET', `/transactions/${tx.body.object_id}`);
      expect(x.body.tracking_status).toBe(t.body.tracking_status.status);
      return t.body;
    };
    expect((await at(0)).tracking_status.status).toBe('PRE_TRANSIT');
    const transit = await at(21);
    expect(transit.tracking_status).toMatchObject({ status: 'TRANSIT', substatus: { code: 'package_accepted' } });
    expect(transit.tracking_status.location.city).toBe('Portland');
    const done = await at(5 * 24);
    expect(done.tracking_status.status).toBe('DELIVERED');
    expect(done.tracking_status.location.city).toBe('Austin');
    expect(done.tracking_history.map((h: { status: string }) => h.status)).toEqual(['PRE_TRANSIT', 'TRANSIT', 'TRANSIT', 'TRANSIT', 'DELIVERED']);
    expect(Date.parse(done.tracking_status.status_date)).toBe(Date.parse(done.eta));
    const delivered = await sim.call('GET', '/transactions?tracking_status=DELIVERED');
    expect(delivered.body.results.map((t: { object_id: string }) => t.object_id)).toEqual([tx.body.object_id]);
  });
});
