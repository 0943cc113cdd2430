import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WALMART_DEMO_CLIENT_ID, WALMART_DEMO_CLIENT_SECRET } from './accounts';
import { basic, startWalmart, wmHeaders, type Harness } from './test-support';

let h: Harness;
beforeAll(async () => {
  h = await startWalmart();
});
afterAll(() => h.close());

async function tokenCall(headers: Record<string, string>, body = 'grant_type=client_credentials') {
  const res = await fetch(`${h.url}/v3/token`, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

const goodTokenHeaders = () =>
  wmHeaders({ Authorization: basic(WALMART_DEMO_CLIENT_ID, WALMART_DEMO_CLIENT_SECRET), 'Content-Type': 'application/x-www-form-urlencoded' });

describe('POST /v3/token', () => {
  it('issues a 15-minute bearer token for client credentials', async () => {
    const r = await tokenCall(goodTokenHeaders());
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.stringMatching(/^eyJ/), token_type: 'Bearer', expires_in: 900 });
    const again = await tokenCall(goodTokenHeaders());
    expect(again.body.access_token).not.toBe(r.body.access_token);
  });

  it('answers wrong or missing credentials with the gateway 401', async () => {
    for (const auth of [basic(WALMART_DEMO_CLIENT_ID, 'wrong-secret'), basic('nobody', 'x'), 'Bearer abc', undefined]) {
      const headers = goodTokenHeaders();
      if (auth) headers.Authorization = auth;
      else delete headers.Authorization;
      const r = await tokenCall(headers);
      expect(r.status).toBe(401);
      expect(r.body.error[0]).toMatchObject({ code: 'UNAUTHORIZED.GMP_GATEWAY_API', field: 'UNAUTHORIZED', description: 'Unauthorized', severity: 'ERROR', category: 'DATA' });
    }
  });

  it('refuses calls without WM_SVC.NAME or WM_QOS.CORRELATION_ID', async () => {
    for (const name of ['WM_SVC.NAME', 'WM_QOS.CORRELATION_ID']) {
      const headers = goodTokenHeaders();
      delete headers[name];
      const r = await tokenCall(headers);
      expect(r.status).toBe(400);
      expect(r.body.errors[0]).toMatchObject({ code: 'MISSING_REQUEST_HEADER.GMP_GATEWAY_API', field: name });
    }
  });

  it('requires a form body with a supported grant_type', async () => {
    const json = await tokenCall({ ...goodTokenHeaders(), 'Content-Type': 'application/json' }, '{"grant_type":"client_credentials"}');
    expect(json.status).toBe(415);
    const missing = await tokenCall(goodTokenHeaders(), '');
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ code: 'MISSING_REQUEST_PARAM.GMP_GATEWAY_API', field: 'grant_type' });
    const code = await tokenCall(goodTokenHeaders(), 'grant_type=authorization_code&code=abc');
    expect(code.status).toBe(400);
    expect(code.body.errors[0].field).toBe('grant_type');
  });
});

describe('WM_SEC.ACCESS_TOKEN on business calls', () => {
  it('accepts a fresh token and expires it after 15 simulated minutes', async () => {
    const tok = await h.token();
    expect((await h.call('/v3/items', { token: tok })).status).toBe(200);
    h.clock.advance(14 * 60_000);
    expect((await h.call('/v3/items', { token: tok })).status).toBe(200);
    h.clock.advance(60_000);
    const expired = await h.call('/v3/items', { token: tok });
    expect(expired.status).toBe(401);
    expect(expired.body.error[0].code).toBe('UNAUTHORIZED.GMP_GATEWAY_API');
  });

  it('rejects unknown and missing tokens the same way', async () => {
    for (const token of ['eyJnot-a-real-token', null]) {
      const r = await h.call('/v3/orders', { token });
      expect(r.status).toBe(401);
      expect(r.body).toEqual({ error: [expect.objectContaining({ code: 'UNAUTHORIZED.GMP_GATEWAY_API' })] });
    }
  });

  it('requires the WM_* headers on business calls too', async () => {
    const tok = await h.token();
    const res = await fetch(`${h.url}/v3/items`, { headers: { 'WM_SEC.ACCESS_TOKEN': tok, 'WM_SVC.NAME': 'x', Accept: 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0]).toMatchObject({ code: 'MISSING_REQUEST_HEADER.GMP_GATEWAY_API', field: 'WM_QOS.CORRELATION_ID' });
  });

  it('accepts optional Basic auth only when it names the token owner', async () => {
    const tok = await h.token();
    const ok = await h.call('/v3/items', { token: tok, headers: { Authorization: basic(WALMART_DEMO_CLIENT_ID, WALMART_DEMO_CLIENT_SECRET) } });
    expect(ok.status).toBe(200);
    const bad = await h.call('/v3/items', { token: tok, headers: { Authorization: basic(WALMART_DEMO_CLIENT_ID, 'nope') } });
    expect(bad.status).toBe(401);
  });

  it('serves JSON only: an XML-only Accept gets 406', async () => {
    const r = await h.call('/v3/items', { headers: { Accept: 'application/xml' } });
    expect(r.status).toBe(406);
    expect(r.body.errors[0].code).toBe('INVALID_ACCEPT_TYPE.GMP_GATEWAY_API');
  });

  it('treats every token as expired when the expireTokens fault is on', async () => {
    const tok = await h.token();
    h.svc.faults = { expireTokens: true };
    try {
      expect((await h.call('/v3/items', { token: tok })).status).toBe(401);
    } finally {
      h.svc.faults = {};
    }
    expect((await h.call('/v3/items', { token: tok })).status).toBe(200);
  });
});

describe('faults', () => {
  it('keeps the token endpoint exempt and answers business calls with Walmart 429/500/503 bodies', async () => {
    const tok = await h.token();
    try {
      h.svc.faults = { rate429: 1 };
      expect((await tokenCall(goodTokenHeaders())).status).toBe(200);
      const limited = await h.call('/v3/orders', { token: tok });
      expect(limited.status).toBe(429);
      expect(limited.body.error[0]).toMatchObject({ code: 'REQUEST_THRESHOLD_VIOLATED.GMP_GATEWAY_API', category: 'REQUEST' });
      expect(limited.headers.get('x-current-token-count')).toBe('0');
      expect(Number(limited.headers.get('x-next-replenishment-time'))).toBeGreaterThan(h.clock.now());

      h.svc.faults = { rate500: 1 };
      const failed = await h.call('/v3/orders', { token: tok });
      expect(failed.status).toBe(500);
      expect(failed.body.errors[0]).toMatchObject({ code: 'SYSTEM_ERROR.GMP_GATEWAY_API', category: 'SYSTEM' });

      h.svc.faults = { rate503: 1 };
      const down = await h.call('/v3/orders', { token: tok });
      expect(down.status).toBe(503);
      expect(down.body).toBe('Service Unavailable');
    } finally {
      h.svc.faults = {};
    }
  });
});
