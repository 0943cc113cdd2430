// Connecting accounts end to end on each database backend, against the Walmart, Amazon and eBay
// simulators served over real HTTP: nothing is saved unless the marketplace accepted the
// credentials, and only admins and owners may connect.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import type { Db } from '@/lib/db/connect';
import type { Claims } from '@/lib/db/session';
import { auditEvents, jobs, marketplaceAccounts, marketplaceCredentials } from '@/lib/db/schema';
import type { MarketplaceConfig } from '@/lib/env';
import { RateLimits } from '@/lib/marketplaces/http';
import { fixedClock } from '@/sandbox/core/clock';
import { startService, type RunningService } from '@/sandbox/core/server';
import { WALMART_DEMO_CLIENT_ID, WALMART_DEMO_CLIENT_SECRET, WALMART_DEMO_PARTNER_ID, WalmartSandbox } from '@/sandbox/walmart';
import {
  AMAZON_DEMO_APPLICATION_ID, AMAZON_DEMO_CLIENT_ID, AMAZON_DEMO_CLIENT_SECRET, AMAZON_DEMO_SELLER_ID, defaultAmazonApps,
} from '@/sandbox/amazon';
import { startAmazon, type Harness as AmazonHarness } from '@/sandbox/amazon/testkit';
import {
  EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_RUNAME, EBAY_SANDBOX_SELLER_PASSWORD, EBAY_SANDBOX_SELLER_USERNAME,
  demoEbayApp, defaultEbayAccounts,
} from '@/sandbox/ebay';
import { startEbay, type Harness as EbayHarness } from '@/sandbox/ebay/test-support';
import { EBAY_CONNECTOR_SCOPES, ebayAuthorizeUrl } from '@/lib/marketplaces/ebay';
import { amazonConsentUrl } from '@/lib/marketplaces/amazon/oauth';
import { loadCredentials } from './credentials';
import {
  connectAmazonAuthorization, connectEbayAuthorization, connectWithCredentials, oauthRedirectUri, type ConnectDeps,
} from './connect-flow';

const APP_URL = 'http://localhost:3000';
const NOW = Date.now();
const keys = [{ id: 'k1', key: randomBytes(32) }];
const walmartGood = { clientId: WALMART_DEMO_CLIENT_ID, clientSecret: WALMART_DEMO_CLIENT_SECRET };
const walmartBad = { clientId: WALMART_DEMO_CLIENT_ID, clientSecret: 'not-the-secret' };

let walmartSim: WalmartSandbox;
let walmart: RunningService;
let amazon: AmazonHarness;
let ebay: EbayHarness;
beforeAll(async () => {
  walmartSim = new WalmartSandbox({ clock: fixedClock(NOW) });
  walmart = await startService(walmartSim, { port: 0 });
  amazon = await startAmazon({
    now: NOW,
    apps: defaultAmazonApps().map((a) => ({ ...a, redirectUris: [oauthRedirectUri(APP_URL, 'amazon')] })),
  });
  ebay = await startEbay({ clock: fixedClock(NOW), accounts: defaultEbayAccounts(NOW), apps: [demoEbayApp(oauthRedirectUri(APP_URL, 'ebay'))] });
});
afterAll(async () => {
  await Promise.all([walmart?.close(), amazon?.close(), ebay?.close()]);
});

function marketplaces(): MarketplaceConfig {
  return {
    walmart: { baseUrl: walmart.url },
    amazon: {
      region: 'na',
      marketplaceIds: ['ATVPDKIKX0DER'],
      sellerCentralUrl: amazon.url,
      endpointOverride: amazon.url,
      app: { clientId: AMAZON_DEMO_CLIENT_ID, clientSecret: AMAZON_DEMO_CLIENT_SECRET, applicationId: AMAZON_DEMO_APPLICATION_ID, draft: true },
    },
    ebay: {
      apiBaseUrl: ebay.base,
      authBaseUrl: ebay.base,
      marketplaceId: 'EBAY_US',
      app: { clientId: EBAY_SANDBOX_CLIENT_ID, clientSecret: EBAY_SANDBOX_CLIENT_SECRET, ruName: EBAY_SANDBOX_RUNAME },
    },
    shippo: { baseUrl: 'http://127.0.0.1:9', apiKey: null },
  };
}

/** A seller authorizing on the Amazon simulator's consent page: the callback's query. */
async function amazonConsent(): Promise<URLSearchParams> {
  const page = await fetch(amazonConsentUrl({ sellerCentralUrl: amazon.url, applicationId: AMAZON_DEMO_APPLICATION_ID, state: 's', redirectUri: oauthRedirectUri(APP_URL, 'amazon'), draft: true }));
  const nonce = /name="consent_nonce" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${amazon.url}/apps/authorize/confirm`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ consent_nonce: nonce, selling_partner_id: AMAZON_DEMO_SELLER_ID, acknowledge: 'yes', decision: 'authorize' }),
  });
  return new URL(res.headers.get('location')!).searchParams;
}

/** The eBay seller signing in and agreeing on the simulator's consent page: the callback's query. */
async function ebayConsent(): Promise<URLSearchParams> {
  const authorize = new URL(ebayAuthorizeUrl({ authBaseUrl: ebay.base, clientId: EBAY_SANDBOX_CLIENT_ID, ruName: EBAY_SANDBOX_RUNAME, state: 's', scopes: EBAY_CONNECTOR_SCOPES }));
  expect((await fetch(authorize)).status).toBe(200);
  const form = new URLSearchParams({ ...Object.fromEntries(authorize.searchParams), username: EBAY_SANDBOX_SELLER_USERNAME, password: EBAY_SANDBOX_SELLER_PASSWORD, decision: 'agree' });
  const res = await fetch(`${ebay.base}/oauth2/consent`, { method: 'POST', redirect: 'manual', body: form });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!).searchParams;
}

describe.each(backends)('connecting accounts on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let deps: ConnectDeps;
  let owner: Claims, admin: Claims, operator: Claims, viewer: Claims;
  let orgId: string;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    deps = { db, keys, marketplaces: marketplaces(), limits: new RateLimits(), appUrl: APP_URL };
    [owner, admin, operator, viewer] = await Promise.all([createUser(db), createUser(db), createUser(db), createUser(db)]);
    orgId = await createOrg(db, 'Connect Co', [[owner, 'owner'], [admin, 'admin'], [operator, 'operator'], [viewer, 'viewer']]);
  });
  afterAll(() => t?.cleanup());

  const accountsOf = (marketplace: 'walmart' | 'amazon' | 'ebay') =>
    db.select().from(marketplaceAccounts).where(and(eq(marketplaceAccounts.orgId, orgId), eq(marketplaceAccounts.marketplace, marketplace)));
  const nothingSaved = async () => {
    expect(await accountsOf('walmart')).toHaveLength(0);
    expect(await db.select().from(marketplaceCredentials).where(eq(marketplaceCredentials.orgId, orgId))).toHaveLength(0);
    expect(await db.select().from(jobs).where(eq(jobs.orgId, orgId))).toHaveLength(0);
    expect(await db.select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.targetType, 'marketplace_account')))).toHaveLength(0);
  };

  it('wrong Walmart credentials: refused, nothing saved', async () => {
    const r = await connectWithCredentials(deps, { orgId, userId: owner.sub, marketplace: 'walmart', credentials: walmartBad });
    expect(r).toEqual({ ok: false, error: 'refused' });
    await nothingSaved();
  });

  it('Walmart unreachable: a retryable failure, nothing saved', async () => {
    const down = { ...deps, marketplaces: { ...deps.marketplaces, walmart: { baseUrl: 'http://127.0.0.1:9' } } };
    const r = await connectWithCredentials(down, { orgId, userId: owner.sub, marketplace: 'walmart', credentials: walmartGood });
    expect(r).toEqual({ ok: false, error: 'unreachable' });
    await nothingSaved();
  }, 60_000);

  it('viewers and operators are refused before any marketplace call', async () => {
    const calls = walmartSim.requests.length;
    for (const who of [viewer, operator]) {
      const r = await connectWithCredentials(deps, { orgId, userId: who.sub, marketplace: 'walmart', credentials: walmartGood });
      expect(r).toEqual({ ok: false, error: 'forbidden' });
    }
    const outsider = await createUser(db);
    expect(await connectWithCredentials(deps, { orgId, userId: outsider.sub, marketplace: 'walmart', credentials: walmartGood })).toEqual({ ok: false, error: 'forbidden' });
    expect(walmartSim.requests.length).toBe(calls);
    await nothingSaved();
  });

  it('good Walmart credentials: the account, its sealed credentials, jobs due now and an audit event', async () => {
    const before = Date.now();
    const r = await connectWithCredentials(deps, { orgId, userId: admin.sub, marketplace: 'walmart', credentials: walmartGood });
    expect(r).toMatchObject({ ok: true, reconnected: false });
    if (!r.ok) return;
    const [acct] = await accountsOf('walmart');
    expect(acct).toMatchObject({ id: r.accountId, externalAccountId: WALMART_DEMO_PARTNER_ID, status: 'active', connectedBy: admin.sub });
    const stored = await db.transaction((tx) => loadCredentials(tx, keys, r.accountId));
    expect(stored).toEqual(walmartGood);
    const [raw] = await db.select().from(marketplaceCredentials).where(eq(marketplaceCredentials.accountId, r.accountId));
    expect(raw.ciphertext.toString('latin1')).not.toContain(WALMART_DEMO_CLIENT_SECRET);
    const due = await db.select().from(jobs).where(eq(jobs.marketplaceAccountId, r.accountId));
    expect(due.map((j) => j.kind).sort()).toEqual(['sync_listings', 'sync_orders']);
    for (const j of due) expect(j.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    expect(due[0].runAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const events = await db.select().from(auditEvents).where(eq(auditEvents.targetId, r.accountId));
    expect(events.map((e) => e.action)).toEqual(['account.connected']);
    expect(JSON.stringify(events[0].details)).not.toContain(WALMART_DEMO_CLIENT_SECRET);

    // Reconnecting the same account with a wrong secret changes nothing; the right one is a reconnect.
    const bad = await connectWithCredentials(deps, { orgId, userId: owner.sub, marketplace: 'walmart', credentials: walmartBad, accountId: r.accountId });
    expect(bad).toEqual({ ok: false, error: 'refused' });
    const again = await connectWithCredentials(deps, { orgId, userId: owner.sub, marketplace: 'walmart', credentials: walmartGood, accountId: r.accountId });
    expect(again).toMatchObject({ ok: true, accountId: r.accountId, reconnected: true });
    expect(await accountsOf('walmart')).toHaveLength(1);
  });

  it('reconnecting an account of another marketplace or organization is not found', async () => {
    const [acct] = await accountsOf('walmart');
    const other = await createOrg(db, 'Elsewhere', [[owner, 'owner']]);
    expect(await connectWithCredentials(deps, { orgId: other, userId: owner.sub, marketplace: 'walmart', credentials: walmartGood, accountId: acct.id }))
      .toEqual({ ok: false, error: 'not_found' });
    expect(await connectWithCredentials(deps, { orgId, userId: owner.sub, marketplace: 'amazon', credentials: { refreshToken: 'Atzr|x', sellingPartnerId: 'A1' }, accountId: acct.id }))
      .toEqual({ ok: false, error: 'not_found' });
  });

  it('Amazon website authorization: code exchanged, seller verified, account saved; a used code is rejected', async () => {
    const q = await amazonConsent();
    const code = q.get('spapi_oauth_code')!;
    const r = await connectAmazonAuthorization(deps, { orgId, userId: owner.sub, code, sellingPartnerId: q.get('selling_partner_id')! });
    expect(r).toMatchObject({ ok: true, reconnected: false });
    const [acct] = await accountsOf('amazon');
    expect(acct.externalAccountId).toBe(AMAZON_DEMO_SELLER_ID);
    const creds = await db.transaction((tx) => loadCredentials<{ refreshToken: string; sellingPartnerId: string }>(tx, keys, acct.id));
    expect(creds?.refreshToken).toMatch(/^Atzr\|/);
    expect(creds?.sellingPartnerId).toBe(AMAZON_DEMO_SELLER_ID);

    expect(await connectAmazonAuthorization(deps, { orgId, userId: owner.sub, code, sellingPartnerId: AMAZON_DEMO_SELLER_ID }))
      .toEqual({ ok: false, error: 'code_rejected' });
  });

  it('Amazon: reconnecting an account with a different seller is refused and changes nothing', async () => {
    const [other] = await db
      .insert(marketplaceAccounts)
      .values({ orgId, marketplace: 'amazon', displayName: 'Old seller', externalAccountId: 'A2OTHERSELLER00', status: 'needs_reconnect' })
      .returning();
    const q = await amazonConsent();
    const r = await connectAmazonAuthorization(deps, { orgId, userId: owner.sub, accountId: other.id, code: q.get('spapi_oauth_code')!, sellingPartnerId: AMAZON_DEMO_SELLER_ID });
    expect(r).toEqual({ ok: false, error: 'wrong_account' });
    const [after] = await db.select().from(marketplaceAccounts).where(eq(marketplaceAccounts.id, other.id));
    expect(after.status).toBe('needs_reconnect');
    expect(await db.select().from(marketplaceCredentials).where(eq(marketplaceCredentials.accountId, other.id))).toHaveLength(0);
  });

  it('eBay consent: the code becomes a refresh token for the seller who signed in', async () => {
    const q = await ebayConsent();
    const r = await connectEbayAuthorization(deps, { orgId, userId: admin.sub, code: q.get('code')! });
    expect(r).toMatchObject({ ok: true, reconnected: false });
    const [acct] = await accountsOf('ebay');
    expect(acct.status).toBe('active');
    const creds = await db.transaction((tx) => loadCredentials<{ refreshToken: string }>(tx, keys, acct.id));
    expect(creds?.refreshToken).toBeTruthy();
    expect(await connectEbayAuthorization(deps, { orgId, userId: viewer.sub, code: 'whatever' })).toEqual({ ok: false, error: 'forbidden' });
    expect(await connectEbayAuthorization(deps, { orgId, userId: admin.sub, code: 'forged-code' })).toEqual({ ok: false, error: 'code_rejected' });
  });

  it('a marketplace whose app is not configured says so without calling anyone', async () => {
    const bare = { ...deps, marketplaces: { ...deps.marketplaces, amazon: { ...deps.marketplaces.amazon, app: null }, ebay: { ...deps.marketplaces.ebay, app: null } } };
    expect(await connectEbayAuthorization(bare, { orgId, userId: owner.sub, code: 'x' })).toEqual({ ok: false, error: 'not_configured' });
    expect(await connectWithCredentials(bare, { orgId, userId: owner.sub, marketplace: 'amazon', credentials: { refreshToken: 'Atzr|x', sellingPartnerId: 'A1' } }))
      .toEqual({ ok: false, error: 'not_configured' });
  });
});
