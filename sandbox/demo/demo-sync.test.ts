// The demo seen through ESM: the Walmart demo seller synced through the real path (engine →
// connector → simulator over HTTP → Postgres) shows a working shop's statuses, and a few simulated
// minutes later the next sync brings new orders and status changes.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { fixedClock, type SimClock } from '@/sandbox/core/clock';
import { startService, type RunningService } from '@/sandbox/core/server';
import { WalmartSandbox } from '@/sandbox/walmart';
import { backends, type TestDatabase } from '@/tests/support/db';
import { walmartDemoOrg } from '@/tests/support/walmart-org';
import { demoWalmartAccounts } from './profiles';

const DAY = 86_400_000;
const START = Date.UTC(2026, 11, 1, 7, 30);
const T0 = START + 2 * DAY + 8 * 3_600_000;

describe.each(backends)('the Walmart demo seller synced on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let sim: RunningService;
  let clock: SimClock;
  let orgId: string;
  let tick: () => Promise<unknown>;
  let dueNow: () => Promise<unknown>;
  const counts = async () =>
    rowsOf<{ status: string; late: boolean; n: number }>(
      await db.execute(sql`select status, (status in ('pending', 'unshipped', 'partially_shipped') and ship_by < ${new Date(clock.now()).toISOString()}::timestamptz) as late,
        count(*)::int as n from public.orders where org_id = ${orgId} group by 1, 2`),
    );

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    clock = fixedClock(T0);
    sim = await startService(new WalmartSandbox({ clock, accounts: demoWalmartAccounts(START) }), { port: 0 });
    const org = await walmartDemoOrg(db, clock, sim.url, 'demo-walmart');
    orgId = org.orgId;
    tick = () => org.tick(['sync_orders'], 30 * DAY); // the first sync's lookback (INITIAL_LOOKBACK_MS)
    dueNow = org.dueNow;
  });
  afterAll(async () => {
    await sim?.close();
    await t?.cleanup();
  });

  it('shows mostly shipped and delivered orders, some open, a few late, some cancelled', async () => {
    await tick();
    const rows = await counts();
    const total = rows.reduce((s, r) => s + r.n, 0);
    const sum = (f: (r: { status: string; late: boolean }) => boolean) => rows.filter(f).reduce((s, r) => s + r.n, 0);
    const open = sum((r) => ['pending', 'unshipped', 'partially_shipped'].includes(r.status));
    expect(total).toBeGreaterThan(250);
    expect(sum((r) => r.status === 'shipped' || r.status === 'delivered') / total).toBeGreaterThan(0.85);
    expect(sum((r) => r.status === 'delivered') / total).toBeGreaterThan(0.5);
    expect(open / total).toBeGreaterThan(0.01);
    expect(open / total).toBeLessThan(0.08);
    expect(sum((r) => r.late)).toBeLessThan(0.15 * open);
    expect(sum((r) => r.status === 'cancelled')).toBeGreaterThan(0);
  });

  it('a few simulated minutes later the next sync brings new orders and status changes', async () => {
    const before = rowsOf<{ n: number; newest: string }>(await db.execute(sql`select count(*)::int as n, max(ordered_at)::text as newest from public.orders where org_id = ${orgId}`))[0];
    const statuses = async () => new Map(rowsOf<{ id: string; status: string }>(await db.execute(sql`select id, status from public.orders where org_id = ${orgId}`)).map((r) => [r.id, r.status]));
    const was = await statuses();
    clock.advance(30 * 60_000); // an order every 4 minutes on Walmart; shipments and deliveries about as often
    await dueNow();
    await tick();
    const after = rowsOf<{ n: number; newest: string }>(await db.execute(sql`select count(*)::int as n, max(ordered_at)::text as newest from public.orders where org_id = ${orgId}`))[0];
    expect(after.n).toBeGreaterThanOrEqual(before.n + 3);
    expect(Date.parse(after.newest)).toBeGreaterThan(Date.parse(before.newest));
    const now = await statuses();
    const changed = [...was].filter(([id, status]) => now.get(id) !== status).map(([id]) => `${was.get(id)}->${now.get(id)}`);
    expect(changed.length).toBeGreaterThanOrEqual(2);
  });
});
