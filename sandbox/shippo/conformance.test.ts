// Every operation the simulator implements, success and error paths, judged against the official
// models: the shippo SDK's zod inbound schemas (Speakeasy-generated from Shippo's OpenAPI file).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Address$inboundSchema,
  AddressPaginatedList$inboundSchema,
  Parcel$inboundSchema,
  Rate$inboundSchema,
  RatePaginatedList$inboundSchema,
  Refund$inboundSchema,
  RefundPaginatedList$inboundSchema,
  Shipment$inboundSchema,
  ShipmentPaginatedList$inboundSchema,
  Track$inboundSchema,
  Transaction$inboundSchema,
  TransactionPaginatedList$inboundSchema,
  Webhook$inboundSchema,
  WebhookPaginatedList$inboundSchema,
} from 'shippo/models/components';
import { buyLabel, FROM, OTHER_KEY, PARCEL, sdkParse, startShippo, TO, type Sim } from './testkit';

/** Django REST Framework error bodies: `{"detail": "..."}` or a map of field → messages. */
function isDrfError(body: unknown): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const entries = Object.entries(body as Record<string, unknown>);
  if (!entries.length) return false;
  if ('detail' in body) return entries.length === 1 && typeof (body as { detail: unknown }).detail === 'string';
  return entries.every(([, v]) => Array.isArray(v) || (typeof v === 'object' && v !== null));
}

let sim: Sim;
beforeAll(async () => {
  sim = await startShippo();
});
afterAll(() => sim.close());

async function expectConforms(schema: Parameters<typeof sdkParse>[0], res: { status: number; body: unknown }, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(await sdkParse(schema, res.body, status)).toEqual([]);
}

describe('success responses parse with the SDK inbound schemas', () => {
  it('addresses', async () => {
    const plain = await sim.call('POST', '/addresses', TO);
    await expectConforms(Address$inboundSchema, plain, 201);
    await expectConforms(Address$inboundSchema, await sim.call('POST', '/addresses', { ...TO, validate: true }), 201);
    const bad = await sim.call('POST', '/addresses', { ...TO, zip: '99999', validate: true });
    await expectConforms(Address$inboundSchema, bad, 201);
    expect(bad.body.validation_results.is_valid).toBe(false);
    await expectConforms(Address$inboundSchema, await sim.call('GET', `/addresses/${plain.body.object_id}`), 200);
    await expectConforms(Address$inboundSchema, await sim.call('GET', `/addresses/${plain.body.object_id}/validate`), 200);
    await expectConforms(AddressPaginatedList$inboundSchema, await sim.call('GET', '/addresses?page=1&results=2'), 200);
  });

  it('parcels, shipments and rates', async () => {
    const parcel = await sim.call('POST', '/parcels', PARCEL);
    await expectConforms(Parcel$inboundSchema, parcel, 201);
    await expectConforms(Parcel$inboundSchema, await sim.call('GET', `/parcels/${parcel.body.object_id}`), 200);
    const sync = await sim.call('POST', '/shipments', { address_from: FROM, address_to: TO, parcels: [parcel.body.object_id], async: false });
    await expectConforms(Shipment$inboundSchema, sync, 201);
    expect(sync.body.rates.length).toBeGreaterThan(0);
    const queued = await sim.call('POST', '/shipments', { address_from: FROM, address_to: TO, parcels: [PARCEL] });
    await expectConforms(Shipment$inboundSchema, queued, 201);
    expect(queued.body.status).toBe('QUEUED');
    await expectConforms(Shipment$inboundSchema, await sim.call('GET', `/shipments/${queued.body.object_id}`), 200);
    await expectConforms(ShipmentPaginatedList$inboundSchema, await sim.call('GET', '/shipments'), 200);
    await expectConforms(RatePaginatedList$inboundSchema, await sim.call('GET', `/shipments/${sync.body.object_id}/rates`), 200);
    await expectConforms(RatePaginatedList$inboundSchema, await sim.call('GET', `/shipments/${sync.body.object_id}/rates/EUR`), 200);
    await expectConforms(Rate$inboundSchema, await sim.call('GET', `/rates/${sync.body.rates[0].object_id}`), 200);
    const refused = await sim.call('POST', '/shipments', {
      address_from: FROM, address_to: { ...TO, zip: '10001' }, parcels: [PARCEL], async: false,
    });
    await expectConforms(Shipment$inboundSchema, refused, 201);
    expect(refused.body.rates).toEqual([]);
    expect(refused.body.messages.length).toBe(3);
  });

  it('transactions (SUCCESS, QUEUED, ERROR, instalabel) and their list', async () => {
    const { rate, tx } = await buyLabel(sim);
    await expectConforms(Transaction$inboundSchema, tx, 201);
    expect(tx.body.status).toBe('SUCCESS');
    const again = await sim.call('POST', '/transactions', { rate: rate.object_id, async: false });
    await expectConforms(Transaction$inboundSchema, again, 201);
    expect(again.body.status).toBe('ERROR');
    const queued = await buyLabel(sim, { async: true, token: 'ups_ground' });
    await expectConforms(Transaction$inboundSchema, queued.tx, 201);
    expect(queued.tx.body.status).toBe('QUEUED');
    await expectConforms(Transaction$inboundSchema, await sim.call('GET', `/transactions/${queued.tx.body.object_id}`), 200);
    await expectConforms(TransactionPaginatedList$inboundSchema, await sim.call('GET', `/transactions?rate=${rate.object_id}`), 200);
    const ship = await sim.call('POST', '/shipments', { address_from: FROM, address_to: TO, parcels: [PARCEL], async: false });
    const insta = await sim.call('POST', '/transactions', {
      shipment: { address_from: FROM, address_to: TO, parcels: [PARCEL] },
      carrier_account: ship.body.rates[0].carrier_account,
      servicelevel_token: 'usps_ground_advantage',
      async: false,
    });
    await expectConforms(Transaction$inboundSchema, insta, 201);
    expect(typeof insta.body.rate).toBe('object');
  });

  it('refunds', async () => {
    const { tx } = await buyLabel(sim);
    const refund = await sim.call('POST', '/refunds', { transaction: tx.body.object_id, async: false });
    await expectConforms(Refund$inboundSchema, refund, 201);
    await expectConforms(Refund$inboundSchema, await sim.call('GET', `/refunds/${refund.body.object_id}`), 200);
    await expectConforms(RefundPaginatedList$inboundSchema, await sim.call('GET', '/refunds'), 200);
    await expectConforms(Transaction$inboundSchema, await sim.call('GET', `/transactions/${tx.body.object_id}`), 200);
  });

  it('tracks through PRE_TRANSIT, TRANSIT and DELIVERED, test numbers and unknown numbers', async () => {
    const { tx } = await buyLabel(sim, { token: 'fedex_home_delivery' });
    const path = `/tracks/fedex/${tx.body.tracking_number}`;
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      const t = await sim.call('GET', path);
      await expectConforms(Track$inboundSchema, t, 200);
      seen.push(t.body.tracking_status.status);
      sim.clock.advance(24 * 3_600_000);
    }
    expect(seen[0]).toBe('PRE_TRANSIT');
    expect(seen).toContain('TRANSIT');
    expect(seen[seen.length - 1]).toBe('DELIVERED');
    for (const n of ['SHIPPO_PRE_TRANSIT', 'SHIPPO_TRANSIT', 'SHIPPO_DELIVERED', 'SHIPPO_RETURNED', 'SHIPPO_FAILURE', 'SHIPPO_UNKNOWN']) {
      await expectConforms(Track$inboundSchema, await sim.call('GET', `/tracks/shippo/${n}`), 200);
    }
    await expectConforms(Track$inboundSchema, await sim.call('GET', '/tracks/usps/9400100000000000000000'), 200);
    await expectConforms(Track$inboundSchema, await sim.call('POST', '/tracks', { carrier: 'shippo', tracking_number: 'SHIPPO_TRANSIT', metadata: 'Order 1' }), 200);
  });

  it('webhooks', async () => {
    const hook = await sim.call('POST', '/webhooks', { event: 'track_updated', url: 'https://example-sandbox.test/hook?token=abc' });
    await expectConforms(Webhook$inboundSchema, hook, 201);
    await expectConforms(Webhook$inboundSchema, await sim.call('GET', `/webhooks/${hook.body.object_id}`), 200);
    await expectConforms(
      Webhook$inboundSchema,
      await sim.call('PUT', `/webhooks/${hook.body.object_id}`, { event: 'all', url: 'https://example-sandbox.test/h2', active: false }),
      200,
    );
    await expectConforms(WebhookPaginatedList$inboundSchema, await sim.call('GET', '/webhooks'), 200);
    expect((await sim.call('DELETE', `/webhooks/${hook.body.object_id}`)).status).toBe(204);
  });
});

describe('error responses carry Shippo (DRF) error bodies', () => {
  const cases: Array<[string, () => Promise<{ status: number; body: unknown }>, number]> = [
    ['missing key', () => sim.call('GET', '/addresses', undefined, null), 401],
    ['unknown key', () => sim.call('GET', '/addresses', undefined, 'shippo_test_nope'), 401],
    ['unknown address', () => sim.call('GET', '/addresses/0123456789abcdef0123456789abcdef'), 404],
    ['unknown shipment', () => sim.call('GET', '/shipments/0123456789abcdef0123456789abcdef'), 404],
    ['unknown rate', () => sim.call('GET', '/rates/0123456789abcdef0123456789abcdef'), 404],
    ['unknown transaction', () => sim.call('GET', '/transactions/0123456789abcdef0123456789abcdef'), 404],
    ['unknown refund', () => sim.call('GET', '/refunds/0123456789abcdef0123456789abcdef'), 404],
    ['address without country', () => sim.call('POST', '/addresses', { ...TO, country: undefined }), 400],
    ['shipment without parcels', () => sim.call('POST', '/shipments', { address_from: FROM, address_to: TO }), 400],
    ['parcel with a bad unit', () => sim.call('POST', '/parcels', { ...PARCEL, mass_unit: 'stone' }), 400],
    ['transaction for an unknown rate', () => sim.call('POST', '/transactions', { rate: 'nope', async: false }), 400],
    ['transaction with a bad label type', () => sim.call('POST', '/transactions', { rate: 'nope', label_file_type: 'GIF' }), 400],
    ['refund of an unknown transaction', () => sim.call('POST', '/refunds', { transaction: 'nope' }), 400],
    ['track of an unknown carrier', () => sim.call('GET', '/tracks/pigeon/123'), 400],
    ['webhook with a bad event', () => sim.call('POST', '/webhooks', { event: 'order_shipped', url: 'https://x.test' }), 400],
    ['page past the end', () => sim.call('GET', '/refunds?page=99'), 404],
    ['malformed JSON', async () => {
      const res = await fetch(`${sim.url}/addresses`, { method: 'POST', headers: { authorization: `ShippoToken ${OTHER_KEY}`, 'content-type': 'application/json' }, body: '{"name":' });
      return { status: res.status, body: await res.json() };
    }, 400],
    ['wrong method', () => sim.call('DELETE', '/transactions'), 405],
  ];
  it.each(cases)('%s', async (_name, run, status) => {
    const res = await run();
    expect(res.status).toBe(status);
    expect(isDrfError(res.body), JSON.stringify(res.body)).toBe(true);
  });

  it("another account's object is a 403", async () => {
    const a = await sim.call('POST', '/addresses', TO, OTHER_KEY);
    const res = await sim.call('GET', `/addresses/${a.body.object_id}`);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ detail: 'You do not have permission to perform this action.' });
  });
});

describe('the schemas are strict enough to catch a wrong simulator', () => {
  it('rejects tracking_status as an object on a Transaction (shippo-javascript-sdk#109)', async () => {
    const { tx } = await buyLabel(sim);
    expect(await sdkParse(Transaction$inboundSchema, { ...tx.body, tracking_status: { status: 'TRANSIT' } })).not.toEqual([]);
    expect(await sdkParse(Shipment$inboundSchema, { object_id: 'x' })).not.toEqual([]);
  });
});
