// A worker process killed (SIGKILL, no cleanup) in the middle of a sync, then the sync run again
// by another process: exact totals, nothing duplicated, nothing lost.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase, rowsOf } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { saveConnection } from '@/lib/accounts/connect';
import { RateLimits } from '@/lib/marketplaces/http';
import { simOrder, orderCount, type AccountProfile } from '@/sandbox/core/catalog';
import { SimClock } from '@/sandbox/core/clock';
import { startService } from '@/sandbox/core/server';
import { WalmartSandbox } from '@/sandbox/walmart';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { buildConnector } from '@/lib/marketplaces/registry';
import { connectorsFromDatabase } from './connectors';
import { INTERRUPTED_RUN_ERROR } from './run';
import { runDueJobs } from './worker';

const DAY = 86_400_000;

it('a worker SIGKILLed mid-sync: the rerun ends with exact totals and no duplicates', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'esm-killed-'));
  const key = crypto.randomBytes(32);
  const keys = [{ id: 'k1', key }];
  const now = Date.now();
  const profile: AccountProfile = { seed: 'killed-worker', epochMs: now - 10 * DAY, intervalMs: 6 * 60_000 }; // ~2,400 orders: 13 pages
  const svc = new WalmartSandbox({ clock: new SimClock(), accounts: [{ clientId: 'kill-c', clientSecret: 'kill-s', partnerId: '10003330001', sellerId: '103330001', name: 'K', profile }] });
  const sim = await startService(svc, { port: 0 });
  const marketplaces = {
    walmart: { baseUrl: sim.url },
    amazon: { region: 'na' as const, marketplaceIds: [], sellerCentralUrl: sim.url, endpointOverride: null, app: null },
    ebay: { apiBaseUrl: sim.url, authBaseUrl: sim.url, marketplaceId: 'EBAY_US', app: null },
    shippo: { baseUrl: sim.url, apiKey: null },
  };
  try {
    // Set up the account, then hand the database folder over to the worker process.
    let database = await openDatabase({ dataDir: dir });
    await migrate(database);
    const owner = await createUser(database.db);
    const orgId = await createOrg(database.db, 'killed', [[owner, 'owner']]);
    const credentials = { clientId: 'kill-c', clientSecret: 'kill-s' };
    const identity = await buildConnector('walmart', credentials, { marketplaces, limits: new RateLimits() }).verify();
    expect((await saveConnection(database.db, keys, { orgId, userId: owner.sub, marketplace: 'walmart', identity, credentials })).ok).toBe(true);
    await database.close();

    svc.faults = { latencyMs: 150 }; // slow pages, so the kill lands mid-sync
    // One process (tsx as a loader, not a wrapper): the SIGKILL lands on the process holding the database.
    const worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/sync-worker.ts', dir, sim.url, key.toString('base64')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const pages = () => svc.sent(/^\/v3\/orders$/).filter((r) => r.status === 200).length;
    const deadline = Date.now() + 60_000;
    while (pages() < 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    worker.kill('SIGKILL');
    await new Promise((r) => worker.once('exit', r));
    expect(pages()).toBeGreaterThanOrEqual(5);
    svc.faults = {};

    // The killed process left its lock and its lease behind; another process takes over.
    database = await openDatabase({ dataDir: dir });
    const count = async () =>
      rowsOf<{ n: number; distinct: number; items: number }>(
        await database.db.execute(sql`select count(*)::int as n, count(distinct external_order_id)::int as distinct,
          (select count(*)::int from public.order_items where org_id = ${orgId}) as items from public.orders where org_id = ${orgId}`),
      )[0];
    const partial = await count();
    const total = orderCount(profile, now);
    expect(partial.n).toBeGreaterThan(0);
    expect(partial.n).toBeLessThan(total);
    // After the dead worker's lease has expired:
    const later = Date.now() + 5 * 60_000;
    await runDueJobs({
      db: database.db,
      connectorFor: connectorsFromDatabase(database.db, keys, { marketplaces, limits: new RateLimits() }),
      now: () => later,
      kinds: ['sync_orders'],
      lookbackMs: 30 * DAY,
    });
    const final = await count();
    const all = orderCount(profile, Date.now());
    const lines = Array.from({ length: all }, (_, i) => simOrder(profile, i).lines.length).reduce((a, b) => a + b, 0);
    expect(final).toEqual({ n: all, distinct: all, items: lines });
    // The killed worker's run does not stay "running" forever: the takeover closed it as
    // interrupted, and the window finished in a run of its own.
    const runs = rowsOf<{ status: string; error: string | null }>(
      await database.db.execute(sql`select status, error from public.sync_runs where org_id = ${orgId} and kind = 'orders' order by started_at`),
    );
    expect(runs).toEqual([
      { status: 'failed', error: INTERRUPTED_RUN_ERROR },
      { status: 'succeeded', error: null },
    ]);
    await database.close();
  } finally {
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);
