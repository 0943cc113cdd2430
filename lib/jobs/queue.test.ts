// The queue on both backends: organization-level and inactive-account jobs, per-kind concurrency
// against live leases (also under truly parallel claims), lease expiry and heartbeat, workers that
// die until the job is dead, and the kinds check matching the code's list.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { JOB_KINDS } from './kinds';
import { claimJobs, completeJob, heartbeat, saveProgress, type KindCapacity } from './queue';

const T0 = Date.parse('2026-12-01T00:00:00Z');
const SEC = 1000;
const cap = (kind: KindCapacity['kind'], concurrency = 5, o: Partial<KindCapacity> = {}): KindCapacity => ({
  kind, concurrency, leaseMs: 60 * SEC, runsOnInactiveAccount: false, ...o,
});

describe.each(backends)('job queue on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let orgId: string;
  let accountId: string;

  const insertJob = async (kind: string, o: { account?: string | null; runAt?: number; maxAttempts?: number | null } = {}) =>
    rowsOf<{ id: string }>(
      await db.execute(sql`insert into public.jobs (org_id, marketplace_account_id, kind, run_at, recurring, max_attempts)
        values (${orgId}, ${o.account ?? null}, ${kind}, ${new Date(o.runAt ?? T0).toISOString()}::timestamptz, false, ${o.maxAttempts ?? null})
        returning id`),
    )[0].id;
  const row = async (id: string) =>
    rowsOf<{ status: string; attempts: number; last_error: string | null; locked_by: string | null; finished_at: string | null }>(
      await db.execute(sql`select status, attempts, last_error, locked_by, finished_at from public.jobs where id = ${id}`),
    )[0];

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    const owner = await createUser(db);
    orgId = await createOrg(db, 'queue', [[owner, 'owner']]);
    accountId = rowsOf<{ id: string }>(
      await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
        values (${orgId}, 'walmart', 'Q', 'q-1') returning id`),
    )[0].id;
  });
  afterAll(() => t?.cleanup());
  beforeEach(async () => {
    await db.execute(sql`delete from public.jobs`);
    await db.execute(sql`update public.marketplace_accounts set status = 'active'`);
  });

  it('claims an organization-level job (no account)', async () => {
    const id = await insertJob('retention_cleanup');
    const jobs = await claimJobs(db, { workerId: 'w1', now: T0, kinds: [cap('retention_cleanup')] });
    expect(jobs.map((j) => [j.id, j.accountId, j.attempts])).toEqual([[id, null, 1]]);
    expect((await row(id)).status).toBe('running');
  });

  it("skips an account's job while the account is not active, unless the kind runs on inactive accounts", async () => {
    const id = await insertJob('tracking_push', { account: accountId });
    await db.execute(sql`update public.marketplace_accounts set status = 'needs_reconnect' where id = ${accountId}`);
    expect(await claimJobs(db, { workerId: 'w1', now: T0, kinds: [cap('tracking_push')] })).toEqual([]);
    const del = await insertJob('privacy_anonymize', { account: accountId });
    const jobs = await claimJobs(db, { workerId: 'w1', now: T0, kinds: [cap('tracking_push'), cap('privacy_anonymize', 5, { runsOnInactiveAccount: true })], limit: 5 });
    expect(jobs.map((j) => j.id)).toEqual([del]);
    await db.execute(sql`update public.marketplace_accounts set status = 'active' where id = ${accountId}`);
    expect((await claimJobs(db, { workerId: 'w2', now: T0, kinds: [cap('tracking_push')] })).map((j) => j.id)).toEqual([id]);
  });

  it('holds the per-kind limit against live leases, and other kinds still run', async () => {
    for (let i = 0; i < 3; i++) await insertJob('label_batch', { runAt: T0 - 10 * SEC });
    const sync = await insertJob('sync_orders', { account: accountId });
    const kinds = [cap('label_batch', 1), cap('sync_orders', 2)];
    const a = await claimJobs(db, { workerId: 'a', now: T0, kinds });
    expect(a[0].kind).toBe('label_batch');
    // Older label jobs are due, but one label batch already holds a lease: B gets the sync job.
    const b = await claimJobs(db, { workerId: 'b', now: T0, kinds, limit: 5 });
    expect(b.map((j) => j.id)).toEqual([sync]);
    expect(await claimJobs(db, { workerId: 'c', now: T0, kinds, limit: 5 })).toEqual([]);
    // Once A finishes, the next label batch may start.
    await db.transaction((tx) => completeJob(tx, a[0], { state: {}, nextRunAt: null, now: T0 }));
    expect((await claimJobs(db, { workerId: 'c', now: T0, kinds, limit: 5 })).map((j) => j.kind)).toEqual(['label_batch']);
  });

  it('parallel claims never exceed the per-kind limit', async () => {
    for (let i = 0; i < 10; i++) await insertJob('label_batch');
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) => claimJobs(db, { workerId: `w${i}`, now: T0, kinds: [cap('label_batch', 3)], limit: 2 })),
    );
    const ids = claims.flat().map((j) => j.id);
    expect(ids.length).toBe(3);
    expect(new Set(ids).size).toBe(3);
  });

  it('an expired lease lets another worker take over; the first can no longer write', async () => {
    const id = await insertJob('label_batch');
    const [a] = await claimJobs(db, { workerId: 'a', now: T0, kinds: [cap('label_batch')] });
    expect(await claimJobs(db, { workerId: 'b', now: T0 + 59 * SEC, kinds: [cap('label_batch')] })).toEqual([]);
    const [b] = await claimJobs(db, { workerId: 'b', now: T0 + 61 * SEC, kinds: [cap('label_batch')] });
    expect([b.id, b.attempts]).toEqual([id, 2]);
    expect(await db.transaction((tx) => saveProgress(tx, a, { page: 'x' }, T0 + 120 * SEC))).toBe(false);
    expect(await db.transaction((tx) => completeJob(tx, a, { state: {}, nextRunAt: null, now: T0 }))).toBe(false);
    expect(await heartbeat(db, a, T0 + 200 * SEC)).toBe(false);
    expect((await row(id)).locked_by).toBe('b');
    expect(await db.transaction((tx) => completeJob(tx, b, { state: {}, nextRunAt: null, now: T0 + 62 * SEC }))).toBe(true);
    expect((await row(id)).status).toBe('done');
  });

  it('takes a lease longer than an int of milliseconds (a benchmark holds one for 30 days)', async () => {
    const id = await insertJob('label_batch');
    const days30 = 30 * 24 * 3600 * SEC;
    const [a] = await claimJobs(db, { workerId: 'a', now: T0, kinds: [cap('label_batch', 5, { leaseMs: days30 })] });
    expect([a.id, a.lockedUntil.getTime()]).toEqual([id, T0 + days30]);
  });

  it('a heartbeat keeps the lease past its first expiry', async () => {
    await insertJob('label_batch');
    const [a] = await claimJobs(db, { workerId: 'a', now: T0, kinds: [cap('label_batch')] });
    expect(await heartbeat(db, a, T0 + 110 * SEC)).toBe(true);
    expect(await claimJobs(db, { workerId: 'b', now: T0 + 100 * SEC, kinds: [cap('label_batch')] })).toEqual([]);
    expect(await claimJobs(db, { workerId: 'b', now: T0 + 111 * SEC, kinds: [cap('label_batch')] })).toHaveLength(1);
  });

  it('a job whose workers keep dying is dead after max attempts, with the reason kept', async () => {
    const id = await insertJob('label_batch', { maxAttempts: 2 });
    const kinds = [cap('label_batch')];
    expect(await claimJobs(db, { workerId: 'a', now: T0, kinds })).toHaveLength(1);
    expect(await claimJobs(db, { workerId: 'b', now: T0 + 61 * SEC, kinds })).toHaveLength(1);
    expect(await claimJobs(db, { workerId: 'c', now: T0 + 122 * SEC, kinds })).toEqual([]);
    const r = await row(id);
    expect([r.status, r.attempts, r.locked_by]).toEqual(['dead', 2, null]);
    expect(r.last_error).toMatch(/stopped before finishing, 2 times/);
    expect(r.finished_at).not.toBeNull();
  });

  it("the database's kinds check is exactly lib/jobs/kinds.ts", async () => {
    const [{ def }] = rowsOf<{ def: string }>(
      await db.execute(sql`select pg_get_constraintdef(oid) as def from pg_constraint where conname = 'jobs_kind_check'`),
    );
    expect([...def.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort()).toEqual([...JOB_KINDS].sort());
    await expect(insertJob('not_a_kind')).rejects.toThrow();
  });
});
