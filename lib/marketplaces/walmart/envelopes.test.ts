// Walmart's error bodies come in three envelopes; the simulator answers in the one a test picks
// (its `errorEnvelope` knob) and the connector reads the code from each the same way: a search that
// finds nothing (404 CONTENT_NOT_FOUND) is an empty page, everything else a classified error
// naming Walmart's code.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MarketplaceError } from '@/lib/marketplaces/http';
import type { ErrorEnvelope } from '@/sandbox/walmart';
import { connectorFor, DAY, SMALL, startSim, T0, windowOf, type Sim, type AccountProfile } from '@/tests/support/marketplaces/walmart';
import { encodeListingsPage } from './page-token';
import { walmartErrors } from './wire';

/** A seller whose first order is a year away: zero orders, zero matches for any search. */
const EMPTY = {
  ...SMALL,
  clientId: 'esm-test-walmart-empty-0001',
  clientSecret: 'esm-test-walmart-empty-secret-0001',
  partnerId: '10005550002',
  sellerId: '105550002',
  profile: { seed: 'esm-walmart-empty', epochMs: T0 + 365 * DAY, intervalMs: 30 * 60_000 } satisfies AccountProfile,
};

const ENVELOPES: Array<Exclude<ErrorEnvelope, 'native'>> = ['errors', 'errors.error', 'error'];

let sim: Sim;
beforeEach(async () => {
  sim = await startSim({ accounts: [SMALL, EMPTY] });
});
afterEach(() => sim.close());

async function caught(p: Promise<unknown>): Promise<MarketplaceError> {
  const e = await p.then(() => null, (err) => err);
  expect(e).toBeInstanceOf(MarketplaceError);
  return e as MarketplaceError;
}

describe('walmartErrors reads every envelope in one place', () => {
  const item = { code: 'INVALID_REQUEST_PARAM.GMP_ORDER_API', field: 'limit', description: 'd', info: 'i', severity: 'ERROR', category: 'DATA' };
  it.each([
    ['errors[]', { errors: [item] }],
    ['errors.error[]', { errors: { error: [item] } }],
    ['error[]', { error: [item] }],
    ['errors.error single object', { errors: { error: item } }],
  ])('%s', (_name, body) => {
    expect(walmartErrors(body)).toEqual([item]);
  });
  it('ignores what is not an error body', () => {
    expect(walmartErrors('Service Unavailable')).toEqual([]);
    expect(walmartErrors({ errors: { something: 1 } })).toEqual([]);
    expect(walmartErrors({ errors: [{ description: 'no code' }] })).toEqual([]);
  });
});

describe.each(ENVELOPES)('the simulator answering in the %s envelope', (envelope) => {
  beforeEach(() => {
    sim.svc.errorEnvelope = envelope;
  });

  it('answers a search with no match with 404 CONTENT_NOT_FOUND in that envelope', async () => {
    const { connector } = connectorFor(sim, {}, EMPTY);
    await connector.verify(); // a token, so the raw call below is authorised like the connector's
    const token = await (connector as unknown as { client: { accessToken(): Promise<string> } }).client.accessToken();
    const res = await fetch(`${sim.url}/v3/orders?limit=1`, {
      headers: { 'WM_SEC.ACCESS_TOKEN': token, 'WM_QOS.CORRELATION_ID': 'x', 'WM_SVC.NAME': 'ESM', Accept: 'application/json' },
    });
    expect(res.status).toBe(404);
    const body = await res.json();
    const shape = envelope === 'errors.error' ? body.errors.error : envelope === 'errors' ? body.errors : body.error;
    expect(shape[0]).toMatchObject({ code: 'CONTENT_NOT_FOUND.GMP_ORDER_API', severity: 'INFO', category: 'APPLICATION' });
  });

  it('an account with zero orders verifies, and its orders and a search past the end are empty pages', async () => {
    const { connector } = connectorFor(sim, {}, EMPTY);
    expect(await connector.verify()).toEqual({ externalAccountId: EMPTY.clientId, displayName: `Walmart ${EMPTY.clientId}`, marketplaceCode: 'WALMART_US' });
    expect(await connector.fetchOrders(windowOf(T0 - 30 * DAY, T0), null)).toEqual({ records: [], next: null });
    expect(await connector.fetchOrder('999999999999')).toEqual({ records: [], next: null });
  });

  it('listings that match nothing are an empty page', async () => {
    const { connector } = connectorFor(sim);
    // The simulated catalog is small: a cursor past the last SKU is a 400, but a SKU filter with no
    // match is Walmart's 404 CONTENT_NOT_FOUND. The connector does not filter, so ask directly.
    const token = await (connector as unknown as { client: { accessToken(): Promise<string> } }).client.accessToken();
    const res = await fetch(`${sim.url}/v3/items?sku=NOPE`, {
      headers: { 'WM_SEC.ACCESS_TOKEN': token, 'WM_QOS.CORRELATION_ID': 'x', 'WM_SVC.NAME': 'ESM', Accept: 'application/json' },
    });
    expect(res.status).toBe(404);
    expect(walmartErrors(await res.json())[0].code).toBe('CONTENT_NOT_FOUND.GMP_ITEM_QUERY_API');
  });

  it('a 400 is permanent and names Walmart code, read from this envelope', async () => {
    const { connector } = connectorFor(sim);
    // A cursor Walmart never issued: 400 INVALID_REQUEST_PARAM.
    const err = await caught(connector.fetchListings(encodeListingsPage({ cursor: 'bm9wZQ==', fetched: 1 })));
    expect(err.kind).toBe('permanent');
    expect(err.details).toMatchObject({ status: 400, code: 'INVALID_REQUEST_PARAM.GMP_ITEM_QUERY_API' });
  });

  it('a 401 is auth, a 429 rate_limited and a 500 transient, each with its code', async () => {
    const bad = connectorFor(sim, { credentials: { clientId: SMALL.clientId, clientSecret: 'wrong' } }).connector;
    const auth = await caught(bad.verify());
    expect(auth.kind).toBe('auth');
    expect(auth.details.code).toMatch(/^UNAUTHORIZED/);

    const { connector } = connectorFor(sim);
    await connector.verify();
    sim.svc.faults = { rate500: 1 };
    const server = await caught(connector.fetchOrders(windowOf(T0 - DAY, T0), null));
    expect([server.kind, server.details.status, server.details.code]).toEqual(['transient', 500, 'SYSTEM_ERROR.GMP_GATEWAY_API']);
    sim.svc.faults = { rate429: 1 };
    const throttled = await caught(connector.fetchOrders(windowOf(T0 - DAY, T0), null));
    expect([throttled.kind, throttled.details.status, throttled.details.code]).toEqual(['rate_limited', 429, 'REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API']);
  });

  it('a 404 that is not CONTENT_NOT_FOUND (an unknown path) stays an error', async () => {
    const { connector } = connectorFor(sim);
    const client = (connector as unknown as { client: { get(op: string, p: string, s: unknown): Promise<unknown> } }).client;
    const { z } = await import('zod');
    const err = await caught(client.get('getAllOrders', '/v3/no-such-resource', z.unknown()));
    expect([err.kind, err.details.code]).toEqual(['not_found', 'URI_NOT_FOUND.GMP_GATEWAY_API']);
  });
});
