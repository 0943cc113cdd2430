// The demo seen through ESM: the Walmart demo seller synced through the real path (engine →
// connector → simulator over HTTP → Postgres) shows a working shop's statuses, and a few simulated
// minutes later the next sync brings new orders and status changes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import type { MarketplaceConfig } from '@/lib/env';
import { saveConnection } from '@/lib/accounts/connect';
import { RateLimits, type Timer } from '@/lib/marketplaces/http';
import { buildConnector } from '@/lib/marketplaces/registry';
import { connectorsFromDatabase } from '@/lib/sync/connectors';
import { runDueJobs } from '@/lib/sync/worker';
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { startService, type RunningService } from '@/sandbox/core/server';
import { WALMART_DEMO_CLIENT_ID, WALMART_DEMO_CLIENT_SECRET, WalmartSandbox } from '@/sandbox/walmart';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { demoWalmartAccounts } from './profiles';

const DAY = 86_400_000;
const START = Date.UTC(2026, 11, 1, 7, 30);
const T0 = START + 2 * DAY + 8 * 3_600_000;
const keys = [{ id: 'k1', key: Buffer.alloc(32, 5) }];
const credentials = { clientId: WALMART_DEMO_CLIENT_ID, clientSecret: WALMART_DEMO_CLIENT_SECRET };

describe.each(backends)('the Walmart demo seller synced on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let sim: RunningService;
  let clock: SimClock;
  let orgId: string;
  let marketplaces: MarketplaceConfig;
  const timer: Timer = { now: () => clock.now(), sleep: async (ms) => void clock.advance(Math.max(0, ms)) };
  const tick = () =>
    runDueJobs({ db, connectorFor: connectorsFromDatabase(db, keys, { marketplaces, limits: new RateLimits(timer), timer }), now: () => clock.now(), kinds: ['sync_orders'], lookbackMs: 4 * DAY });
  const counts = async () =>
    rowsOf<{ status: string; late: boolean; n: number }>(
      await db.execute(sql`select status, (status in ('pending', 'unshipped', 'partially_shipped') and ship_by < ${new Date(clock.now()).toISOString()}::timestamptz) as late,
        count(*)::int as n from public.orders where org_id = ${orgId} group by 1, 2`),
    );

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    clock = fixedClock(T0);
    sim = await startService(new WalmartSandbox({ clock, accounts: demoWalmartAccounts(START) }), { port: 0 });
    marketplaces = {
      walmart: { baseUrl: sim.url },
      amazon: { region: 'na', marketplaceIds: [], sellerCentralUrl: sim.url, endpointOverride: null, app: null },
      ebay: { apiBaseUrl: sim.url, authBaseUrl: sim.url, marketplaceId: 'EBAY_US', app: null },
      shippo: { baseUrl: sim.url, apiKey: null },
    };
    const owner = await createUser(db);
    orgId = await createOrg(db, 'demo-walmart', [[owner, 'owner']]);
    const identity = await buildConnector('walmart', credentials, { marketplaces, limits: new RateLimits(timer), timer }).verify();
    expect((await saveConnection(db, keys, { orgId, userId: owner.sub, marketplace: 'walmart', identity, credentials }, clock.now())).ok).toBe(true);
  });
  afterAll(async () => {
    await sim?.close();
    await t?.cleanup();
  });

  it('shows mostly shipped and delivered orders, some open, a few late, some cancelled', async () => {
    await tick();
    const rows = await counts();
    const total = rows.reduce((s, r) => s + r.n, 0);
    const sum = (f: (r: { status: string; late: boolean }) => boolean) => rows.filter(f).reduce((s, r) => s + r.n, 0);
    const open = sum((r) => ['pending', 'unshipped', 'partially_shipped'].includes(r.status));
    expect(total).toBeGreaterThan(500);
    expect(sum((r) => r.status === 'shipped' || r.status === 'delivered') / total).toBeGreaterThan(0.6);
    expect(sum((r) => r.status === 'delivered')).toBeGreaterThan(0);
    expect(open / total).toBeGreaterThan(0.05);
    expect(open / total).toBeLessThan(0.35);
    expect(sum((r) => r.late)).toBeLessThan(0.1 * open);
    expect(sum((r) => r.status === 'cancelled')).toBeGreaterThan(0);
  });

  it('a few simulated minutes later the next sync brings new orders and status changes', async () => {
    const before = rowsOf<{ n: number; newest: string }>(await db.execute(sql`select count(*)::int as n, max(ordered_at)::text as newest from public.orders where org_id = ${orgId}`))[0];
    const changedBefore = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from public.orders where org_id = ${orgId} and status in ('shipped', 'delivered')`))[0].n;
    clock.advance(15 * 60_000);
    await db.execute(sql`update public.jobs set run_at = ${new Date(clock.now()).toISOString()} where org_id = ${orgId}`);
    await tick();
    const after = rowsOf<{ n: number; newest: string }>(await db.execute(sql`select count(*)::int as n, max(ordered_at)::text as newest from public.orders where org_id = ${orgId}`))[0];
    expect(after.n).toBeGreaterThanOrEqual(before.n + 2);
    expect(Date.parse(after.newest)).toBeGreaterThan(Date.parse(before.newest));
    const changedAfter = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from public.orders where org_id = ${orgId} and status in ('shipped', 'delivered')`))[0].n;
    expect(changedAfter).toBeGreaterThan(changedBefore);
  });
});
