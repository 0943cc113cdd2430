// An Amazon orders sync through the engine under Amazon's real default usage plans (enforced by
// the connector's buckets and by the simulator), on simulated time: its wall time against the
// bound the limits imply. Time passes only when something waits, so hours cost seconds.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { RateLimits, type Timer } from '@/lib/marketplaces/http';
import { AmazonConnector, amazonDefaultLimits } from '@/lib/marketplaces/amazon';
import { ensureSyncJobs } from '@/lib/sync/jobs';
import { runDueJobs } from '@/lib/sync/worker';
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { startService } from '@/sandbox/core/server';
import { AMAZON_DEMO_CLIENT_ID, AMAZON_DEMO_CLIENT_SECRET, AmazonSandbox, type AmazonAccount } from '@/sandbox/amazon';
import { createOrg, createUser } from '@/tests/support/fixtures';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 9, 15);
const ORDERS_PER_PAGE = 100;

function simTimer(clock: SimClock): Timer {
  return {
    now: () => clock.now(),
    sleep: async (ms) => {
      clock.advance(Math.max(0, ms));
      await new Promise<void>((r) => setImmediate(r));
    },
  };
}

export async function benchAmazon(): Promise<void> {
  const days = Number(process.env.BENCH_AMAZON_DAYS ?? 14);
  const account: AmazonAccount = {
    sellingPartnerId: 'A9ESMBENCH0001',
    name: 'Bench seller',
    // One order a minute for `days` days: about 1,440 orders (15 pages) a day.
    profile: { seed: `amazon-bench-${crypto.randomUUID()}`, epochMs: T0 - days * DAY, intervalMs: 60_000 },
    refreshTokens: { 'Atzr|esm-bench': AMAZON_DEMO_CLIENT_ID },
  };
  const clock = fixedClock(T0);
  const sim = await startService(new AmazonSandbox({ clock, accounts: [account] }), { port: 0 });
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(database);
    const db = database.db;
    const owner = await createUser(db);
    const orgId = await createOrg(db, 'amazon-bench', [[owner, 'owner']]);
    const [{ id: accountId }] = rowsOf<{ id: string }>(
      await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
        values (${orgId}, 'amazon', 'Bench', ${account.sellingPartnerId}) returning id`),
    );
    await db.transaction((tx) => ensureSyncJobs(tx, orgId, accountId, clock.now()));
    const timer = simTimer(clock);
    const connector = new AmazonConnector({
      credentials: { refreshToken: 'Atzr|esm-bench', sellingPartnerId: account.sellingPartnerId },
      app: { clientId: AMAZON_DEMO_CLIENT_ID, clientSecret: AMAZON_DEMO_CLIENT_SECRET },
      region: 'na',
      marketplaceIds: ['ATVPDKIKX0DER'],
      endpointOverride: sim.url,
      limits: new RateLimits(timer),
      timer,
    });
    const simStart = clock.now();
    const realStart = performance.now();
    await runDueJobs({
      db,
      connectorFor: async () => connector,
      now: () => clock.now(),
      budgetMs: 30 * DAY,
      leaseMs: 30 * DAY,
      kinds: ['sync_orders'],
      lookbackMs: (days + 1) * DAY,
    });
    const simSeconds = (clock.now() - simStart) / 1000;
    const [r] = rowsOf<{ n: number; calls: number; status: string }>(
      await db.execute(sql`select (select count(*)::int from public.orders where org_id = ${orgId}) as n, api_calls as calls, status
        from public.sync_runs where org_id = ${orgId} order by started_at desc limit 1`),
    );
    const pages = Math.ceil(r.n / ORDERS_PER_PAGE);
    const { ratePerSecond, burst } = amazonDefaultLimits.searchOrders;
    const bound = Math.max(0, pages - burst) / ratePerSecond;
    console.log(
      [
        `[Amazon] ${r.n} orders (run ${r.status}) in ${pages} pages of searchOrders, ${r.calls} SP-API requests (minimum ${pages})`,
        `[Amazon] simulated wall time ${(simSeconds / 3600).toFixed(2)} h vs rate-limit bound ${(bound / 3600).toFixed(2)} h = ${(simSeconds / bound).toFixed(3)}x (goal <= 1.1x); ${((performance.now() - realStart) / 1000).toFixed(1)} s real`,
      ].join('\n'),
    );
  } finally {
    await database.close();
    await sim.close();
  }
}
