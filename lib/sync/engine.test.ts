// The sync engine against a scripted connector: exact totals after crashes, replays that write
// nothing, one worker per job, clean failures, and the reconnect rule.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { MarketplaceError } from '@/lib/marketplaces/http';
import type { Connector, NormalizedOrder, OrderWindow, Page } from '@/lib/marketplaces/types';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { ensureSyncJobs } from './jobs';
import { INTERRUPTED_RUN_ERROR } from './run';
import { runDueJobs } from './worker';

const T0 = Date.parse('2026-11-01T00:00:00Z');
const MIN = 60_000;

function order(i: number, updatedAt: number, status: NormalizedOrder['status'] = 'unshipped'): NormalizedOrder {
  return {
    externalOrderId: `PO-${i}`, status, marketplaceStatus: status, orderedAt: new Date(T0 + i * MIN), updatedAt: new Date(updatedAt),
    shipBy: null, deliverBy: null, shippedAt: null, deliveredAt: null, cancelledAt: status === 'cancelled' ? new Date(updatedAt) : null,
    currency: 'USD', subtotal: '10.00', shippingTotal: '0.00', taxTotal: '0.73', total: '10.73',
    items: [
      { lineId: '1', sku: 'SKU-A', title: 'A', quantity: 1, quantityShipped: 0, unitPrice: '6.00', marketplaceStatus: null },
      { lineId: '2', sku: 'SKU-B', title: 'B', quantity: 1, quantityShipped: 0, unitPrice: '4.00', marketplaceStatus: null },
    ],
    buyer: { buyerRef: `buyer-${i}`, name: `Buyer ${i}`, addressLine1: '1 Main St', addressLine2: null, addressLine3: null, city: 'Austin', region: 'TX', postalCode: '78701', country: 'US', phone: '5125550100', email: null },
  };
}

/** A marketplace in memory: orders with update times, pages of `pageSize`, scripted failures. */
class FakeConnector implements Connector {
  readonly marketplace = 'walmart' as const;
  apiCalls = 0;
  orders = new Map<string, NormalizedOrder>();
  failOnCall = new Map<number, Error | 'crash'>();
  constructor(public pageSize = 3) {}
  async verify() {
    return { externalAccountId: 'seller', displayName: 'Fake', marketplaceCode: null };
  }
  async fetchOrders(w: OrderWindow, page: string | null): Promise<Page<NormalizedOrder>> {
    this.apiCalls++;
    const f = this.failOnCall.get(this.apiCalls);
    if (f === 'crash') throw new Crash();
    if (f) throw f;
    const all = [...this.orders.values()]
      .filter((o) => o.updatedAt >= w.updatedFrom && o.updatedAt <= w.updatedTo)
      .sort((a, b) => a.externalOrderId.localeCompare(b.externalOrderId, 'en', { numeric: true }));
    const offset = page ? Number(page) : 0;
    const records = all.slice(offset, offset + this.pageSize);
    return { records, next: offset + this.pageSize < all.length ? String(offset + this.pageSize) : null };
  }
  async fetchListings() {
    this.apiCalls++;
    return { records: [], next: null };
  }
}
/** Stands for the process dying: not a MarketplaceError, and the test stops the tick there. */
class Crash extends Error {}

describe.each(backends)('sync engine on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let orgId: string;
  let accountId: string;
  let connector: FakeConnector;
  let now: number;

  const tick = (o: { budgetMs?: number; leaseMs?: number } = {}) =>
    runDueJobs({ db, connectorFor: async () => connector, now: () => now, kinds: ['sync_orders'], accountId, lookbackMs: 7 * 24 * 60 * MIN, ...o });
  const count = async (table: string) =>
    Number(rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from public.${table} where org_id = '${orgId}'`)))[0].n);
  const account = async () =>
    rowsOf<{ status: string; consecutive_auth_failures: number; last_sync_error: string | null; last_sync_succeeded_at: string | null }>(
      await db.execute(sql`select * from public.marketplace_accounts where id = ${accountId}`),
    )[0];
  const job = async () => rowsOf<{ state: { cursor?: string; page?: string | null }; run_at: string; locked_by: string | null }>(
    await db.execute(sql`select state, run_at, locked_by from public.jobs where marketplace_account_id = ${accountId} and kind = 'sync_orders'`),
  )[0];

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
  });
  afterAll(() => t?.cleanup());
  beforeEach(async () => {
    const owner = await createUser(db);
    orgId = await createOrg(db, 'Sync Org', [[owner, 'owner']]);
    accountId = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${orgId}, 'walmart', 'W', ${`seller-${orgId}`}) returning id`))[0].id;
    await db.transaction((tx) => ensureSyncJobs(tx, orgId, accountId, T0));
    connector = new FakeConnector(3);
    now = T0 + 60 * MIN;
    for (let i = 1; i <= 10; i++) connector.orders.set(`PO-${i}`, order(i, T0 + i * MIN));
  });

  it('syncs every page, records the run, advances the cursor and schedules the next run', async () => {
    const r = await tick();
    expect(r.ran.map((x) => x.outcome)).toEqual(['completed']);
    expect(await count('orders')).toBe(10);
    expect(await count('order_items')).toBe(20);
    expect(await count('order_buyers')).toBe(10);
    const [run] = rowsOf<{ status: string; pages: number; records_upserted: number; api_calls: number }>(
      await db.execute(sql`select * from public.sync_runs where marketplace_account_id = ${accountId}`),
    );
    expect(run).toMatchObject({ status: 'succeeded', pages: 4, records_upserted: 10, api_calls: 4 });
    const j = await job();
    expect(j.state.cursor).toBe(new Date(now).toISOString());
    expect(j.locked_by).toBeNull();
    expect(Date.parse(j.run_at)).toBeGreaterThan(now);
    expect((await account()).last_sync_succeeded_at).not.toBeNull();
  });

  it('a replay of the same window writes nothing; a status change is caught by the next window', async () => {
    await tick();
    now += 20 * MIN;
    await db.execute(sql`update public.jobs set run_at = ${new Date(now).toISOString()} where marketplace_account_id = ${accountId}`);
    connector.orders.set('PO-4', order(4, now - 5 * MIN, 'cancelled'));
    await tick();
    const runs = rowsOf<{ records_upserted: number }>(await db.execute(sql`select records_upserted from public.sync_runs
      where marketplace_account_id = ${accountId} order by started_at`));
    // The second window overlaps the first by 10 minutes but only PO-4 changed.
    expect(runs.map((r) => r.records_upserted)).toEqual([10, 1]);
    const [o] = rowsOf<{ status: string }>(await db.execute(sql`select status from public.orders where org_id = ${orgId} and external_order_id = 'PO-4'`));
    expect(o.status).toBe('cancelled');
  });

  it('a process killed mid-sync resumes where it stopped: exact totals, no duplicates', async () => {
    connector.failOnCall.set(3, 'crash'); // dies fetching page 3, after pages 1-2 were committed
    await expect(tick({ leaseMs: 5 * MIN })).resolves.toMatchObject({ ran: [{ outcome: 'failed' }] });
    expect(await count('orders')).toBe(6);
    // The crash was recorded as a failure with the page kept: the retry starts at page 3.
    expect((await job()).state.page).toBe('6');
    now += 10 * MIN;
    await tick();
    expect(await count('orders')).toBe(10);
    expect(await count('order_items')).toBe(20);
    expect(connector.apiCalls).toBe(5); // pages 1, 2, crash, 3, 4: nothing fetched twice
  });

  it('a worker that dies holding the lease: another takes over after the lease expires', async () => {
    // Simulate a dead worker: claimed, wrote two pages, never released.
    await db.execute(sql`update public.jobs set locked_by = 'dead-worker', locked_until = ${new Date(now + 2 * MIN).toISOString()},
      state = '{"window":{"from":"2026-10-25T01:00:00.000Z","to":"2026-11-01T01:00:00.000Z"},"page":"6"}'::jsonb
      where marketplace_account_id = ${accountId} and kind = 'sync_orders'`);
    expect((await tick()).ran).toEqual([]); // lease still held
    now += 3 * MIN;
    const r = await tick();
    expect(r.ran.map((x) => x.outcome)).toEqual(['completed']);
    expect(await count('orders')).toBe(4); // it resumed at page 3 (PO-7..PO-10)
  });

  it('runs a dead worker left running are closed as failed ("interrupted") when its lease is taken over', async () => {
    const run = async () =>
      rowsOf<{ id: string }>(await db.execute(sql`insert into public.sync_runs (org_id, marketplace_account_id, kind, trigger, started_at)
        values (${orgId}, ${accountId}, 'orders', 'schedule', ${new Date(now - 5 * MIN).toISOString()}) returning id`))[0].id;
    // One run the dead worker had recorded in the job's state, one it started but never saved.
    const saved = await run();
    const orphan = await run();
    await db.execute(sql`update public.jobs set locked_by = 'dead-worker', locked_until = ${new Date(now - MIN).toISOString()},
      state = ${JSON.stringify({ window: { from: '2026-10-25T01:00:00.000Z', to: '2026-11-01T01:00:00.000Z' }, page: '6', runId: saved })}::jsonb
      where marketplace_account_id = ${accountId} and kind = 'sync_orders'`);
    // A listings run of the same account is not this job's: left alone.
    const listings = rowsOf<{ id: string }>(await db.execute(sql`insert into public.sync_runs (org_id, marketplace_account_id, kind, trigger)
      values (${orgId}, ${accountId}, 'listings', 'schedule') returning id`))[0].id;
    expect((await tick()).ran.map((x) => x.outcome)).toEqual(['completed']);
    const runs = rowsOf<{ id: string; status: string; error: string | null; finished_at: string | null }>(
      await db.execute(sql`select id, status, error, finished_at from public.sync_runs where marketplace_account_id = ${accountId}`),
    );
    const byId = new Map(runs.map((r) => [r.id, r]));
    for (const id of [saved, orphan]) {
      expect(byId.get(id)).toMatchObject({ status: 'failed', error: INTERRUPTED_RUN_ERROR });
      expect(byId.get(id)!.finished_at).not.toBeNull();
    }
    expect(byId.get(listings)?.status).toBe('running');
    // The window went on in a new run, from where the dead worker stopped.
    const fresh = runs.filter((r) => ![saved, orphan, listings].includes(r.id));
    expect(fresh.map((r) => r.status)).toEqual(['succeeded']);
    expect(await count('orders')).toBe(4);
  });

  it('two overlapping ticks: the job runs once', async () => {
    connector.pageSize = 1;
    const [a, b] = await Promise.all([tick(), tick()]);
    expect([...a.ran, ...b.ran]).toHaveLength(1);
    expect(await count('orders')).toBe(10);
    expect(connector.apiCalls).toBe(10);
  });

  it('a malformed page fails the run cleanly without moving the cursor; the next run recovers', async () => {
    await tick();
    const cursor = (await job()).state.cursor;
    now += 20 * MIN;
    await db.execute(sql`update public.jobs set run_at = ${new Date(now).toISOString()} where marketplace_account_id = ${accountId}`);
    connector.orders.set('PO-11', order(11, now - MIN));
    connector.failOnCall.set(connector.apiCalls + 1, new MarketplaceError('malformed', 'walmart.getAllOrders: the response was not valid JSON', { status: 200 }));
    const r = await tick();
    expect(r.ran[0].outcome).toBe('failed');
    expect((await job()).state.cursor).toBe(cursor);
    expect((await account()).last_sync_error).toMatch(/could not read.*not valid JSON/);
    now += 5 * MIN;
    await tick();
    expect(await count('orders')).toBe(11);
    expect((await account()).last_sync_error).toBeNull();
  });

  it('repeated auth failures flip the account to needs_reconnect, audited, and stop scheduling it', async () => {
    for (let i = 1; i <= 3; i++) {
      connector.failOnCall.set(connector.apiCalls + 1, new MarketplaceError('auth', 'walmart.token: HTTP 401 (UNAUTHORIZED)', { status: 401 }));
      await tick();
      now += 20 * MIN;
    }
    const a = await account();
    expect(a.status).toBe('needs_reconnect');
    expect(a.consecutive_auth_failures).toBe(3);
    const audits = rowsOf(await db.execute(sql`select action from public.audit_events where org_id = ${orgId} and action = 'account.needs_reconnect'`));
    expect(audits).toHaveLength(1);
    now += 60 * MIN;
    expect((await tick()).ran).toEqual([]);
  });

  it('stops at its time budget and the next tick continues the same run', async () => {
    let clockCalls = 0;
    const slow = { ...connector, fetchOrders: async (w: OrderWindow, p: string | null) => ((now += 20_000), clockCalls++, connector.fetchOrders(w, p)) };
    const r1 = await runDueJobs({ db, connectorFor: async () => slow as unknown as Connector, now: () => now, kinds: ['sync_orders'], accountId, budgetMs: 30_000, lookbackMs: 7 * 24 * 60 * MIN });
    expect(r1.ran[0].outcome).toBe('paused');
    expect(await count('orders')).toBeLessThan(10);
    await runDueJobs({ db, connectorFor: async () => connector, now: () => now, kinds: ['sync_orders'], accountId, lookbackMs: 7 * 24 * 60 * MIN });
    expect(await count('orders')).toBe(10);
    const runs = rowsOf<{ status: string; pages: number }>(await db.execute(sql`select status, pages from public.sync_runs where marketplace_account_id = ${accountId}`));
    expect(runs).toEqual([{ status: 'succeeded', pages: 4 }]);
    expect(clockCalls).toBeGreaterThan(0);
  });
});
