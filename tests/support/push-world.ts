// One organization connected to the three marketplace simulators, with open orders synced from
// them (as the sync writes them), a job registry with the tracking kinds, and a drain. Shared by
// the tracking push tests and `npm run bench:push`.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import type { Backend, TestDatabase } from '@/tests/support/db';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsService, type Claims } from '@/lib/db/session';
import { marketplaceAccounts } from '@/lib/db/schema';
import { JobRegistry } from '@/lib/jobs/registry';
import { drainJobs } from '@/lib/jobs/tick';
import type { Connector, Marketplace, NormalizedOrder } from '@/lib/marketplaces/types';
import { upsertOrders } from '@/lib/sync/upsert-orders';
import { registerAcknowledge } from '@/lib/tracking/acknowledge';
import { registerTrackingPush } from '@/lib/tracking/push-job';
import { createOrg, createUser } from '@/tests/support/fixtures';
import * as amazon from '@/tests/support/marketplaces/amazon';
import * as ebay from '@/tests/support/marketplaces/ebay';
import * as walmart from '@/tests/support/marketplaces/walmart';

export interface Sims {
  walmart: walmart.Sim;
  amazon: amazon.Sim;
  ebay: ebay.Sim;
  close(): Promise<void>;
}

/** The marketplaces' write paths (Walmart ship, Amazon confirmShipment, eBay fulfillments). */
export const WRITE_PATHS: Record<Marketplace, RegExp> = { walmart: /\/shipping$/, amazon: /\/shipmentConfirmation$/, ebay: /\/shipping_fulfillment$/ };

const DENSE_MS = 3 * 60_000;

/** The three simulators; `dense`: an order every 3 minutes (the benchmark needs 1,000 open ones). */
export async function startSims(o: { dense?: boolean } = {}): Promise<Sims> {
  const dense = (p: { seed: string }, t0: number) => ({ ...p, epochMs: t0 - 3 * 86_400_000, intervalMs: DENSE_MS, maxOrders: undefined });
  const [w, a, e] = await Promise.all([
    walmart.startSim(o.dense ? { accounts: [{ ...walmart.SMALL, profile: dense(walmart.SMALL.profile, walmart.T0) }] } : {}),
    amazon.startSim(o.dense ? [{ ...amazon.SMALL, profile: dense(amazon.SMALL.profile, amazon.NOW) }] : undefined),
    ebay.startSim({}, o.dense ? dense(ebay.PROFILE, ebay.T0) : ebay.PROFILE),
  ]);
  return { walmart: w, amazon: a, ebay: e, close: async () => void (await Promise.all([w.close(), a.close(), e.close()])) };
}

type FetchImpl = typeof fetch;

/** A fresh connector for a marketplace's simulator (fetchImpl: to lose answers on purpose). */
export function simConnector(sims: Sims, m: Marketplace, fetchImpl?: FetchImpl, o: { timeoutMs?: number } = {}): Connector {
  const over = { ...(fetchImpl ? { fetchImpl } : {}), ...o };
  if (m === 'walmart') return walmart.connectorFor(sims.walmart, over).connector;
  if (m === 'amazon') return amazon.connectorFor(sims.amazon, { account: amazon.SMALL, timer: new amazon.SimTimer(sims.amazon.clock), ...over });
  return ebay.connector(sims.ebay, over);
}

/** Open orders in the simulator: unshipped, nothing shipped of any line yet. */
async function openOrders(sims: Sims, m: Marketplace): Promise<NormalizedOrder[]> {
  const c = simConnector(sims, m);
  let orders: NormalizedOrder[];
  if (m === 'walmart') orders = (await walmart.syncWindow(c as never, walmart.windowOf(walmart.T0 - 48 * walmart.HOUR, walmart.T0))).orders;
  else if (m === 'amazon') orders = await amazon.drainOrders(c as never, { updatedFrom: new Date(amazon.NOW - 3 * amazon.DAY), updatedTo: new Date(amazon.NOW - 5 * amazon.MINUTE) });
  else orders = (await ebay.readWindow(c as never, { updatedFrom: new Date(ebay.T0 - 48 * ebay.HOUR), updatedTo: new Date(ebay.T0) })).orders;
  return orders.filter((o) => o.status === 'unshipped' && o.items.length > 0 && o.items.every((i) => i.quantityShipped === 0));
}

export interface PushWorld {
  orgId: string;
  owner: Claims;
  operator: Claims;
  viewer: Claims;
  accounts: Record<Marketplace, string>;
  /** Open orders per marketplace: ESM ids with their marketplace ids. */
  orders: Record<Marketplace, Array<{ id: string; externalOrderId: string }>>;
}

export async function seedPushWorld(db: Db, sims: Sims): Promise<PushWorld> {
  const [owner, operator, viewer] = await Promise.all([1, 2, 3].map(() => createUser(db)));
  const orgId = await createOrg(db, 'Pushes Ltd', [[owner, 'owner'], [operator, 'operator'], [viewer, 'viewer']]);
  const accounts = {} as Record<Marketplace, string>;
  const orders = {} as PushWorld['orders'];
  for (const m of ['walmart', 'amazon', 'ebay'] as const) {
    const open = await openOrders(sims, m);
    orders[m] = await runAsService(db, 'tests', async (tx) => {
      const [a] = await tx.insert(marketplaceAccounts).values({ orgId, marketplace: m, displayName: m, externalAccountId: `${m}-${orgId}` }).returning();
      accounts[m] = a.id;
      await upsertOrders(tx, { orgId, accountId: a.id, marketplace: m }, open);
      return rowsOf<{ id: string; external_order_id: string }>(
        await tx.execute(sql`select id, external_order_id from public.orders where marketplace_account_id = ${a.id} and status = 'unshipped' order by ordered_at`),
      ).map((r) => ({ id: r.id, externalOrderId: r.external_order_id }));
    });
  }
  return { orgId, owner, operator, viewer, accounts, orders };
}

/** The tracking kinds in a registry of the test's own, with each account's connector chosen by the test. */
export function pushRegistry(connectorOf: (accountId: string) => Connector, backoffMs = 1): JobRegistry {
  const connectorFor = async (_db: Db, job: { accountId: string }) => connectorOf(job.accountId);
  return registerAcknowledge(registerTrackingPush(new JobRegistry(), { connectorFor }, { backoffMs }), connectorFor);
}

/** Runs due tracking jobs until none is due (retries included: their backoff is 1 ms in tests). */
export async function drainPushes(db: Db, registry: JobRegistry, rounds = 20): Promise<number> {
  let ran = 0;
  for (let i = 0; i < rounds; i++) {
    const r = await drainJobs({ db, registry, budgetMs: 60_000 });
    ran += r.ran.length;
    const [due] = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from public.jobs where kind in ('tracking_push', 'walmart_acknowledge') and status in ('queued', 'running')`),
    );
    if (Number(due.n) === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  return ran;
}

/** A suite's world on one backend: a fresh database, the three simulators and the seeded organization. */
export function pushWorldSuite(backend: Backend): { t: TestDatabase; sims: Sims; w: PushWorld } {
  const s = {} as { t: TestDatabase; sims: Sims; w: PushWorld };
  beforeAll(async () => {
    s.t = await backend.open();
    s.sims = await startSims();
    s.w = await seedPushWorld(s.t.database.db, s.sims);
  }, 180_000);
  afterAll(async () => {
    await s.sims?.close();
    await s.t?.cleanup();
  });
  return s;
}
