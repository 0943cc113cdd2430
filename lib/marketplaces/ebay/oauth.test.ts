// The Accounts page's OAuth flow against the simulator: the consent URL, the consent page's form
// submitted the way a browser would, the redirect followed by hand, the code exchanged for tokens,
// and the resulting refresh token driving a connector.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EBAY_SANDBOX_ACCEPT_URL, EBAY_SANDBOX_RUNAME, EBAY_SANDBOX_SELLER_PASSWORD } from '@/sandbox/ebay';
import { MarketplaceError } from '@/lib/marketplaces/http';
import { ebayAuthorizeUrl, exchangeEbayCode } from './oauth';
import { EBAY_CONNECTOR_SCOPES, EBAY_SCOPES } from './scopes';
import { APP, T0, USERNAME, connector, startSim, type Sim } from '@/tests/support/marketplaces/ebay';

let sim: Sim;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Loads the consent page at `url`, submits its form with the seller's password, returns the redirect. */
async function consent(url: string, decision = 'agree'): Promise<URL> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const html = await page.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  expect(action).toBeDefined();
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="(?:hidden|text|password)" name="(\w+)" value="([^"]*)"/g)) form.set(m[1], unescape(m[2]));
  form.set('password', EBAY_SANDBOX_SELLER_PASSWORD);
  form.set('decision', decision);
  const res = await fetch(new URL(action as string, url), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    redirect: 'manual',
  });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location') as string);
}

describe('ebayAuthorizeUrl', () => {
  it('builds eBay’s consent URL with the RuName and %20-separated scopes', () => {
    const url = ebayAuthorizeUrl({ authBaseUrl: 'https://auth.ebay.com/', clientId: 'App-ID', ruName: 'Ru_Name-1', state: 's t&x', scopes: [EBAY_SCOPES.fulfillment, EBAY_SCOPES.identity] });
    expect(url).toBe(
      'https://auth.ebay.com/oauth2/authorize?client_id=App-ID&redirect_uri=Ru_Name-1&response_type=code' +
        '&scope=https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope%2Fsell.fulfillment%20https%3A%2F%2Fapi.ebay.com%2Foauth%2Fapi_scope%2Fcommerce.identity.readonly' +
        '&state=s%20t%26x',
    );
    expect(new URL(ebayAuthorizeUrl({ authBaseUrl: 'https://auth.ebay.com', clientId: 'a', ruName: 'r', state: 's', prompt: 'login' })).searchParams.get('scope')).toBe(
      EBAY_CONNECTOR_SCOPES.join(' '),
    );
  });
});

describe('consent → code → tokens', () => {
  it('round trip through the simulator’s consent page and token endpoint', async () => {
    const url = ebayAuthorizeUrl({ authBaseUrl: sim.base, clientId: APP.clientId, ruName: EBAY_SANDBOX_RUNAME, state: 'csrf-42' });
    const back = await consent(url);
    expect(`${back.origin}${back.pathname}`).toBe(EBAY_SANDBOX_ACCEPT_URL);
    expect(back.searchParams.get('state')).toBe('csrf-42');
    const code = back.searchParams.get('code') as string;

    const tokens = await exchangeEbayCode({ apiBaseUrl: sim.base, app: APP, ruName: EBAY_SANDBOX_RUNAME, code, now: () => T0 });
    expect(tokens.refreshToken).toMatch(/^v\^1\.1#/);
    expect(tokens.accessToken).toMatch(/^v\^1\.1#/);
    expect(tokens.expiresAt).toEqual(new Date(T0 + 7200_000));
    expect(tokens.refreshTokenExpiresAt).toEqual(new Date(T0 + 47_304_000_000));
    const sent = new URLSearchParams(sim.svc.sent(/oauth2\/token$/).at(-1)?.body);
    expect(Object.fromEntries(sent)).toEqual({ grant_type: 'authorization_code', code, redirect_uri: EBAY_SANDBOX_RUNAME });

    // The refresh token is what gets stored; a connector built on it works.
    const c = connector(sim, { credentials: { refreshToken: tokens.refreshToken } });
    expect(await c.verify()).toMatchObject({ displayName: USERNAME });
    expect((await c.fetchListings(null)).records.length).toBe(20);

    // Codes are single use: a replay is an auth error that does not echo the code.
    const err = await exchangeEbayCode({ apiBaseUrl: sim.base, app: APP, ruName: EBAY_SANDBOX_RUNAME, code }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MarketplaceError);
    expect(err).toMatchObject({ kind: 'auth', details: { status: 400, code: 'invalid_grant' } });
    expect((err as Error).message).not.toContain(code);
  });

  it('a declined consent comes back with error=access_denied and no code', async () => {
    const back = await consent(ebayAuthorizeUrl({ authBaseUrl: sim.base, clientId: APP.clientId, ruName: EBAY_SANDBOX_RUNAME, state: 'x' }), 'decline');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('a consent without the identity scope: the connector must be told the narrower scopes', async () => {
    const scopes = [EBAY_SCOPES.fulfillment, EBAY_SCOPES.inventoryReadonly];
    const back = await consent(ebayAuthorizeUrl({ authBaseUrl: sim.base, clientId: APP.clientId, ruName: EBAY_SANDBOX_RUNAME, state: 'x', scopes }));
    const { refreshToken } = await exchangeEbayCode({ apiBaseUrl: sim.base, app: APP, ruName: EBAY_SANDBOX_RUNAME, code: back.searchParams.get('code') as string });
    // Asking for more than was consented is refused by eBay: a reconnect is needed.
    const e = await connector(sim, { credentials: { refreshToken } }).verify().catch((x: unknown) => x);
    expect(e).toMatchObject({ kind: 'auth', details: { code: 'invalid_scope' } });
    expect(await connector(sim, { credentials: { refreshToken }, scopes }).verify()).toEqual({ externalAccountId: USERNAME, displayName: USERNAME, marketplaceCode: 'EBAY_US' });
  });
});
