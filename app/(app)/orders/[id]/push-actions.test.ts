// Bad input to "Mark as shipped" and "Retry" gets a clear message and writes nothing; the viewer
// is refused; a good package is recorded with its push job.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '@/lib/db/connect';
import { runAsService } from '@/lib/db/session';
import { openLines } from '@/lib/tracking/lines';
import { backends, type TestDatabase } from '@/tests/support/db';
import { seedShipWorld, type ShipWorld } from '@/tests/support/shipping-world';
import { actionCtx as ctx } from '@/tests/support/action-session';

vi.mock('@/lib/auth/session', async () => (await import('@/tests/support/action-session')).sessionModule());
vi.mock('@/lib/db', async (orig) => {
  const { dbModule, actionCtx } = await import('@/tests/support/action-session');
  return { ...dbModule(await orig<object>()), serviceDatabase: async () => actionCtx.db };
});
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { markShippedAction, retryPushAction } = await import('./push-actions');

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe.each(backends)('tracking push actions on $name', (backend) => {
  let t: TestDatabase;
  let w: ShipWorld;
  const written = async () =>
    rowsOf<{ s: number; j: number }>(
      await ctx.db!.execute(sql`select (select count(*) from public.shipments)::int as s, (select count(*) from public.jobs where kind = 'tracking_push')::int as j`),
    )[0];

  beforeAll(async () => {
    t = await backend.open();
    ctx.db = t.database.db;
    w = await seedShipWorld(ctx.db, 2);
  });
  afterAll(() => t?.cleanup());

  it('refuses bad input and viewers with a message, writing nothing; records a good package with its push', async () => {
    const [item] = await runAsService(ctx.db!, 'tests', (tx) => openLines(tx, w.ready[0]));
    const good = { orderId: w.ready[0], carrier: 'USPS', service: '', trackingNumber: '9400111899223100001234', shipDate: new Date().toISOString().slice(0, 10), [`qty:${item.orderItemId}`]: '1' };
    const before = await written();
    ctx.user = undefined;
    expect(await markShippedAction(null, form(good))).toEqual({ ok: false, message: expect.stringMatching(/session has ended/) });
    ctx.user = w.operator;
    expect(await markShippedAction(null, form({ ...good, orderId: 'not-a-uuid' }))).toEqual({ ok: false, message: expect.stringMatching(/not valid/) });
    expect(await markShippedAction(null, form({ ...good, [`qty:${item.orderItemId}`]: '1.5' }))).toEqual({ ok: false, message: 'Enter whole numbers for the quantities.' });
    expect(await markShippedAction(null, form({ ...good, 'qty:nope': '1' }))).toEqual({ ok: false, message: 'Enter whole numbers for the quantities.' });
    expect(await markShippedAction(null, form({ ...good, [`qty:${item.orderItemId}`]: '2' }))).toEqual({ ok: false, message: expect.stringMatching(/Only 1 of .* left to ship/) });
    expect(await markShippedAction(null, form({ ...good, orderId: w.cancelled }))).toEqual({ ok: false, message: expect.stringMatching(/cancelled/) });
    expect(await markShippedAction(null, form({ ...good, orderId: w.outsiderOrder }))).toEqual({ ok: false, message: expect.stringMatching(/no longer exists/) });
    ctx.user = w.viewer;
    expect(await markShippedAction(null, form(good))).toEqual({ ok: false, message: expect.stringMatching(/Viewers can't/) });
    expect(await retryPushAction(null, form({ shipmentId: 'x', orderId: w.ready[0] }))).toEqual({ ok: false, message: expect.stringMatching(/not valid/) });
    expect(await written()).toEqual(before);
    ctx.user = w.operator;
    expect(await markShippedAction(null, form(good))).toEqual({ ok: true, message: expect.stringMatching(/being sent/) });
    expect(await written()).toEqual({ s: before.s + 1, j: before.j + 1 });
    // A push that has not failed cannot be "retried" (no second job).
    const [s] = rowsOf<{ id: string }>(await ctx.db!.execute(sql`select id from public.shipments where order_id = ${w.ready[0]}`));
    expect(await retryPushAction(null, form({ shipmentId: s.id, orderId: w.ready[0] }))).toEqual({ ok: false, message: expect.stringMatching(/not failed/) });
    expect(await written()).toEqual({ s: before.s + 1, j: before.j + 1 });
  });
});
