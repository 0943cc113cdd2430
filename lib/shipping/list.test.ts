import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runAsService, runAsUser } from '@/lib/db/session';
import { organizations, shipments } from '@/lib/db/schema';
import { backends, type TestDatabase } from '@/tests/support/db';
import { seedWorld, type World } from '@/tests/support/orders-world';
import { labelSpendThisMonth } from './list';

describe.each(backends)('label spend this month on $name', (backend) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await backend.open();
    w = await seedWorld(t.database.db, 3, 1);
    await runAsService(t.database.db, 'tests', async (tx) => {
      await tx.update(organizations).set({ timeZone: 'America/Los_Angeles' }).where(eq(organizations.id, w.orgA));
      const label = (orderId: string, at: string, cost: string) =>
        tx.insert(shipments).values({ orgId: w.orgA, orderId, status: 'purchased', labelCost: cost, currency: 'USD', createdAt: new Date(at) });
      await label(w.a[0].id, '2026-11-30T20:00:00Z', '5.00'); // Nov 30, 12:00 in Los Angeles
      await label(w.a[1].id, '2026-11-01T03:00:00Z', '7.00'); // Oct 31, 20:00 in Los Angeles
    });
  });
  afterAll(() => t?.cleanup());

  it("counts the organization's calendar month, not UTC's", async () => {
    // Dec 1, 05:00 UTC is still Nov 30 in Los Angeles: November's labels count, October's do not.
    const spend = await runAsUser(t.database.db, w.viewerA, (tx) => labelSpendThisMonth(tx, w.orgA, new Date('2026-12-01T05:00:00Z')));
    expect(spend.map((s) => [Number(s.amount), s.currency])).toEqual([[5, 'USD']]);
    const december = await runAsUser(t.database.db, w.viewerA, (tx) => labelSpendThisMonth(tx, w.orgA, new Date('2026-12-01T09:00:00Z')));
    expect(december.map((s) => Number(s.amount))).toEqual([0]);
  });
});
