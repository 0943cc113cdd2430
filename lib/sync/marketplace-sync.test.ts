// The whole sync path for real: engine → connector → simulator over HTTP → Postgres, on every
// backend. Credentials and buyer PII are canaries: none may reach a log, a stored error, an
// audit row or an error message.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { saveConnection } from '@/lib/accounts/connect';
import { RateLimits } from '@/lib/marketplaces/http';
import { WalmartConnector } from '@/lib/marketplaces/walmart';
import { log } from '@/lib/log';
import { fixedClock } from '@/sandbox/core/clock';
import { simOrder, orderCount } from '@/sandbox/core/catalog';
import { startService, type RunningService } from '@/sandbox/core/server';
import { WalmartSandbox, type WalmartAccount } from '@/sandbox/walmart';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { buildConnector } from '@/lib/marketplaces/registry';
import { connectorsFromDatabase } from './connectors';
import { runDueJobs } from './worker';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1, 12);
const SECRET = 'canary-walmart-secret-7f3a9c';
const ACCOUNT: WalmartAccount = {
  clientId: 'canary-walmart-client-0001',
  clientSecret: SECRET,
  partnerId: '10009990001',
  sellerId: '109990001',
  name: 'Canary seller',
  profile: { seed: 'esm-sync-integration', epochMs: T0 - 5 * DAY, intervalMs: 45 * 60_000 },
};
const keys = [{ id: 'k1', key: Buffer.alloc(32, 9) }];

describe.each(backends)('Walmart sync end to end on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let sim: RunningService;
  let svc: WalmartSandbox;
  const clock = fixedClock(T0);
  let orgId: string;
  let userId: string;
  const logged: string[] = [];

  const marketplaces = () => ({
    walmart: { baseUrl: sim.url },
    amazon: { region: 'na' as const, marketplaceIds: ['ATVPDKIKX0DER'], sellerCentralUrl: sim.url, endpointOverride: null, app: null },
    ebay: { apiBaseUrl: sim.url, authBaseUrl: sim.url, marketplaceId: 'EBAY_US', app: null },
    shippo: { baseUrl: sim.url, apiKey: null },
  });
  const tick = () =>
    runDueJobs({
      db,
      connectorFor: connectorsFromDatabase(db, keys, { marketplaces: marketplaces(), limits: new RateLimits() }),
      now: () => clock.now(),
      lookbackMs: 10 * DAY,
      onError: (job, e) => log.warn({ jobId: job.id, err: { message: (e as Error).message } }, 'sync job failed'),
    });
  const q = async <T>(text: string) => rowsOf<T>(await db.execute(sql.raw(text)));

  beforeAll(async () => {
    for (const level of ['info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(log, level).mockImplementation(((...args: unknown[]) => void logged.push(JSON.stringify(args))) as never);
    }
    t = await backend.open();
    db = t.database.db;
    svc = new WalmartSandbox({ clock, accounts: [{ ...ACCOUNT }] }); // a copy: a test rotates its secret
    sim = await startService(svc, { port: 0 });
    const owner = await createUser(db);
    userId = owner.sub;
    orgId = await createOrg(db, 'Integration Org', [[owner, 'owner']]);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await sim?.close();
    await t?.cleanup();
  });

  it('connects, then a first sync writes exactly the simulated orders, items and buyers', async () => {
    const credentials = { clientId: ACCOUNT.clientId, clientSecret: SECRET };
    const identity = await buildConnector('walmart', credentials, { marketplaces: marketplaces(), limits: new RateLimits() }).verify();
    const saved = await saveConnection(db, keys, { orgId, userId, marketplace: 'walmart', identity, credentials }, clock.now());
    expect(saved.ok).toBe(true);
    await tick();
    const expected = orderCount(ACCOUNT.profile, clock.now());
    const [{ n }] = await q<{ n: number }>(`select count(*)::int as n from public.orders where org_id = '${orgId}'`);
    expect(n).toBe(expected);
    const lines = Array.from({ length: expected }, (_, i) => simOrder(ACCOUNT.profile, i).lines.length).reduce((a, b) => a + b, 0);
    const [{ items }] = await q<{ items: number }>(`select count(*)::int as items from public.order_items where org_id = '${orgId}'`);
    expect(items).toBe(lines);
    const [{ buyers }] = await q<{ buyers: number }>(`select count(*)::int as buyers from public.order_buyers where org_id = '${orgId}' and name is not null`);
    expect(buyers).toBe(expected);
    const [{ listings }] = await q<{ listings: number }>(`select count(*)::int as listings from public.listings where org_id = '${orgId}'`);
    expect(listings).toBeGreaterThan(0);
  });

  it('an incremental sync after time passes catches new orders and status changes, with no duplicates', async () => {
    const before = orderCount(ACCOUNT.profile, clock.now());
    clock.advance(DAY);
    await db.execute(sql`update public.jobs set run_at = ${new Date(clock.now()).toISOString()} where org_id = ${orgId}`);
    await tick();
    const after = orderCount(ACCOUNT.profile, clock.now());
    expect(after).toBeGreaterThan(before);
    const [{ n, distinct }] = await q<{ n: number; distinct: number }>(
      `select count(*)::int as n, count(distinct external_order_id)::int as distinct from public.orders where org_id = '${orgId}'`,
    );
    expect(n).toBe(after);
    expect(distinct).toBe(after);
    // Every order the simulator shows as cancelled by now is cancelled in ESM.
    const cancelled = Array.from({ length: after }, (_, i) => simOrder(ACCOUNT.profile, i)).filter((o) => o.cancelledAt !== null && o.cancelledAt <= clock.now()).length;
    const [{ c }] = await q<{ c: number }>(`select count(*)::int as c from public.orders where org_id = '${orgId}' and status = 'cancelled'`);
    expect(c).toBe(cancelled);
    expect(cancelled).toBeGreaterThan(0);
  });

  it('wrong stored credentials: failures are sanitized and after three the account needs reconnecting', async () => {
    svc.accounts[0].clientSecret = 'rotated-by-seller';
    for (let i = 0; i < 3; i++) {
      clock.advance(DAY);
      await db.execute(sql`update public.jobs set run_at = ${new Date(clock.now()).toISOString()}, locked_until = null where org_id = ${orgId}`);
      await tick();
    }
    const [acct] = await q<{ status: string; last_sync_error: string }>(`select status, last_sync_error from public.marketplace_accounts where org_id = '${orgId}'`);
    expect(acct.status).toBe('needs_reconnect');
    expect(acct.last_sync_error).toMatch(/refused the credentials/);
  });

  it('no credential or buyer PII reached a log, a stored error or an audit row', async () => {
    const buyers = await q<{ name: string; phone: string; address_line1: string }>(`select name, phone, address_line1 from public.order_buyers where org_id = '${orgId}' limit 50`);
    const canaries = [SECRET, ACCOUNT.clientId, ...buyers.flatMap((b) => [b.name, b.phone, b.address_line1])];
    const stored = [
      ...(await q<{ e: string }>(`select coalesce(error, '') as e from public.sync_runs where org_id = '${orgId}'`)).map((r) => r.e),
      ...(await q<{ e: string }>(`select coalesce(last_error, '') as e from public.jobs where org_id = '${orgId}'`)).map((r) => r.e),
      ...(await q<{ e: string }>(`select coalesce(last_sync_error, '') || coalesce(status_reason, '') as e from public.marketplace_accounts where org_id = '${orgId}'`)).map((r) => r.e),
      ...(await q<{ e: string }>(`select details::text as e from public.audit_events where org_id = '${orgId}'`)).map((r) => r.e),
    ];
    expect(logged.length).toBeGreaterThan(0); // the failures above were logged
    for (const c of canaries) {
      for (const text of [...logged, ...stored]) expect(text).not.toContain(c);
    }
    // Nor is the secret readable from the database as plain text.
    const [{ hit }] = await q<{ hit: boolean }>(`select exists (select 1 from public.marketplace_credentials where position('${SECRET}' in encode(ciphertext, 'escape')) > 0) as hit`);
    expect(hit).toBe(false);
    expect(WalmartConnector).toBeDefined();
  });
});
