// The website authorization workflow against the Amazon simulator, over real HTTP: consent page,
// redirect with spapi_oauth_code, and the code exchange this module makes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AMAZON_DEMO_APPLICATION_ID, AMAZON_DEMO_CLIENT_ID, AMAZON_DEMO_CLIENT_SECRET, AMAZON_DEMO_SELLER_ID, defaultAmazonApps,
} from '@/sandbox/amazon';
import { startAmazon, type Harness } from '@/sandbox/amazon/testkit';
import { MarketplaceError, type Timer } from '@/lib/marketplaces/http';
import { amazonConsentUrl, exchangeAmazonCode } from './oauth';

const REDIRECT = 'http://localhost:3000/api/oauth/amazon/callback';
const app = { clientId: AMAZON_DEMO_CLIENT_ID, clientSecret: AMAZON_DEMO_CLIENT_SECRET };
const noWait: Timer = { now: () => 0, sleep: async () => {} };

let h: Harness;
beforeEach(async () => {
  h = await startAmazon({ apps: defaultAmazonApps().map((a) => ({ ...a, redirectUris: [...a.redirectUris, REDIRECT] })) });
});
afterEach(() => h.close());

/** What a seller does on the consent page: Authorize. Returns the redirect back to ESM. */
async function consent(state = 'st-1'): Promise<URL> {
  const url = amazonConsentUrl({ sellerCentralUrl: h.url, applicationId: AMAZON_DEMO_APPLICATION_ID, state, redirectUri: REDIRECT, draft: true });
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const nonce = /name="consent_nonce" value="([^"]+)"/.exec(await page.text())?.[1];
  const confirm = await fetch(`${h.url}/apps/authorize/confirm`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ consent_nonce: nonce ?? '', selling_partner_id: AMAZON_DEMO_SELLER_ID, acknowledge: 'yes', decision: 'authorize' }),
  });
  expect(confirm.status).toBe(302);
  return new URL(confirm.headers.get('location')!);
}

async function rejection(p: Promise<unknown>): Promise<MarketplaceError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(MarketplaceError);
  return e as MarketplaceError;
}

describe('Amazon website authorization', () => {
  it('builds the consent URL Seller Central expects (version=beta only for draft apps)', () => {
    const u = new URL(amazonConsentUrl({ sellerCentralUrl: 'https://sellercentral.amazon.com/', applicationId: 'amzn1.sp.solution.x', state: 's t', redirectUri: REDIRECT, draft: true }));
    expect(`${u.origin}${u.pathname}`).toBe('https://sellercentral.amazon.com/apps/authorize/consent');
    expect(Object.fromEntries(u.searchParams)).toEqual({ application_id: 'amzn1.sp.solution.x', state: 's t', redirect_uri: REDIRECT, version: 'beta' });
    const published = new URL(amazonConsentUrl({ sellerCentralUrl: 'https://x.test', applicationId: 'a', state: 's', redirectUri: REDIRECT, draft: false }));
    expect(published.searchParams.has('version')).toBe(false);
  });

  it('exchanges the spapi_oauth_code for a refresh token that works at LWA', async () => {
    const back = await consent('st-42');
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get('state')).toBe('st-42');
    expect(back.searchParams.get('selling_partner_id')).toBe(AMAZON_DEMO_SELLER_ID);
    const { refreshToken } = await exchangeAmazonCode({ lwaBaseUrl: h.url, app, code: back.searchParams.get('spapi_oauth_code')!, redirectUri: REDIRECT });
    expect(refreshToken).toMatch(/^Atzr\|/);
    expect(await h.accessToken(refreshToken)).toMatch(/^Atza\|/);
  });

  it('a code used twice, for another redirect URI, or with a wrong secret is an auth error that names no secret', async () => {
    const code = (await consent()).searchParams.get('spapi_oauth_code')!;
    await exchangeAmazonCode({ lwaBaseUrl: h.url, app, code, redirectUri: REDIRECT });
    const reused = await rejection(exchangeAmazonCode({ lwaBaseUrl: h.url, app, code, redirectUri: REDIRECT }));
    expect(reused.kind).toBe('auth');
    expect(reused.details.code).toBe('invalid_grant');

    const code2 = (await consent()).searchParams.get('spapi_oauth_code')!;
    const otherUri = await rejection(exchangeAmazonCode({ lwaBaseUrl: h.url, app, code: code2, redirectUri: 'http://localhost:3000/elsewhere' }));
    expect(otherUri.kind).toBe('auth');

    const code3 = (await consent()).searchParams.get('spapi_oauth_code')!;
    const badSecret = await rejection(exchangeAmazonCode({ lwaBaseUrl: h.url, app: { ...app, clientSecret: 'wrong-secret-value' }, code: code3, redirectUri: REDIRECT }));
    expect(badSecret.kind).toBe('auth');
    for (const e of [reused, otherUri, badSecret]) {
      expect(e.message).not.toContain(code);
      expect(e.message).not.toContain('wrong-secret-value');
      expect(e.message).not.toContain(AMAZON_DEMO_CLIENT_SECRET);
    }
  });

  it('retries a temporary LWA failure, and never retries a refused code', async () => {
    let calls = 0;
    const flaky: typeof fetch = async () => {
      calls++;
      return calls === 1
        ? new Response('{"error":"server_error"}', { status: 503 })
        : new Response(JSON.stringify({ access_token: 'Atza|x', refresh_token: 'Atzr|fresh', token_type: 'bearer', expires_in: 3600 }), { status: 200 });
    };
    expect(await exchangeAmazonCode({ app, code: 'c', redirectUri: REDIRECT, fetchImpl: flaky, timer: noWait })).toEqual({ refreshToken: 'Atzr|fresh' });
    expect(calls).toBe(2);

    calls = 0;
    const refused: typeof fetch = async () => {
      calls++;
      return new Response('{"error":"invalid_grant","error_description":"bad code"}', { status: 400 });
    };
    expect((await rejection(exchangeAmazonCode({ app, code: 'c', redirectUri: REDIRECT, fetchImpl: refused, timer: noWait }))).kind).toBe('auth');
    expect(calls).toBe(1);

    const empty: typeof fetch = async () => new Response('{"access_token":"Atza|x"}', { status: 200 });
    expect((await rejection(exchangeAmazonCode({ app, code: 'c', redirectUri: REDIRECT, fetchImpl: empty, timer: noWait }))).kind).toBe('malformed');
  });
});
