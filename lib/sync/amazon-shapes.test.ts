// Amazon answers ESM must read right, through the whole path (engine → connector → simulator over
// HTTP → Postgres) on every backend: a last page that says `"nextToken": ""`, and a buyer's
// cancellation request on an order nobody has cancelled (a request, not a cancellation).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import type { MarketplaceConfig } from '@/lib/env';
import { saveConnection } from '@/lib/accounts/connect';
import { RateLimits, type Timer } from '@/lib/marketplaces/http';
import { fixedClock } from '@/sandbox/core/clock';
import { orderCount, simOrder, type AccountProfile } from '@/sandbox/core/catalog';
import { startService, type RunningService } from '@/sandbox/core/server';
import { AMAZON_DEMO_CLIENT_ID, AMAZON_DEMO_CLIENT_SECRET, AmazonSandbox } from '@/sandbox/amazon';
import { orderIdFor } from '@/sandbox/amazon/ids';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { buildConnector } from '@/lib/marketplaces/registry';
import { connectorsFromDatabase } from './connectors';
import { runDueJobs } from './worker';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 1) + 8 * DAY + 10 * 60_000;
const keys = [{ id: 'k1', key: Buffer.alloc(32, 4) }];
const PROFILE: AccountProfile = { seed: 'amazon-shapes', epochMs: Date.UTC(2026, 9, 1), intervalMs: 45 * 60_000 };
const credentials = { refreshToken: 'Atzr|amazon-shapes', sellingPartnerId: 'A7ESHAPES0001' };

describe.each(backends)('Amazon answers read right through the engine on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let sim: RunningService;
  let svc: AmazonSandbox;
  const clock = fixedClock(T0);
  let orgId: string;
  let marketplaces: MarketplaceConfig;
  const timer: Timer = { now: () => clock.now(), sleep: async (ms) => void clock.advance(Math.max(0, ms)) };
  const deps = () => ({ marketplaces, limits: new RateLimits(timer), timer });
  const q = async <T>(text: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(text));

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    svc = new AmazonSandbox({ clock, accounts: [{ sellingPartnerId: credentials.sellingPartnerId, name: 'S', profile: PROFILE, refreshTokens: { [credentials.refreshToken]: AMAZON_DEMO_CLIENT_ID } }] });
    sim = await startService(svc, { port: 0 });
    marketplaces = {
      walmart: { baseUrl: sim.url },
      amazon: { region: 'na', marketplaceIds: ['ATVPDKIKX0DER'], sellerCentralUrl: sim.url, endpointOverride: sim.url, app: { clientId: AMAZON_DEMO_CLIENT_ID, clientSecret: AMAZON_DEMO_CLIENT_SECRET, applicationId: 'x', draft: true } },
      ebay: { apiBaseUrl: sim.url, authBaseUrl: sim.url, marketplaceId: 'EBAY_US', app: null },
      shippo: { baseUrl: sim.url, apiKey: null },
    };
    const owner = await createUser(db);
    orgId = await createOrg(db, 'Amazon shapes', [[owner, 'owner']]);
    const identity = await buildConnector('amazon', credentials, deps()).verify();
    expect((await saveConnection(db, keys, { orgId, userId: owner.sub, marketplace: 'amazon', identity, credentials }, clock.now())).ok).toBe(true);
  });
  afterAll(async () => {
    await sim?.close();
    await t?.cleanup();
  });

  it('an empty nextToken ends the window, and a request to cancel leaves the order and its lines uncancelled', async () => {
    const now = clock.now();
    const n = orderCount(PROFILE, now - 35 * 60_000);
    // The newest orders the buyer asked to cancel, which are not cancelled.
    const requested = Array.from({ length: n }, (_, i) => i)
      .filter((i) => simOrder(PROFILE, i).cancelledAt === null)
      .slice(-3)
      .map((i) => orderIdFor(PROFILE.seed, i));
    expect(requested).toHaveLength(3);
    for (const id of requested) svc.world.quirks.cancellationRequested.add(id);
    svc.world.quirks.emptyNextToken = true;

    await runDueJobs({ db, connectorFor: connectorsFromDatabase(db, keys, deps()), now: () => clock.now(), kinds: ['sync_orders'], lookbackMs: 10 * DAY });
    const [run] = await q<{ status: string; error: string | null; pages: number }>(sql`select status, error, pages from public.sync_runs where org_id = ${orgId}`);
    expect(run.status).toBe('succeeded');
    expect(run.error).toBeNull();
    // The last page carried "nextToken": "" and was the last one asked for.
    const searches = svc.sent(/\/orders\/2026-01-01\/orders$/);
    expect(searches).toHaveLength(run.pages);
    const [{ count }] = await q<{ count: number }>(sql`select count(*)::int as count from public.orders where org_id = ${orgId}`);
    expect(count).toBeGreaterThanOrEqual(n);

    const rows = await q<{ external_order_id: string; status: string; line: string | null }>(sql`select o.external_order_id, o.status, i.marketplace_status as line
      from public.orders o join public.order_items i on i.order_id = o.id where o.org_id = ${orgId} and o.external_order_id in (${sql.join(requested.map((id) => sql`${id}`), sql`, `)})`);
    expect(new Set(rows.map((r) => r.external_order_id))).toEqual(new Set(requested));
    for (const r of rows) {
      expect(r.status).not.toBe('cancelled');
      expect(r.line).toBe('CANCELLATION_REQUESTED');
    }
    // Lines of orders Amazon did cancel are CANCELLED.
    const [{ cancelledLines, badLines }] = await q<{ cancelledLines: number; badLines: number }>(sql`select
      count(*) filter (where i.marketplace_status = 'CANCELLED')::int as "cancelledLines",
      count(*) filter (where i.marketplace_status is distinct from 'CANCELLED')::int as "badLines"
      from public.orders o join public.order_items i on i.order_id = o.id where o.org_id = ${orgId} and o.status = 'cancelled'`);
    expect(cancelledLines).toBeGreaterThan(0);
    expect(badLines).toBe(0);
  });
});
