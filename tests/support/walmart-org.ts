// An organization connected to the Walmart simulator's demo seller, for tests that sync through
// the real path (engine → connector → simulator over HTTP → Postgres) on a simulated clock.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/lib/db/connect';
import type { MarketplaceConfig } from '@/lib/env';
import { saveConnection } from '@/lib/accounts/connect';
import { RateLimits, type Timer } from '@/lib/marketplaces/http';
import { buildConnector } from '@/lib/marketplaces/registry';
import { connectorsFromDatabase } from '@/lib/sync/connectors';
import { runDueJobs } from '@/lib/sync/worker';
import type { SyncKind } from '@/lib/sync/handlers';
import type { SimClock } from '@/sandbox/core/clock';
import { WALMART_DEMO_CLIENT_ID, WALMART_DEMO_CLIENT_SECRET } from '@/sandbox/walmart';
import { createOrg, createUser } from './fixtures';

const keys = [{ id: 'k1', key: Buffer.alloc(32, 9) }];
const credentials = { clientId: WALMART_DEMO_CLIENT_ID, clientSecret: WALMART_DEMO_CLIENT_SECRET };

export async function walmartDemoOrg(db: Db, clock: SimClock, simUrl: string, name: string) {
  // Waits (rate-limit buckets, retries) move the simulated clock instead of real time.
  const timer: Timer = { now: () => clock.now(), sleep: async (ms) => void clock.advance(Math.max(0, ms)) };
  const marketplaces: MarketplaceConfig = {
    walmart: { baseUrl: simUrl },
    amazon: { region: 'na', marketplaceIds: [], sellerCentralUrl: simUrl, endpointOverride: null, app: null },
    ebay: { apiBaseUrl: simUrl, authBaseUrl: simUrl, marketplaceId: 'EBAY_US', app: null },
    shippo: { baseUrl: simUrl, apiKey: null },
  };
  const owner = await createUser(db);
  const orgId = await createOrg(db, name, [[owner, 'owner']]);
  const identity = await buildConnector('walmart', credentials, { marketplaces, limits: new RateLimits(timer), timer }).verify();
  const saved = await saveConnection(db, keys, { orgId, userId: owner.sub, marketplace: 'walmart', identity, credentials }, clock.now());
  if (!saved.ok) throw new Error('the Walmart demo seller could not be connected');
  const accountId = rowsOf<{ id: string }>(await db.execute(sql`select id from public.marketplace_accounts where org_id = ${orgId}`))[0].id;
  /** One scheduled tick of the org's due sync jobs of these kinds. */
  const tick = (kinds: SyncKind[], lookbackMs?: number) =>
    runDueJobs({ db, connectorFor: connectorsFromDatabase(db, keys, { marketplaces, limits: new RateLimits(timer), timer }), now: () => clock.now(), kinds, lookbackMs });
  /** Makes the org's jobs due now (as a later tick would find them). */
  const dueNow = () => db.execute(sql`update public.jobs set run_at = ${new Date(clock.now()).toISOString()} where org_id = ${orgId}`);
  return { orgId, accountId, owner, tick, dueNow };
}
