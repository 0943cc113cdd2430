// The runner on both backends: handlers dispatched by kind, an organization-level job run to
// done, two concurrent workers under a per-kind limit, retries with backoff until dead (the error
// kept), recurring jobs rescheduled on their phase, and idempotent one-off enqueues.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { claimJobs } from './queue';
import { accountKind, JobRegistry } from './registry';
import { drainJobs, JobFailure } from './tick';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const MIN = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(backends)('job runner on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let orgId: string;
  let accountId: string;
  let registry: JobRegistry;
  let seen: string[];
  let failWith: Error | null;

  const row = async (id: string) =>
    rowsOf<{ status: string; attempts: number; last_error: string | null; run_at: string; finished_at: string | null; state: Record<string, unknown> }>(
      await db.execute(sql`select status, attempts, last_error, run_at, finished_at, state from public.jobs where id = ${id}`),
    )[0];
  const jobCount = async () => Number(rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from public.jobs`))[0].n);

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    const owner = await createUser(db);
    orgId = await createOrg(db, 'runner', [[owner, 'owner']]);
    accountId = rowsOf<{ id: string }>(
      await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
        values (${orgId}, 'walmart', 'R', 'r-1') returning id`),
    )[0].id;
  });
  afterAll(() => t?.cleanup());
  beforeEach(async () => {
    await db.execute(sql`delete from public.jobs`);
    seen = [];
    failWith = null;
    registry = new JobRegistry()
      .register('retention_cleanup', {
        scope: 'org',
        handler: async (ctx) => {
          seen.push(`retention:${ctx.job.orgId}:${ctx.job.accountId}`);
        },
      })
      .register('label_batch', {
        scope: 'org',
        maxAttempts: 3,
        backoff: { baseMs: 1000 },
        handler: async (ctx) => {
          if (failWith) throw failWith;
          seen.push(`label:${String(ctx.job.payload.batch)}`);
        },
      })
      .register('sync_orders', accountKind({
        schedule: { everyMs: 10 * MIN },
        handler: async (ctx) => {
          if (failWith) throw failWith;
          // The handler settles the job itself, atomically with its own write.
          await db.transaction(async (tx) => {
            await ctx.saveProgress(tx, { cursor: 'c1' });
            await ctx.complete(tx);
          });
          seen.push(`sync:${ctx.job.accountId.length}`);
        },
      }));
  });

  it('runs an organization-level job through its handler to done', async () => {
    const { id } = await registry.enqueue(db, 'retention_cleanup', { orgId, runAt: new Date(T0) });
    const result = await drainJobs({ db, registry, now: () => T0 });
    expect(result.ran).toEqual([{ jobId: id, kind: 'retention_cleanup', orgId, accountId: null, outcome: 'completed' }]);
    expect(seen).toEqual([`retention:${orgId}:null`]);
    const r = await row(id);
    expect([r.status, r.attempts]).toEqual(['done', 0]);
    expect(new Date(r.finished_at!).getTime()).toBe(T0);
    expect((await drainJobs({ db, registry, now: () => T0 + 60 * MIN })).ran).toEqual([]);
  });

  it('two concurrent workers never run more label batches than the limit, and sync is not starved', async () => {
    let running = 0;
    let most = 0;
    const log: string[] = [];
    registry = new JobRegistry()
      .register('label_batch', {
        scope: 'org',
        concurrency: 1,
        handler: async (ctx) => {
          most = Math.max(most, ++running);
          log.push(`label ${String(ctx.job.payload.batch)} start`);
          await sleep(150);
          log.push(`label ${String(ctx.job.payload.batch)} end`);
          running--;
        },
      })
      .register('sync_orders', accountKind({ schedule: { everyMs: 10 * MIN }, handler: async () => void log.push('sync') }));
    for (let i = 1; i <= 3; i++) await registry.enqueue(db, 'label_batch', { orgId, payload: { batch: i }, runAt: new Date(Date.now() - 60_000) });
    await registry.ensureRecurring(db, 'sync_orders', { orgId, accountId });
    await Promise.all([drainJobs({ db, registry, workerId: 'a' }), sleep(20).then(() => drainJobs({ db, registry, workerId: 'b' }))]);
    expect(most).toBe(1);
    expect(log.filter((l) => l.endsWith('end'))).toHaveLength(3);
    // The sync job ran while the first label batch was still running.
    expect(log.indexOf('sync')).toBeLessThan(log.indexOf('label 1 end'));
  });

  it('retries with growing, jittered backoff and is dead after max attempts, error kept', async () => {
    failWith = new JobFailure('Shippo refused the batch');
    const { id } = await registry.enqueue(db, 'label_batch', { orgId, payload: { batch: 7 }, runAt: new Date(T0) });
    const delays: number[] = [];
    let now = T0;
    for (const random of [0, 1]) {
      expect((await drainJobs({ db, registry, now: () => now, random: () => random })).ran.map((r) => r.outcome)).toEqual(['failed']);
      const r = await row(id);
      expect([r.status, r.last_error]).toEqual(['queued', 'Shippo refused the batch']);
      delays.push(new Date(r.run_at).getTime() - now);
      // Not due before its backoff.
      expect((await drainJobs({ db, registry, now: () => now + delays.at(-1)! - 1 })).ran).toEqual([]);
      now += delays.at(-1)!;
    }
    expect(delays).toEqual([500, 2000]); // 1 s · 2^0 with jitter 0 → half; 1 s · 2^1 with jitter 1 → full
    await drainJobs({ db, registry, now: () => now });
    const r = await row(id);
    expect([r.status, r.attempts, r.last_error]).toEqual(['dead', 3, 'Shippo refused the batch']);
    expect(r.finished_at).not.toBeNull();
    failWith = null;
    expect((await drainJobs({ db, registry, now: () => now + 24 * 60 * MIN })).ran).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('stores a generic message, not the raw text, of an unexpected error', async () => {
    failWith = new Error('buyer jane@example.com at 1 Main St');
    const { id } = await registry.enqueue(db, 'label_batch', { orgId, runAt: new Date(T0) });
    const raw: unknown[] = [];
    await drainJobs({ db, registry, now: () => T0, onError: (_job, e) => raw.push(e) });
    expect(raw).toEqual([failWith]);
    expect((await row(id)).last_error).toBe('Internal error while running the job; see the server log');
  });

  it('reschedules a recurring job on its phase after success, and backs off within its period after failure', async () => {
    await registry.ensureRecurring(db, 'sync_orders', { orgId, accountId, runAt: new Date(T0) });
    await registry.ensureRecurring(db, 'sync_orders', { orgId, accountId, runAt: new Date(T0) });
    expect(await jobCount()).toBe(1);
    const [{ jobId, outcome }] = (await drainJobs({ db, registry, now: () => T0 })).ran;
    expect(outcome).toBe('completed');
    const r = await row(jobId);
    const next = registry.nextRunAt({ kind: 'sync_orders', orgId, accountId, recurring: true }, T0)!;
    expect([r.status, r.attempts, r.state, new Date(r.run_at).getTime()]).toEqual(['queued', 0, { cursor: 'c1' }, next.getTime()]);
    expect(next.getTime()).toBeGreaterThan(T0);
    expect(next.getTime()).toBeLessThanOrEqual(T0 + 10 * MIN);
    failWith = new JobFailure('Walmart timed out');
    for (let i = 0; i < 8; i++) await drainJobs({ db, registry, now: () => T0 + (i + 1) * 60 * MIN, random: () => 1 });
    const failed = await row(jobId);
    expect([failed.status, failed.attempts, failed.last_error]).toEqual(['queued', 8, 'Walmart timed out']);
    expect(new Date(failed.run_at).getTime() - (T0 + 8 * 60 * MIN)).toBe(10 * MIN); // capped at the schedule
  });

  it('enqueues one-off jobs idempotently by dedupe key, and many without one', async () => {
    const a = await registry.enqueue(db, 'label_batch', { orgId, payload: { batch: 1 }, dedupeKey: 'batch-1' });
    const b = await registry.enqueue(db, 'label_batch', { orgId, payload: { batch: 1 }, dedupeKey: 'batch-1' });
    expect([a.created, b.created, b.id]).toEqual([true, false, a.id]);
    await registry.enqueue(db, 'label_batch', { orgId, payload: { batch: 2 }, dedupeKey: 'batch-2' });
    await registry.enqueue(db, 'label_batch', { orgId, payload: { batch: 3 } });
    await registry.enqueue(db, 'label_batch', { orgId, payload: { batch: 4 } });
    expect(await jobCount()).toBe(4);
    await drainJobs({ db, registry });
    expect(seen.sort()).toEqual(['label:1', 'label:2', 'label:3', 'label:4']);
    // Done rows keep their key: the same request again runs nothing.
    expect((await registry.enqueue(db, 'label_batch', { orgId, dedupeKey: 'batch-1' })).created).toBe(false);
    expect((await drainJobs({ db, registry })).ran).toEqual([]);
    // Parallel enqueues of one key (two webhook deliveries at once): one job, one id for all.
    const ids = await Promise.all(Array.from({ length: 6 }, () => registry.enqueue(db, 'label_batch', { orgId, dedupeKey: 'race' })));
    expect(new Set(ids.map((x) => x.id)).size).toBe(1);
    expect(ids.filter((x) => x.created)).toHaveLength(1);
  });

  it('heartbeats keep a long handler\'s lease; a lost lease aborts the handler', async () => {
    let aborted = false;
    registry = new JobRegistry().register('label_batch', {
      scope: 'org',
      leaseMs: 300,
      handler: async (ctx) => {
        for (let i = 0; i < 18 && !ctx.signal.aborted; i++) await sleep(50);
        aborted = ctx.signal.aborted;
        return aborted ? 'lease_lost' : 'completed';
      },
    });
    const { id } = await registry.enqueue(db, 'label_batch', { orgId, runAt: new Date(Date.now() - 1000) });
    const running = drainJobs({ db, registry, heartbeatMs: 60 });
    await sleep(600); // twice the lease: only heartbeats keep it
    expect(await claimJobs(db, { workerId: 'other', now: Date.now(), kinds: [registry.capacity('label_batch')] })).toEqual([]);
    expect((await running).ran.map((r) => r.outcome)).toEqual(['completed']);
    expect([(await row(id)).status, aborted]).toEqual(['done', false]);

    const second = await registry.enqueue(db, 'label_batch', { orgId, runAt: new Date(Date.now() - 1000) });
    const again = drainJobs({ db, registry, heartbeatMs: 60 });
    await sleep(100);
    await db.execute(sql`update public.jobs set locked_by = 'thief' where id = ${second.id}`);
    expect((await again).ran.map((r) => r.outcome)).toEqual(['lease_lost']);
    expect(aborted).toBe(true);
  });

  it('refuses what the registry does not allow', async () => {
    await expect(registry.enqueue(db, 'sync_orders', { orgId, accountId })).rejects.toThrow(/recurring/);
    await expect(registry.ensureRecurring(db, 'sync_orders', { orgId })).rejects.toThrow(/needs an account/);
    await expect(registry.enqueue(db, 'tracking_push', { orgId })).rejects.toThrow(/no handler/);
    expect(() => registry.register('label_batch', { scope: 'org', handler: async () => {} })).toThrow(/already/);
  });
});
