// Authentication answers, per-minute rate limits (test keys get a tenth of live) and injected faults.
import { Shippo } from 'shippo';
import { SDKError } from 'shippo/models/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, LIVE_KEY, startShippo, type Sim } from './testkit';

let sim: Sim;
afterEach(() => sim?.close());

const raw = (authorization?: string) =>
  fetch(`${sim.url}/addresses`, { headers: authorization === undefined ? {} : { authorization } }).then(async (r) => ({
    status: r.status,
    body: await r.json(),
    challenge: r.headers.get('www-authenticate'),
  }));

describe('authentication', () => {
  it('answers like DRF token auth with the ShippoToken keyword', async () => {
    sim = await startShippo();
    expect(await raw()).toEqual({ status: 401, body: { detail: 'Authentication credentials were not provided.' }, challenge: 'ShippoToken' });
    expect((await raw(`Bearer ${KEY}`)).body).toEqual({ detail: 'Authentication credentials were not provided.' });
    expect((await raw(KEY)).body).toEqual({ detail: 'Authentication credentials were not provided.' });
    expect((await raw('ShippoToken')).body).toEqual({ detail: 'Invalid token header. No credentials provided.' });
    expect((await raw('ShippoToken a b')).body).toEqual({ detail: 'Invalid token header. Token string should not contain spaces.' });
    expect((await raw('ShippoToken shippo_test_unknown')).body).toEqual({ detail: 'Invalid token.' });
    expect((await raw(`ShippoToken ${KEY}`)).status).toBe(200);
  });

  it('marks objects test or live by the key', async () => {
    sim = await startShippo();
    const test = await sim.call('POST', '/parcels', { length: '1', width: '1', height: '1', distance_unit: 'in', weight: '1', mass_unit: 'lb' });
    const live = await sim.call('POST', '/parcels', { length: '1', width: '1', height: '1', distance_unit: 'in', weight: '1', mass_unit: 'lb' }, LIVE_KEY);
    expect(test.body.test).toBe(true);
    expect(live.body.test).toBe(false);
  });

  it('unknown paths and methods get DRF answers', async () => {
    sim = await startShippo();
    expect((await sim.call('GET', '/orders-that-do-not-exist')).status).toBe(404);
    const m = await sim.call('PATCH', '/addresses');
    expect(m).toMatchObject({ status: 405, body: { detail: 'Method "PATCH" not allowed.' } });
  });
});

describe('rate limits per minute', () => {
  it('a test key may list transactions 10 times a minute, then gets 429 until the bucket refills', async () => {
    sim = await startShippo();
    for (let i = 0; i < 10; i++) expect((await sim.call('GET', '/transactions')).status).toBe(200);
    const limited = await sim.call('GET', '/transactions');
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ detail: 'Request was throttled. Expected available in 6 seconds.' });
    expect(limited.headers.get('retry-after')).toBe('6');
    expect(limited.headers.get('x-ratelimit-limit')).toBe('10');
    // Other endpoints and other kinds of call have their own buckets.
    expect((await sim.call('GET', '/refunds')).status).toBe(200);
    expect((await sim.call('GET', '/transactions/0123456789abcdef0123456789abcdef')).status).toBe(404);
    sim.clock.advance(6_000);
    expect((await sim.call('GET', '/transactions')).status).toBe(200);
    expect((await sim.call('GET', '/transactions')).status).toBe(429);
  });

  it('live keys get the live limits (50 list calls a minute)', async () => {
    sim = await startShippo();
    for (let i = 0; i < 50; i++) expect((await sim.call('GET', '/refunds', undefined, LIVE_KEY)).status).toBe(200);
    expect((await sim.call('GET', '/refunds', undefined, LIVE_KEY)).status).toBe(429);
  });

  it('the SDK surfaces a 429 as SDKError (retries are off by default)', async () => {
    sim = await startShippo();
    const shippo = new Shippo({ apiKeyHeader: KEY, serverURL: sim.url });
    for (let i = 0; i < 10; i++) await shippo.addresses.list();
    const err = await shippo.addresses.list().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SDKError);
    expect((err as SDKError).statusCode).toBe(429);
  });

  it('can be switched off for load tests', async () => {
    sim = await startShippo({ rateLimits: false });
    for (let i = 0; i < 15; i++) expect((await sim.call('GET', '/transactions')).status).toBe(200);
  });
});

describe('injected faults use Shippo error bodies', () => {
  it('429, 500 and 503', async () => {
    sim = await startShippo();
    sim.svc.faults = { rate429: 1 };
    const t = await sim.call('GET', '/addresses');
    expect(t.status).toBe(429);
    expect(t.body.detail).toMatch(/^Request was throttled/);
    sim.svc.faults = { rate500: 1 };
    const e = await sim.call('GET', '/addresses');
    expect(e.status).toBe(500);
    expect(e.headers.get('content-type')).toBe('text/html');
    sim.svc.faults = { rate503: 1, pathPattern: /^\/transactions/ };
    expect((await sim.call('GET', '/transactions')).status).toBe(503);
    expect((await sim.call('GET', '/addresses')).status).toBe(200);
  });
});
