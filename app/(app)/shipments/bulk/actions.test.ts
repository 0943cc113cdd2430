// Bad input to "Buy labels" in bulk and to a batch's Retry gets a clear message and starts
// nothing: signed out, malformed ids, no orders or too many, a viewer, an unknown batch, a batch
// still running, a batch with nothing left to retry.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/lib/db/connect';
import { JobRegistry } from '@/lib/jobs/registry';
import { registerLabelBatch, startBatch } from '@/lib/shipping/batch';
import { backends, type TestDatabase } from '@/tests/support/db';
import { seedShipWorld, type ShipWorld } from '@/tests/support/shipping-world';
import { actionCtx as ctx } from '@/tests/support/action-session';

const registry = registerLabelBatch(new JobRegistry(), () => {
  throw new Error('no batch runs in this test');
});
vi.mock('@/lib/auth/session', async () => (await import('@/tests/support/action-session')).sessionModule());
vi.mock('@/lib/db', async (orig) => {
  const { dbModule, actionCtx } = await import('@/tests/support/action-session');
  return { ...dbModule(await orig<object>()), serviceDatabase: async () => actionCtx.db };
});
vi.mock('@/lib/jobs/app-registry', () => ({ appJobs: () => registry }));
vi.mock('next/server', () => ({ after: () => {} }));
vi.mock('next/navigation', () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));

const { retryFailedAction, startBatchAction } = await import('./actions');

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
  return f;
};

describe.each(backends)('bulk label actions on $name', (backend) => {
  let t: TestDatabase;
  let w: ShipWorld;
  const batches = async () => rowsOf<{ n: number }>(await ctx.db!.execute(sql`select count(*)::int as n from public.jobs where kind = 'label_batch'`))[0].n;

  beforeAll(async () => {
    t = await backend.open();
    ctx.db = t.database.db;
    w = await seedShipWorld(ctx.db, 2);
  });
  afterAll(() => t?.cleanup());

  it('refuses bad input to Buy labels with a message, starting nothing', async () => {
    const good = { orgId: w.orgId, orderIds: [w.ready[0]], rule: 'cheapest', presetId: w.presetId, shipFromId: w.presetId };
    const before = await batches();
    ctx.user = undefined;
    expect(await startBatchAction({}, form(good))).toEqual({ error: expect.stringMatching(/session has ended/) });
    ctx.user = w.operator;
    expect(await startBatchAction({}, form({ ...good, orgId: 'nope' }))).toEqual({ error: expect.any(String) });
    expect(await startBatchAction({}, form({ ...good, orderIds: [] }))).toEqual({ error: 'Select at least one order.' });
    expect(await startBatchAction({}, form({ ...good, orderIds: Array.from({ length: 501 }, () => crypto.randomUUID()) }))).toEqual({ error: 'Select at most 500 orders at a time.' });
    expect(await startBatchAction({}, form({ ...good, orderIds: ['not-a-uuid'] }))).toEqual({ error: expect.any(String) });
    expect(await startBatchAction({}, form({ ...good, rule: 'free' }))).toEqual({ error: expect.any(String) });
    expect(await startBatchAction({}, form({ ...good, presetId: '' }))).toEqual({ error: 'Choose a package.' });
    ctx.user = w.viewer;
    expect(await startBatchAction({}, form(good))).toEqual({ error: expect.stringMatching(/Viewers can't/) });
    expect(await batches()).toBe(before);
  });

  it("refuses Retry of a malformed, unknown, running or fully bought batch, and a viewer's, starting nothing", async () => {
    const started = await startBatch(ctx.db!, w.operator, w.orgId, { orderIds: [w.ready[0], w.ready[1]], rule: 'cheapest', presetId: w.presetId, shipFromId: '' }, registry);
    if (!started.ok) throw new Error(started.message);
    const id = started.jobId;
    const before = await batches();
    ctx.user = undefined;
    expect(await retryFailedAction({}, form({ batchId: id }))).toEqual({ error: expect.stringMatching(/session has ended/) });
    ctx.user = w.operator;
    expect(await retryFailedAction({}, form({ batchId: 'not-a-uuid' }))).toEqual({ error: 'Reload the page and try again.' });
    expect(await retryFailedAction({}, form({ batchId: crypto.randomUUID() }))).toEqual({ error: 'This batch no longer exists.' });
    expect(await retryFailedAction({}, form({ batchId: id }))).toEqual({ error: expect.stringMatching(/still running/) });
    const finish = (results: object) =>
      ctx.db!.execute(sql`update public.jobs set status = 'done', state = ${JSON.stringify({ results })}::jsonb where id = ${id}::uuid`);
    await finish({ [w.ready[0]]: { outcome: 'bought' }, [w.ready[1]]: { outcome: 'bought' } });
    expect(await retryFailedAction({}, form({ batchId: id }))).toEqual({ error: 'Every order of this batch has its label; nothing to retry.' });
    await finish({ [w.ready[0]]: { outcome: 'bought' }, [w.ready[1]]: { outcome: 'blocked', message: 'Blocked by your rule' } });
    ctx.user = w.viewer;
    expect(await retryFailedAction({}, form({ batchId: id }))).toEqual({ error: expect.stringMatching(/Viewers can't/) });
    expect(await batches()).toBe(before);
    // The operator's retry starts a batch of the one order without a label.
    ctx.user = w.operator;
    await expect(retryFailedAction({}, form({ batchId: id }))).rejects.toThrow(/^redirect \/shipments\/batches\/[0-9a-f-]{36}$/);
    const [job] = rowsOf<{ ids: string[] }>(await ctx.db!.execute(sql`select payload->'orderIds' as ids from public.jobs where kind = 'label_batch' order by created_at desc limit 1`));
    expect(job.ids).toEqual([w.ready[1]]);
  });
});
