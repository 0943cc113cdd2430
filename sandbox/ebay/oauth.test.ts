import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EBAY_SANDBOX_ACCEPT_URL,
  EBAY_SANDBOX_CLIENT_ID,
  EBAY_SANDBOX_RUNAME,
  EBAY_SANDBOX_SELLER_PASSWORD,
  EBAY_SANDBOX_SELLER_USERNAME,
  EBAY_SCOPES,
} from './index';
import { appToken, basic, call, startEbay, tokenRequest, type Harness } from './test-support';

let h: Harness;
beforeAll(async () => {
  h = await startEbay();
});
afterAll(() => h.close());

const SCOPES = [EBAY_SCOPES.fulfillment, EBAY_SCOPES.inventoryReadonly].join(' ');

function authorizeUrl(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({
    client_id: EBAY_SANDBOX_CLIENT_ID,
    redirect_uri: EBAY_SANDBOX_RUNAME,
    response_type: 'code',
    scope: SCOPES,
    state: 'csrf-123',
    ...extra,
  });
  return `${h.base}/oauth2/authorize?${q}`;
}

/** What a browser does: load the consent page, submit its form with the chosen button. */
async function consent(decision: 'agree' | 'decline', password = EBAY_SANDBOX_SELLER_PASSWORD): Promise<Response> {
  const page = await fetch(authorizeUrl());
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/text\/html/);
  const html = await page.text();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="(?:hidden|text|password)" name="(\w+)" value="([^"]*)"/g)) {
    form.set(m[1], m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  }
  expect(html).toContain('action="/oauth2/consent"');
  form.set('password', password);
  form.set('decision', decision);
  return fetch(`${h.base}/oauth2/consent`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
}

async function codeFromConsent(): Promise<string> {
  const res = await consent('agree');
  expect(res.status).toBe(302);
  const loc = new URL(res.headers.get('location') as string);
  expect(`${loc.origin}${loc.pathname}`).toBe(EBAY_SANDBOX_ACCEPT_URL);
  expect(loc.searchParams.get('state')).toBe('csrf-123');
  expect(loc.searchParams.get('expires_in')).toBe('299');
  return loc.searchParams.get('code') as string;
}

describe('eBay OAuth authorization code grant', () => {
  it('consent → code → tokens → API call → refresh round trip', async () => {
    const code = await codeFromConsent();
    expect(code).toMatch(/^v\^1\.1#/);

    const tokRes = await tokenRequest(h.base, { grant_type: 'authorization_code', code, redirect_uri: EBAY_SANDBOX_RUNAME });
    expect(tokRes.status).toBe(200);
    const tok = (await tokRes.json()) as Record<string, unknown>;
    expect(tok).toMatchObject({ expires_in: 7200, refresh_token_expires_in: 47304000, token_type: 'User Access Token' });
    expect(Object.keys(tok).sort()).toEqual(['access_token', 'expires_in', 'refresh_token', 'refresh_token_expires_in', 'token_type']);

    const orders = await call(h.base, tok.access_token as string, '/sell/fulfillment/v1/order?limit=1');
    expect(orders.status).toBe(200);
    expect((orders.body.orders as Array<{ sellerId: string }>)[0].sellerId).toBe(EBAY_SANDBOX_SELLER_USERNAME);

    // The access token dies after 7200 s on the simulated clock; the refresh token keeps working.
    h.clock.advance(7200 * 1000);
    const expired = await call(h.base, tok.access_token as string, '/sell/fulfillment/v1/order?limit=1');
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({
      errors: [
        {
          errorId: 1001,
          domain: 'OAuth',
          category: 'REQUEST',
          message: 'Invalid access token',
          longMessage: 'Invalid access token. Check the value of the Authorization HTTP request header.',
        },
      ],
    });

    const refRes = await tokenRequest(h.base, { grant_type: 'refresh_token', refresh_token: tok.refresh_token as string, scope: SCOPES });
    expect(refRes.status).toBe(200);
    const refreshed = (await refRes.json()) as Record<string, unknown>;
    expect(Object.keys(refreshed).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    expect(refreshed.token_type).toBe('User Access Token');
    expect((await call(h.base, refreshed.access_token as string, '/sell/fulfillment/v1/order?limit=1')).status).toBe(200);

    // A subset of the consented scopes is fine; anything more is invalid_scope.
    const narrower = await tokenRequest(h.base, { grant_type: 'refresh_token', refresh_token: tok.refresh_token as string, scope: EBAY_SCOPES.inventoryReadonly });
    expect(narrower.status).toBe(200);
    const narrowTok = ((await narrower.json()) as { access_token: string }).access_token;
    expect((await call(h.base, narrowTok, '/sell/fulfillment/v1/order')).status).toBe(403);
    expect((await call(h.base, narrowTok, '/sell/inventory/v1/inventory_item')).status).toBe(200);
    const wider = await tokenRequest(h.base, { grant_type: 'refresh_token', refresh_token: tok.refresh_token as string, scope: EBAY_SCOPES.finances });
    expect(wider.status).toBe(400);
    expect(await wider.json()).toEqual({
      error: 'invalid_scope',
      error_description: 'The requested scope is invalid, unknown, malformed, or exceeds the scope granted to the client',
    });
  });

  it('codes are single use and expire after 299 s', async () => {
    const code = await codeFromConsent();
    const first = await tokenRequest(h.base, { grant_type: 'authorization_code', code, redirect_uri: EBAY_SANDBOX_RUNAME });
    expect(first.status).toBe(200);
    const again = await tokenRequest(h.base, { grant_type: 'authorization_code', code, redirect_uri: EBAY_SANDBOX_RUNAME });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'the provided authorization grant code is invalid or was issued to another client',
    });

    const late = await codeFromConsent();
    h.clock.advance(300_000);
    const lateRes = await tokenRequest(h.base, { grant_type: 'authorization_code', code: late, redirect_uri: EBAY_SANDBOX_RUNAME });
    expect(lateRes.status).toBe(400);
    expect(((await lateRes.json()) as { error: string }).error).toBe('invalid_grant');

    const wrongRu = await codeFromConsent();
    const ruRes = await tokenRequest(h.base, { grant_type: 'authorization_code', code: wrongRu, redirect_uri: 'Other-RuName' });
    expect(((await ruRes.json()) as { error: string }).error).toBe('invalid_grant');
  });

  it('declining and a wrong password never produce a code', async () => {
    const declined = await consent('decline');
    expect(declined.status).toBe(302);
    const loc = new URL(declined.headers.get('location') as string);
    expect(loc.searchParams.get('code')).toBeNull();
    expect(loc.searchParams.get('state')).toBe('csrf-123');
    expect(loc.searchParams.get('error')).toBe('access_denied');

    const wrong = await consent('agree', 'not-the-password');
    expect(wrong.status).toBe(200);
    expect(await wrong.text()).toContain('role="alert"');
  });

  it('rejects bad authorize parameters without redirecting', async () => {
    const bad: Array<Record<string, string>> = [{ client_id: 'nope' }, { redirect_uri: 'https://evil.example/cb' }, { response_type: 'token' }];
    for (const extra of bad) {
      const res = await fetch(authorizeUrl(extra), { redirect: 'manual' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error_id: 'invalid_request', error_description: 'Input request parameters are invalid.', http_status_code: 400 });
    }
    const scope = await fetch(authorizeUrl({ scope: 'https://api.ebay.com/oauth/api_scope/buy.everything' }));
    expect(scope.status).toBe(400);
    expect(((await scope.json()) as { error_id: string }).error_id).toBe('invalid_scope');
  });
});

describe('eBay token endpoint errors and client credentials', () => {
  it('authenticates the client with Basic auth', async () => {
    for (const auth of [basic(EBAY_SANDBOX_CLIENT_ID, 'wrong'), basic('unknown-app', 'x'), 'Bearer abc', '']) {
      const res = await tokenRequest(h.base, { grant_type: 'client_credentials', scope: EBAY_SCOPES.public }, auth);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'invalid_client', error_description: 'client authentication failed' });
    }
  });

  it('answers unsupported grants, missing parameters and bad scopes in OAuth form', async () => {
    const pw = await tokenRequest(h.base, { grant_type: 'password', username: 'a', password: 'b' });
    expect(pw.status).toBe(400);
    expect(await pw.json()).toEqual({ error: 'unsupported_grant_type', error_description: 'grant type in request is not supported by the authorization server' });

    const noCode = await tokenRequest(h.base, { grant_type: 'authorization_code', redirect_uri: EBAY_SANDBOX_RUNAME });
    expect(await noCode.json()).toEqual({ error: 'invalid_request', error_description: 'request is missing a required parameter or malformed.' });

    const badRefresh = await tokenRequest(h.base, { grant_type: 'refresh_token', refresh_token: 'v^1.1#i^1#nope' });
    expect(badRefresh.status).toBe(400);
    expect(await badRefresh.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'the provided authorization refresh token is invalid or was issued to another client',
    });

    const userScopeOnApp = await tokenRequest(h.base, { grant_type: 'client_credentials', scope: EBAY_SCOPES.fulfillment });
    expect(userScopeOnApp.status).toBe(400);
    expect(((await userScopeOnApp.json()) as { error: string }).error).toBe('invalid_scope');
  });

  it('issues application tokens that cannot call seller APIs', async () => {
    const res = await tokenRequest(h.base, { grant_type: 'client_credentials', scope: EBAY_SCOPES.public });
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ expires_in: 7200, token_type: 'Application Access Token' });
    expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'token_type']);
    const denied = await call(h.base, body.access_token as string, '/sell/fulfillment/v1/order');
    expect(denied.status).toBe(403);
    expect(denied.body).toEqual({
      errors: [{ errorId: 1100, domain: 'ACCESS', category: 'REQUEST', message: 'Access denied', longMessage: 'Insufficient permissions to fulfill the request.' }],
    });
  });

  it('answers missing and malformed Authorization headers with eBay common errors', async () => {
    const missing = await call(h.base, null, '/sell/fulfillment/v1/order');
    expect(missing.status).toBe(400);
    expect((missing.body.errors as Array<{ errorId: number }>)[0].errorId).toBe(1002);
    const res = await fetch(`${h.base}/sell/fulfillment/v1/order`, { headers: { authorization: basic() } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: Array<{ errorId: number; message: string }> }).errors[0]).toMatchObject({
      errorId: 1003,
      message: 'Token type in the Authorization header is invalid:Basic',
    });
    // eBay's own SDK sends a lowercase scheme; that must work.
    const app = await appToken(h.base);
    const kid = h.svc.keys.signing.kid;
    const lower = await fetch(`${h.base}/commerce/notification/v1/public_key/${kid}`, { headers: { authorization: `bearer ${app}` } });
    expect(lower.status).toBe(200);
  });

  it('treats every token as expired while the expireTokens fault is on', async () => {
    const { accessToken } = h.svc.issueUserTokens();
    expect((await call(h.base, accessToken, '/sell/inventory/v1/inventory_item')).status).toBe(200);
    h.svc.faults = { expireTokens: true };
    try {
      const r = await call(h.base, accessToken, '/sell/inventory/v1/inventory_item');
      expect(r.status).toBe(401);
      expect((r.body.errors as Array<{ errorId: number }>)[0].errorId).toBe(1001);
    } finally {
      h.svc.faults = {};
    }
  });

  it('serves the connected seller through Identity getUser', async () => {
    const { accessToken } = h.svc.issueUserTokens();
    const me = await call(h.base, accessToken, '/commerce/identity/v1/user/');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: EBAY_SANDBOX_SELLER_USERNAME, accountType: 'BUSINESS' });
    expect(me.body.userId).toMatch(/^[A-Za-z0-9]{11}$/);
  });
});
