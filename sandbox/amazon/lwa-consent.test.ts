import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AMAZON_DEMO_APPLICATION_ID,
  AMAZON_DEMO_CLIENT_ID,
  AMAZON_DEMO_CLIENT_SECRET,
  AMAZON_DEMO_REDIRECT_URIS,
  AMAZON_DEMO_REFRESH_TOKEN,
  AMAZON_DEMO_SELLER_ID,
} from './index';
import { errorCode, errorDetails, MP, startAmazon, type Harness, type V0OrdersPayload } from './testkit';

let h: Harness;
beforeEach(async () => {
  h = await startAmazon();
});
afterEach(() => h.close());

const lwa = (fields: Record<string, string>, json = false) =>
  fetch(`${h.url}/auth/o2/token`, {
    method: 'POST',
    headers: { 'content-type': json ? 'application/json' : 'application/x-www-form-urlencoded' },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields),
  });
const client = { client_id: AMAZON_DEMO_CLIENT_ID, client_secret: AMAZON_DEMO_CLIENT_SECRET };
const ordersPath = `/orders/v0/orders?MarketplaceIds=${MP}&CreatedAfter=2026-03-14T00:00:00Z`;

describe('LWA token endpoint', () => {
  it('exchanges a refresh token (form or JSON body) for a one-hour Atza| token', async () => {
    for (const json of [false, true]) {
      const res = await lwa({ grant_type: 'refresh_token', refresh_token: AMAZON_DEMO_REFRESH_TOKEN, ...client }, json);
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600, refresh_token: AMAZON_DEMO_REFRESH_TOKEN });
      expect(String(body.access_token)).toMatch(/^Atza\|/);
    }
  });

  it('answers LWA error shapes for bad clients, grants and requests', async () => {
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ grant_type: 'refresh_token', refresh_token: AMAZON_DEMO_REFRESH_TOKEN, client_id: 'amzn1.application-oa2-client.nope', client_secret: 'x' }, 401, 'invalid_client'],
      [{ grant_type: 'refresh_token', refresh_token: AMAZON_DEMO_REFRESH_TOKEN, client_id: AMAZON_DEMO_CLIENT_ID, client_secret: 'wrong' }, 401, 'invalid_client'],
      [{ grant_type: 'refresh_token', refresh_token: 'Atzr|unknown', ...client }, 400, 'invalid_grant'],
      [{ grant_type: 'refresh_token', ...client }, 400, 'invalid_request'],
      [{ grant_type: 'authorization_code', code: 'nope', ...client }, 400, 'invalid_grant'],
      [{ grant_type: 'password', ...client }, 400, 'unsupported_grant_type'],
      [{ grant_type: 'client_credentials', scope: 'sellingpartnerapi::everything', ...client }, 400, 'invalid_scope'],
      [{ refresh_token: AMAZON_DEMO_REFRESH_TOKEN, ...client }, 400, 'invalid_request'],
    ];
    for (const [fields, status, error] of cases) {
      const res = await lwa(fields);
      expect(res.status, JSON.stringify(fields)).toBe(status);
      const body = (await res.json()) as { error: string; error_description: string };
      expect(body.error).toBe(error);
      expect(body.error_description).toBeTruthy();
    }
  });

  it('issues grantless tokens that cannot read seller data', async () => {
    const res = await lwa({ grant_type: 'client_credentials', scope: 'sellingpartnerapi::notifications', ...client });
    const body = (await res.json()) as { access_token: string; scope: string };
    expect(body.scope).toBe('sellingpartnerapi::notifications');
    const r = await h.sp(ordersPath, body.access_token);
    expect(r.status).toBe(403);
    expect(errorCode(r.body)).toBe('Unauthorized');
  });

  it('expires access tokens after 3600 s of simulated time with the message amazon-sp-api detects', async () => {
    const token = await h.accessToken();
    expect((await h.sp(ordersPath, token)).status).toBe(200);
    h.clock.advance(3599_000);
    expect((await h.sp(ordersPath, token)).status).toBe(200);
    h.clock.advance(1_000);
    const r = await h.sp(ordersPath, token);
    expect(r.status).toBe(403);
    expect(errorCode(r.body)).toBe('Unauthorized');
    expect(errorDetails(r.body)).toMatch(/access token.*expired/);
    expect(r.headers.get('x-amzn-requestid')).toBeTruthy();
  });

  it('rejects missing and unknown tokens', async () => {
    const missing = await fetch(`${h.url}${ordersPath}`);
    expect(missing.status).toBe(403);
    expect(errorDetails(await missing.json())).toMatch(/missing/);
    const bogus = await h.sp(ordersPath, 'Atza|forged');
    expect(bogus.status).toBe(403);
    expect(errorDetails(bogus.body)).toMatch(/revoked, malformed or invalid/);
  });

  it('the expireTokens fault knob makes live tokens answer as expired', async () => {
    const token = await h.accessToken();
    h.svc.faults = { expireTokens: true };
    const r = await h.sp(ordersPath, token);
    expect(r.status).toBe(403);
    expect(errorDetails(r.body)).toMatch(/access token.*expired/);
  });
});

describe('website authorization workflow', () => {
  const consentUrl = (extra: Record<string, string> = {}) =>
    `${h.url}/apps/authorize/consent?${new URLSearchParams({ application_id: AMAZON_DEMO_APPLICATION_ID, state: 'st-123', version: 'beta', ...extra })}`;

  async function authorize(extra: Record<string, string> = {}): Promise<URL> {
    const page = await fetch(consentUrl(extra));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Authorize');
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    const nonce = /name="consent_nonce" value="([^"]+)"/.exec(html)?.[1];
    expect(action && nonce).toBeTruthy();
    const confirm = await fetch(new URL(action as string, h.url), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ consent_nonce: nonce as string, selling_partner_id: AMAZON_DEMO_SELLER_ID, acknowledge: 'yes', decision: 'authorize' }),
    });
    expect(confirm.status).toBe(302);
    return new URL(confirm.headers.get('location') as string);
  }

  it('redirects with state, selling_partner_id and a single-use spapi_oauth_code that yields a working refresh token', async () => {
    const redirect = await authorize({ redirect_uri: AMAZON_DEMO_REDIRECT_URIS[1] });
    expect(`${redirect.origin}${redirect.pathname}`).toBe(AMAZON_DEMO_REDIRECT_URIS[1]);
    expect(redirect.searchParams.get('state')).toBe('st-123');
    expect(redirect.searchParams.get('selling_partner_id')).toBe(AMAZON_DEMO_SELLER_ID);
    const code = redirect.searchParams.get('spapi_oauth_code') as string;
    expect(code).toBeTruthy();

    const ex = await lwa({ grant_type: 'authorization_code', code, ...client });
    expect(ex.status).toBe(200);
    const tokens = (await ex.json()) as { access_token: string; refresh_token: string };
    expect(tokens.refresh_token).toMatch(/^Atzr\|/);
    expect(tokens.refresh_token).not.toBe(AMAZON_DEMO_REFRESH_TOKEN);
    const orders = await h.sp(`${ordersPath}&MaxResultsPerPage=1`, tokens.access_token);
    expect(orders.status).toBe(200);
    expect((orders.body as V0OrdersPayload).payload.Orders).toHaveLength(1);
    // The new refresh token works at LWA; the code does not work twice.
    expect((await lwa({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token, ...client })).status).toBe(200);
    const again = await lwa({ grant_type: 'authorization_code', code, ...client });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('uses the first registered redirect URI by default and expires codes after five minutes', async () => {
    const redirect = await authorize();
    expect(`${redirect.origin}${redirect.pathname}`).toBe(AMAZON_DEMO_REDIRECT_URIS[0]);
    h.clock.advance(5 * 60_000);
    const ex = await lwa({ grant_type: 'authorization_code', code: redirect.searchParams.get('spapi_oauth_code') as string, ...client });
    expect(ex.status).toBe(400);
  });

  it('shows Seller Central errors for draft apps without version=beta, unregistered redirects and unknown apps', async () => {
    const draft = await fetch(`${h.url}/apps/authorize/consent?application_id=${AMAZON_DEMO_APPLICATION_ID}&state=s`);
    expect(draft.status).toBe(400);
    expect(await draft.text()).toContain('MD1000');
    const redirect = await fetch(consentUrl({ redirect_uri: 'https://evil.example/cb' }));
    expect(redirect.status).toBe(400);
    expect(await redirect.text()).toContain('MD5101');
    expect((await fetch(consentUrl({ application_id: 'amzn1.sp.solution.unknown' }))).status).toBe(400);
    const forged = await fetch(`${h.url}/apps/authorize/confirm`, {
      method: 'POST',
      redirect: 'manual',
      body: new URLSearchParams({ consent_nonce: 'forged', selling_partner_id: AMAZON_DEMO_SELLER_ID, acknowledge: 'yes', decision: 'authorize' }),
    });
    expect(forged.status).toBe(400);
  });

  it('routes on the Amazon Host header: LWA only on api.amazon.com', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: h.run.port, path: ordersPath, headers: { host: 'api.amazon.com' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
  });
});
