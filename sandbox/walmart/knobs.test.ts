// The simulator's knobs for what live Walmart sends: every error in the envelope a test picks
// (`errorEnvelope`), and odd records (`OrderBook.oddities`, `oddItems`) in the shapes seen live.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWalmart, type Harness } from './test-support';

let h: Harness;
beforeEach(async () => {
  h = await startWalmart();
});
afterEach(() => h.close());

const items = (body: any, envelope: string) => (envelope === 'errors' ? body.errors : envelope === 'errors.error' ? body.errors.error : body.error);

describe('native envelopes (default)', () => {
  it('services answer {"errors":[...]}, the gateway {"error":[...]}', async () => {
    expect((await h.call('/v3/orders?limit=999')).body.errors[0].code).toBe('INVALID_REQUEST_PARAM.GMP_ORDER_API');
    expect((await h.call('/v3/orders', { token: 'nope' })).body.error[0].code).toBe('UNAUTHORIZED.GMP_GATEWAY_API');
  });
});

describe.each(['errors', 'errors.error', 'error'] as const)('errorEnvelope = %s', (envelope) => {
  beforeEach(() => {
    h.svc.errorEnvelope = envelope;
  });

  it.each([
    ['400', '/v3/orders?limit=999', undefined, 400, 'INVALID_REQUEST_PARAM.GMP_ORDER_API'],
    ['401', '/v3/orders', 'nope', 401, 'UNAUTHORIZED.GMP_GATEWAY_API'],
    ['404 no match', '/v3/orders?purchaseOrderId=1', undefined, 404, 'CONTENT_NOT_FOUND.GMP_ORDER_API'],
    ['404 unknown order', '/v3/orders/1', undefined, 404, 'CONTENT_NOT_FOUND.GMP_ORDER_API'],
    ['404 unknown path', '/v3/nothing', undefined, 404, 'URI_NOT_FOUND.GMP_GATEWAY_API'],
  ])('%s', async (_name, path, token, status, code) => {
    const r = await h.call(path, token === undefined ? {} : { token });
    expect(r.status).toBe(status);
    const [item] = items(r.body, envelope);
    expect(item).toMatchObject({ code, description: expect.any(String), info: expect.any(String), severity: expect.any(String), category: expect.any(String) });
  });

  it('injected 500s and 429s too; a 503 that never reached the gateway stays plain text', async () => {
    h.svc.faults = { rate500: 1 };
    const r500 = await h.call('/v3/orders');
    expect([r500.status, items(r500.body, envelope)[0].code]).toEqual([500, 'SYSTEM_ERROR.GMP_GATEWAY_API']);
    h.svc.faults = { rate429: 1 };
    const r429 = await h.call('/v3/orders');
    expect([r429.status, items(r429.body, envelope)[0].code]).toEqual([429, 'REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API']);
    expect(r429.headers.get('x-next-replenishment-time')).toMatch(/^\d+$/);
    h.svc.faults = { rate503: 1 };
    const r503 = await h.call('/v3/orders');
    expect([r503.status, r503.body]).toEqual([503, 'Service Unavailable']);
  });
});

describe('odd records', () => {
  const first = async () => (await h.call('/v3/orders?limit=1&createdStartDate=2026-01-01')).body.list.elements.order[0];

  it('renders an order in each odd shape, and normally again once the knob is off', async () => {
    const po = (await first()).purchaseOrderId as string;
    const book = h.svc.book(h.svc.accounts[0].clientId);
    book.oddities.set(po, 'empty_status');
    expect((await first()).orderLines.orderLine[0].orderLineStatuses.orderLineStatus).toEqual([]);
    book.oddities.set(po, 'price_without_amount');
    expect((await first()).orderLines.orderLine[0].charges.charge[0].chargeAmount).toEqual({ currency: 'USD' });
    book.oddities.set(po, 'out_of_range');
    expect((await first()).orderLines.orderLine[0].charges.charge[0].chargeAmount.amount).toBe(1_000_000_000_000);
    book.oddities.set(po, 'three_decimals');
    expect((await h.call(`/v3/orders/${po}`)).body.order.orderLines.orderLine[0].charges.charge[0].chargeAmount.amount).toBe(31.995);
    book.oddities.delete(po);
    expect((await first()).orderLines.orderLine[0].orderLineStatuses.orderLineStatus.length).toBeGreaterThan(0);
  });

  it('renders a listing without a price amount', async () => {
    const page = (await h.call('/v3/items?limit=3')).body.ItemResponse;
    h.svc.oddItems.set(page[1].sku, 'price_without_amount');
    const odd = (await h.call('/v3/items?limit=3')).body.ItemResponse;
    expect(odd[1].price).toEqual({ currency: 'USD' });
    expect(odd[0].price.amount).toBe(page[0].price.amount);
  });
});
