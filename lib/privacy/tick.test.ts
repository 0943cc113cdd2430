// The privacy tick: old operational rows expire (and only those), and one tick runs the eBay
// deletions, the anonymization and the expiry together, recording when each organization was checked.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { runPrivacyTick } from './tick';

const NOW = new Date('2026-12-06T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe.each(backends)('the privacy tick on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let orgId: string;
  let accountId: string;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    orgId = await createOrg(db, 'Tick', [[await createUser(db), 'owner']]);
    [{ id: accountId }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${orgId}, 'walmart', 'W', 'ext') returning id`));
  });
  afterAll(() => t?.cleanup());

  it('expires sync runs and finished one-off jobs after 90 days, keeping recent, running and recurring rows', async () => {
    const run = async (status: string, started: string, finished: string | null) =>
      rowsOf<{ id: string }>(await db.execute(sql`insert into public.sync_runs (org_id, marketplace_account_id, kind, trigger, status, started_at, finished_at)
        values (${orgId}, ${accountId}, 'orders', 'schedule', ${status}, ${started}, ${finished}) returning id`))[0].id;
    const oldRun = await run('succeeded', ago(100), ago(100));
    const oldFailed = await run('failed', ago(95), ago(95));
    const recentRun = await run('succeeded', ago(10), ago(10));
    const stillRunning = await run('running', ago(120), null);
    const job = async (recurring: boolean, status: string, finished: string | null, kind = 'label_batch') =>
      rowsOf<{ id: string }>(await db.execute(sql`insert into public.jobs (org_id, kind, recurring, status, finished_at, dedupe_key)
        values (${orgId}, ${kind}, ${recurring}, ${status}, ${finished}, ${crypto.randomUUID()}) returning id`))[0].id;
    const oldDone = await job(false, 'done', ago(91));
    const oldDead = await job(false, 'dead', ago(200));
    const recentDone = await job(false, 'done', ago(5));
    const queued = await job(false, 'queued', null);
    const recurringOld = await job(true, 'done', ago(300), 'privacy_anonymize');

    const r = await runPrivacyTick(db, { now: NOW });
    expect(r.expired).toEqual({ syncRuns: 2, jobs: 2 });
    const runs = rowsOf<{ id: string }>(await db.execute(sql`select id from public.sync_runs`)).map((x) => x.id);
    expect(runs.sort()).toEqual([recentRun, stillRunning].sort());
    expect(runs).not.toContain(oldRun);
    expect(runs).not.toContain(oldFailed);
    const jobs = rowsOf<{ id: string }>(await db.execute(sql`select id from public.jobs`)).map((x) => x.id);
    expect(jobs.sort()).toEqual([recentDone, queued, recurringOld].sort());
    expect(jobs).not.toContain(oldDone);
    expect(jobs).not.toContain(oldDead);
  });

  it('anonymizes due buyers and records when each organization was checked', async () => {
    const [{ id }] = rowsOf<{ id: string }>(await db.execute(sql`
      insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at, delivered_at)
      values (${orgId}, ${accountId}, 'walmart', 'PO-T1', 'delivered', 'Delivered', ${ago(50)}, ${ago(40)}, ${ago(40)}) returning id`));
    await db.execute(sql`insert into public.order_buyers (order_id, org_id, name, country) values (${id}, ${orgId}, 'Due Buyer', 'US')`);
    const r = await runPrivacyTick(db, { now: NOW });
    expect(r.retention).toMatchObject({ buyersAnonymized: 1, complete: true });
    const [org] = rowsOf<{ checked: string | Date }>(await db.execute(sql`select pii_checked_at as checked from public.organizations where id = ${orgId}`));
    expect(new Date(org.checked).toISOString()).toBe(NOW.toISOString());
  });
});
