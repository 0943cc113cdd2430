// Each marketplace through the whole path (engine → connector → simulator over HTTP → Postgres)
// on every backend: a full sync with exact totals, an incremental one after simulated time that
// catches new orders and cancellations without duplicates, and a malformed page that fails the
// run cleanly, leaves the cursor where it was, and is recovered by the next run.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import type { MarketplaceConfig } from '@/lib/env';
import { saveConnection } from '@/lib/accounts/connect';
import type { AccountCredentials } from '@/lib/accounts/credentials';
import { RateLimits, type Timer } from '@/lib/marketplaces/http';
import type { Marketplace } from '@/lib/marketplaces/types';
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { orderCount, simOrder, type AccountProfile } from '@/sandbox/core/catalog';
import { startService, type RunningService } from '@/sandbox/core/server';
import type { SandboxService } from '@/sandbox/core/service';
import { AMAZON_DEMO_CLIENT_ID, AMAZON_DEMO_CLIENT_SECRET, AmazonSandbox } from '@/sandbox/amazon';
import { demoEbayApp, EbaySandbox, EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET } from '@/sandbox/ebay';
import { USER_SCOPES } from '@/sandbox/ebay/scopes';
import { WalmartSandbox } from '@/sandbox/walmart';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { buildConnector } from '@/lib/marketplaces/registry';
import { connectorsFromDatabase } from './connectors';
import { runDueJobs } from './worker';

const DAY = 86_400_000;
const INTERVAL = 45 * 60_000;
// Ten minutes after an order: no order sits inside Amazon's two-minute "too recent" margin.
const T0 = Date.UTC(2026, 9, 1) + 8 * DAY + 10 * 60_000;
const keys = [{ id: 'k1', key: Buffer.alloc(32, 3) }];
const profile = (m: string): AccountProfile => ({ seed: `all-${m}`, epochMs: Date.UTC(2026, 9, 1), intervalMs: INTERVAL });

interface Case {
  marketplace: Marketplace;
  start(clock: SimClock): SandboxService;
  credentials: AccountCredentials;
  config(url: string): Partial<MarketplaceConfig>;
}

const CASES: Case[] = [
  {
    marketplace: 'walmart',
    start: (clock) => new WalmartSandbox({ clock, accounts: [{ clientId: 'all-wm', clientSecret: 'all-wm-secret', partnerId: '10007770001', sellerId: '107770001', name: 'W', profile: profile('walmart') }] }),
    credentials: { clientId: 'all-wm', clientSecret: 'all-wm-secret' },
    config: (url) => ({ walmart: { baseUrl: url } }),
  },
  {
    marketplace: 'amazon',
    start: (clock) => new AmazonSandbox({ clock, accounts: [{ sellingPartnerId: 'A7ESMALL00001', name: 'A', profile: profile('amazon'), refreshTokens: { 'Atzr|all-amazon': AMAZON_DEMO_CLIENT_ID } }] }),
    credentials: { refreshToken: 'Atzr|all-amazon', sellingPartnerId: 'A7ESMALL00001' },
    config: (url) => ({
      amazon: { region: 'na', marketplaceIds: ['ATVPDKIKX0DER'], sellerCentralUrl: url, endpointOverride: url, app: { clientId: AMAZON_DEMO_CLIENT_ID, clientSecret: AMAZON_DEMO_CLIENT_SECRET, applicationId: 'x', draft: true } },
    }),
  },
  {
    marketplace: 'ebay',
    start: (clock) => {
      const svc = new EbaySandbox({ clock, accounts: [{ username: 'all_ebay_seller', password: 'pw', profile: profile('ebay') }], apps: [demoEbayApp()] });
      svc.oauth.registerRefreshToken('v^1.1#all-ebay', EBAY_SANDBOX_CLIENT_ID, 'all_ebay_seller', [...USER_SCOPES]);
      return svc;
    },
    credentials: { refreshToken: 'v^1.1#all-ebay' },
    config: (url) => ({ ebay: { apiBaseUrl: url, authBaseUrl: url, marketplaceId: 'EBAY_US', app: { clientId: EBAY_SANDBOX_CLIENT_ID, clientSecret: EBAY_SANDBOX_CLIENT_SECRET, ruName: 'x' } } }),
  },
];

for (const c of CASES) {
  describe.each(backends)(`${c.marketplace} sync through the engine on $name`, (backend) => {
    let t: TestDatabase;
    let db: Db;
    let sim: RunningService;
    let svc: SandboxService;
    let clock: SimClock;
    let orgId: string;
    let marketplaces: MarketplaceConfig;
    // Waits (rate-limit buckets, retries) move the simulated clock instead of real time.
    const timer: Timer = { now: () => clock.now(), sleep: async (ms) => void clock.advance(Math.max(0, ms)) };
    const tick = () =>
      runDueJobs({ db, connectorFor: connectorsFromDatabase(db, keys, { marketplaces, limits: new RateLimits(timer), timer }), now: () => clock.now(), kinds: ['sync_orders'], lookbackMs: 10 * DAY });
    const dueNow = () => db.execute(sql`update public.jobs set run_at = ${new Date(clock.now()).toISOString()} where org_id = ${orgId}`);
    const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q))[0];

    beforeAll(async () => {
      t = await backend.open();
      db = t.database.db;
      clock = fixedClock(T0);
      svc = c.start(clock);
      sim = await startService(svc, { port: 0 });
      const base: MarketplaceConfig = {
        walmart: { baseUrl: sim.url },
        amazon: { region: 'na', marketplaceIds: [], sellerCentralUrl: sim.url, endpointOverride: null, app: null },
        ebay: { apiBaseUrl: sim.url, authBaseUrl: sim.url, marketplaceId: 'EBAY_US', app: null },
        shippo: { baseUrl: sim.url, apiKey: null },
      };
      marketplaces = { ...base, ...c.config(sim.url) };
      const owner = await createUser(db);
      orgId = await createOrg(db, `all-${c.marketplace}`, [[owner, 'owner']]);
      const identity = await buildConnector(c.marketplace, c.credentials, { marketplaces, limits: new RateLimits(timer), timer }).verify();
      const saved = await saveConnection(db, keys, { orgId, userId: owner.sub, marketplace: c.marketplace, identity, credentials: c.credentials }, clock.now());
      expect(saved.ok).toBe(true);
    });
    afterAll(async () => {
      await sim?.close();
      await t?.cleanup();
    });

    it('a full sync writes every simulated order once, with its items and buyer', async () => {
      await tick();
      const expected = orderCount(profile(c.marketplace), T0);
      const r = await one<{ n: number; distinct: number; buyers: number; run: string }>(sql`select count(*)::int as n,
        count(distinct external_order_id)::int as distinct,
        (select count(*)::int from public.order_buyers where org_id = ${orgId} and name is not null) as buyers,
        (select status from public.sync_runs where org_id = ${orgId} order by started_at desc limit 1) as run
        from public.orders where org_id = ${orgId}`);
      expect(r).toEqual({ n: expected, distinct: expected, buyers: expected, run: 'succeeded' });
      const lines = Array.from({ length: expected }, (_, i) => simOrder(profile(c.marketplace), i).lines.length).reduce((a, b) => a + b, 0);
      expect((await one<{ n: number }>(sql`select count(*)::int as n from public.order_items where org_id = ${orgId}`)).n).toBe(lines);
    });

    it('an incremental sync a day later catches new orders and cancellations, without duplicates', async () => {
      clock.advance(DAY);
      await dueNow();
      await tick();
      const now = clock.now();
      // An order changed in the last minutes (Amazon: payment can land up to 30 minutes after the
      // order, and Amazon withholds the last 2 minutes) is left to the next, overlapping window.
      const expected = orderCount(profile(c.marketplace), now - 35 * 60_000);
      const r = await one<{ n: number; distinct: number }>(sql`select count(*)::int as n, count(distinct external_order_id)::int as distinct from public.orders where org_id = ${orgId}`);
      expect(r.distinct).toBe(r.n);
      expect(r.n).toBeGreaterThanOrEqual(expected);
      expect(r.n).toBeLessThanOrEqual(orderCount(profile(c.marketplace), now));
      const cancelled = Array.from({ length: expected }, (_, i) => simOrder(profile(c.marketplace), i)).filter((o) => o.cancelledAt !== null && o.cancelledAt <= now - 10 * 60_000).length;
      const got = await one<{ n: number }>(sql`select count(*)::int as n from public.orders where org_id = ${orgId} and status = 'cancelled'`);
      expect(cancelled).toBeGreaterThan(0);
      expect(got.n).toBeGreaterThanOrEqual(cancelled);
    });

    it('a malformed page fails the run cleanly, keeps the cursor, and the next run recovers', async () => {
      const before = await one<{ cursor: string }>(sql`select state->>'cursor' as cursor from public.jobs where org_id = ${orgId} and kind = 'sync_orders'`);
      clock.advance(DAY);
      await dueNow();
      svc.faults = { rateMalformed: 1 };
      await tick();
      svc.faults = {};
      const failed = await one<{ status: string; error: string; cursor: string }>(sql`select r.status, r.error, j.state->>'cursor' as cursor
        from public.sync_runs r join public.jobs j on j.marketplace_account_id = r.marketplace_account_id and j.kind = 'sync_orders'
        where r.org_id = ${orgId} order by r.started_at desc limit 1`);
      expect(failed.status).toBe('failed');
      expect(failed.error).toMatch(/could not read|temporary error/);
      expect(failed.cursor).toBe(before.cursor);
      clock.advance(10 * 60_000);
      await dueNow();
      await tick();
      const after = await one<{ status: string; n: number; distinct: number }>(sql`select
        (select status from public.sync_runs where org_id = ${orgId} order by started_at desc limit 1) as status,
        count(*)::int as n, count(distinct external_order_id)::int as distinct from public.orders where org_id = ${orgId}`);
      expect(after.status).toBe('succeeded');
      expect(after.distinct).toBe(after.n);
      expect(after.n).toBeGreaterThanOrEqual(orderCount(profile(c.marketplace), clock.now() - 35 * 60_000));
    });
  });
}
