// The unmodified `shippo` SDK (v2.18) against the simulator over real HTTP, retries off.
import { PDFDocument } from 'pdf-lib';
import { Shippo } from 'shippo';
import { SDKError } from 'shippo/models/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FROM, KEY, startShippo, TO, type Sim } from './testkit';

let sim: Sim;
let shippo: Shippo;

beforeAll(async () => {
  sim = await startShippo();
  shippo = new Shippo({ apiKeyHeader: KEY, serverURL: sim.url, shippoApiVersion: '2018-02-08', retryConfig: { strategy: 'none' } });
});
afterAll(() => sim.close());

const parcel = { length: '10', width: '8', height: '4', distanceUnit: 'in', weight: '2', massUnit: 'lb' } as const;
const toSdk = { name: TO.name, street1: TO.street1, street2: TO.street2, city: TO.city, state: TO.state, zip: TO.zip, country: 'US' };

async function rates() {
  const shipment = await shippo.shipments.create({ addressFrom: { ...FROM }, addressTo: toSdk, parcels: [parcel], async: false });
  return shipment;
}

describe('shippo SDK against the simulator', () => {
  it('creates and validates an address', async () => {
    const created = await shippo.addresses.create({ ...toSdk, street1: '4120 Maple Drive', validate: true });
    expect(created.objectId).toMatch(/^[0-9a-f]{32}$/);
    expect(created.validationResults?.isValid).toBe(true);
    expect(created.street1).toBe('4120 Maple Dr');
    const plain = await shippo.addresses.create({ ...toSdk, state: 'CA' });
    expect(plain.validationResults?.isValid).toBeUndefined();
    const checked = await shippo.addresses.validate(plain.objectId as string);
    expect(checked.validationResults?.isValid).toBe(false);
    expect(checked.validationResults?.messages?.[0]?.code).toBe('component_mismatch_error');
    const fetched = await shippo.addresses.get(plain.objectId as string);
    expect(fetched.objectId).toBe(plain.objectId);
  });

  it('gets rates for a shipment and reads them back', async () => {
    const shipment = await rates();
    expect(shipment.status).toBe('SUCCESS');
    const tokens = shipment.rates.map((r) => r.servicelevel.token).sort();
    expect(tokens).toEqual(['fedex_home_delivery', 'ups_ground', 'usps_ground_advantage', 'usps_priority']);
    for (const r of shipment.rates) expect(r.amount).toMatch(/^\d+\.\d{2}$/);
    const listed = await shippo.rates.listShipmentRates(shipment.objectId);
    expect(listed.results?.map((r) => r.objectId)).toEqual(shipment.rates.map((r) => r.objectId));
    const one = await shippo.rates.get(shipment.rates[0].objectId);
    expect(one.amount).toBe(shipment.rates[0].amount);
  });

  it('buys a label synchronously, downloads the PDF, reconciles by rate, tracks and refunds it', async () => {
    const shipment = await rates();
    const rate = shipment.rates.find((r) => r.servicelevel.token === 'usps_priority')!;
    const tx = await shippo.transactions.create({ rate: rate.objectId, labelFileType: 'PDF_4x6', async: false, metadata: 'Order 1001' });
    expect(tx.status).toBe('SUCCESS');
    expect(tx.trackingNumber).toMatch(/^9400111\d{15}$/);
    expect(tx.trackingUrlProvider).toContain(tx.trackingNumber);
    const pdf = await fetch(tx.labelUrl as string);
    expect(pdf.status).toBe(200);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPage(0).getSize()).toEqual({ width: 288, height: 432 });

    const listed = await shippo.transactions.list({ rate: rate.objectId });
    expect(listed.results?.map((t) => t.objectId)).toEqual([tx.objectId]);
    expect((await shippo.transactions.list({ rate: shipment.rates[1].objectId })).results).toEqual([]);

    const track = await shippo.trackingStatus.get(tx.trackingNumber as string, 'usps');
    expect(track.trackingStatus?.status).toBe('PRE_TRANSIT');
    expect(track.transaction).toBe(tx.objectId);

    const refund = await shippo.refunds.create({ transaction: tx.objectId as string, async: false });
    expect(refund.status).toBe('PENDING');
    sim.clock.advance(sim.svc.world.timings.refundSettleMs);
    expect((await shippo.refunds.get(refund.objectId as string)).status).toBe('SUCCESS');
    expect((await shippo.transactions.get(tx.objectId as string)).status).toBe('REFUNDED');
    expect((await shippo.refunds.list({})).results?.some((r) => r.objectId === refund.objectId)).toBe(true);
  });

  it('an async purchase (the SDK default) is QUEUED without a tracking number, then SUCCESS', async () => {
    const shipment = await rates();
    const tx = await shippo.transactions.create({ rate: shipment.rates[0].objectId });
    expect(tx.status).toBe('QUEUED');
    expect(tx.trackingNumber ?? '').toBe('');
    const later = await shippo.transactions.get(tx.objectId as string);
    expect(later.status).toBe('SUCCESS');
    expect(later.trackingNumber).toBeTruthy();
  });

  it('tracks Shippo test numbers and registers one for webhooks', async () => {
    const t = await shippo.trackingStatus.get('SHIPPO_DELIVERED', 'shippo');
    expect(t.trackingHistory.map((h) => h.status)).toEqual(['PRE_TRANSIT', 'TRANSIT', 'DELIVERED']);
    const reg = await shippo.trackingStatus.create({ carrier: 'shippo', trackingNumber: 'SHIPPO_TRANSIT', metadata: 'Order 7' });
    expect(reg.trackingStatus?.status).toBe('TRANSIT');
    expect(reg.metadata).toBe('Order 7');
  });

  it('surfaces a wrong key as SDKError 401', async () => {
    const bad = new Shippo({ apiKeyHeader: 'shippo_test_wrong', serverURL: sim.url, retryConfig: { strategy: 'none' } });
    const err = await bad.addresses.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SDKError);
    expect((err as SDKError).statusCode).toBe(401);
    expect(JSON.parse((err as SDKError).body)).toEqual({ detail: 'Invalid token.' });
  });

  it('surfaces an unknown rate as SDKError 400 with the field error', async () => {
    const err = await shippo.transactions.create({ rate: '0123456789abcdef0123456789abcdef', async: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SDKError);
    expect((err as SDKError).statusCode).toBe(400);
    expect(JSON.parse((err as SDKError).body)).toEqual({ rate: ['Rate with object_id 0123456789abcdef0123456789abcdef was not found.'] });
  });

  it('sends the Authorization and SHIPPO-API-VERSION headers the simulator expects', () => {
    const sent = sim.svc.sent(/^\/addresses$/, 'POST')[0];
    expect(sent.headers.authorization).toBe(`ShippoToken ${KEY}`);
    expect(sent.headers['shippo-api-version']).toBe('2018-02-08');
  });
});
