// The real sync handlers in one registry with other kinds, as the app registers them: one drain
// runs an organization-level job and both sync kinds, and a full label_batch quota (a long batch
// held by another worker) does not hold sync back. Also a takeover hook called only on takeover.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { claimJobs } from '@/lib/jobs/queue';
import { JobRegistry } from '@/lib/jobs/registry';
import { drainJobs } from '@/lib/jobs/tick';
import type { Connector, NormalizedListing, Page } from '@/lib/marketplaces/types';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { registerSyncKinds, SCHEDULE_MS, SYNC_CONCURRENCY } from './handlers';
import { syncStateOf } from './run';

const listing = (sku: string): NormalizedListing => ({
  sku, externalListingId: sku, title: sku, imageUrls: [], attributes: {}, price: '5.00', currency: 'USD', quantity: 3,
  publishStatus: 'published', marketplaceStatus: 'PUBLISHED', updatedAt: new Date('2026-12-01T00:00:00Z'),
});

/** A marketplace with no orders and two listings; counts its calls. */
class FakeConnector implements Connector {
  readonly marketplace = 'walmart' as const;
  apiCalls = 0;
  async verify() {
    return { externalAccountId: 's', displayName: 'S', marketplaceCode: null };
  }
  async fetchOrders(): Promise<Page<never>> {
    this.apiCalls++;
    return { records: [], next: null };
  }
  async fetchListings(): Promise<Page<NormalizedListing>> {
    this.apiCalls++;
    return { records: [listing('SKU-1'), listing('SKU-2')], next: null };
  }
}
const fakeConnector = () => new FakeConnector();

describe.each(backends)('sync handlers in the job runner on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let orgId: string;
  let accountId: string;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    const owner = await createUser(db);
    orgId = await createOrg(db, 'handlers', [[owner, 'owner']]);
    accountId = rowsOf<{ id: string }>(
      await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
        values (${orgId}, 'walmart', 'H', 'h-1') returning id`),
    )[0].id;
  });
  afterAll(() => t?.cleanup());
  beforeEach(async () => {
    await db.execute(sql`delete from public.jobs`);
  });

  it('one drain runs an organization-level job and both sync kinds while another worker holds the full label_batch quota', async () => {
    const T = Date.now();
    const labels: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const labelStarted = new Promise<void>((r) => (started = r));
    const registry = registerSyncKinds(new JobRegistry(), { connectorFor: async () => fakeConnector() })
      .register('label_batch', {
        scope: 'org',
        concurrency: 1,
        handler: async (ctx) => {
          labels.push(String(ctx.job.payload.batch));
          started();
          await gate; // a long batch
        },
      })
      .register('retention_cleanup', { scope: 'org', handler: async () => {} });
    for (const batch of [1, 2]) await registry.enqueue(db, 'label_batch', { orgId, payload: { batch }, runAt: new Date(T - (3 - batch) * 60_000) });
    for (const kind of ['sync_orders', 'sync_listings'] as const) await registry.ensureRecurring(db, kind, { orgId, accountId, runAt: new Date(T) });
    const { id: cleanup } = await registry.enqueue(db, 'retention_cleanup', { orgId, runAt: new Date(T) });

    const labelWorker = drainJobs({ db, registry, workerId: 'labels', kinds: ['label_batch'], now: () => T });
    await labelStarted;
    const r = await drainJobs({ db, registry, workerId: 'all', now: () => T });
    // Everything else ran; the second label batch waits for the quota.
    expect(r.ran.map((x) => `${x.kind}:${x.outcome}`).sort()).toEqual(['retention_cleanup:completed', 'sync_listings:completed', 'sync_orders:completed']);
    expect(r.ran.find((x) => x.kind === 'retention_cleanup')).toMatchObject({ jobId: cleanup, accountId: null });
    expect(labels).toEqual(['1']);
    const runs = rowsOf<{ kind: string; status: string; records_upserted: number; trigger: string }>(
      await db.execute(sql`select kind, status, records_upserted, trigger from public.sync_runs where marketplace_account_id = ${accountId} order by kind`),
    );
    expect(runs).toEqual([
      { kind: 'listings', status: 'succeeded', records_upserted: 2, trigger: 'schedule' },
      { kind: 'orders', status: 'succeeded', records_upserted: 0, trigger: 'schedule' },
    ]);
    // Both sync jobs are queued again on their own schedule.
    const jobs = rowsOf<{ kind: string; status: string; run_at: string }>(
      await db.execute(sql`select kind, status, run_at from public.jobs where marketplace_account_id = ${accountId}`),
    );
    for (const j of jobs) {
      expect(j.status).toBe('queued');
      expect(Date.parse(j.run_at) - T).toBeGreaterThan(0);
      expect(Date.parse(j.run_at) - T).toBeLessThanOrEqual(SCHEDULE_MS[j.kind as keyof typeof SCHEDULE_MS]);
    }
    release();
    await labelWorker;
    expect(labels).toEqual(['1', '2']);
  });

  it('sync kinds have their own concurrency limit, counted per kind', async () => {
    const registry = registerSyncKinds(new JobRegistry(), { connectorFor: async () => fakeConnector() });
    expect(registry.capacity('sync_orders').concurrency).toBe(SYNC_CONCURRENCY);
    expect(registry.capacity('sync_listings').concurrency).toBe(SYNC_CONCURRENCY);
    const T = Date.parse('2026-12-01T00:00:00Z');
    // SYNC_CONCURRENCY live leases of sync_orders (other accounts' jobs) leave none for a new one,
    // but sync_listings still has its own quota.
    for (let i = 0; i < SYNC_CONCURRENCY; i++) {
      await db.execute(sql`insert into public.jobs (org_id, kind, recurring, run_at, locked_by, locked_until, status)
        values (${orgId}, 'sync_orders', false, ${new Date(T).toISOString()}, ${`w${i}`}, ${new Date(T + 60_000).toISOString()}, 'running')`);
    }
    for (const kind of ['sync_orders', 'sync_listings'] as const) await registry.ensureRecurring(db, kind, { orgId, accountId, runAt: new Date(T) });
    const claimed = await claimJobs(db, { workerId: 'x', now: T, kinds: [registry.capacity('sync_orders'), registry.capacity('sync_listings')], limit: 5 });
    expect(claimed.map((j) => j.kind)).toEqual(['sync_listings']);
  });

  it('the takeover hook runs only when a lease left behind is taken over, and its state replaces the saved one', async () => {
    const registry = registerSyncKinds(new JobRegistry(), { connectorFor: async () => fakeConnector() });
    const T = Date.parse('2026-12-01T00:00:00Z');
    await registry.ensureRecurring(db, 'sync_orders', { orgId, accountId, runAt: new Date(T) });
    const runId = rowsOf<{ id: string }>(await db.execute(sql`insert into public.sync_runs (org_id, marketplace_account_id, kind, trigger)
      values (${orgId}, ${accountId}, 'orders', 'schedule') returning id`))[0].id;
    await db.execute(sql`update public.jobs set state = ${JSON.stringify({ page: '4', runId })}::jsonb where marketplace_account_id = ${accountId}`);
    const runStatus = async () => rowsOf<{ status: string }>(await db.execute(sql`select status from public.sync_runs where id = ${runId}`))[0].status;
    // A fresh claim (no lease left behind): the run is the job's own, untouched.
    const [first] = await claimJobs(db, { workerId: 'a', now: T, kinds: [registry.capacity('sync_orders')] });
    expect(first.state).toEqual({ page: '4', runId });
    expect(await runStatus()).toBe('running');
    // Worker a dies; after its lease, b takes over: the run is closed, the window's page kept.
    const [second] = await claimJobs(db, { workerId: 'b', now: T + registry.leaseMs('sync_orders') + 1, kinds: [registry.capacity('sync_orders')] });
    expect(second.state).toEqual({ page: '4' });
    expect(await runStatus()).toBe('failed');
    const [saved] = rowsOf<{ state: Record<string, unknown> }>(await db.execute(sql`select state from public.jobs where id = ${second.id}`));
    expect(saved.state).toEqual({ page: '4' });
  });
});

describe('syncStateOf', () => {
  it('keeps the fields of the right type and drops the rest', () => {
    const window = { from: '2026-11-01T00:00:00.000Z', to: '2026-11-02T00:00:00.000Z' };
    expect(syncStateOf({ cursor: 'c', window, page: '6', runId: 'r', other: 1 })).toEqual({ cursor: 'c', window, page: '6', runId: 'r' });
    expect(syncStateOf({ page: null })).toEqual({ page: null });
    expect(syncStateOf({ cursor: 3, window: { from: 'x' }, page: 4, runId: {} })).toEqual({});
  });
});
