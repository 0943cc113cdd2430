// Saved views on both backends: saved normalized, replaced under the same name, private to their
// owner, bounded in number, deleted only by their owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsUser } from '@/lib/db/session';
import { backends, type TestDatabase } from '@/tests/support/db';
import { seedWorld, type World } from '@/tests/support/orders-world';
import { deleteView, listViews, saveView, VIEWS_MAX } from './views';

describe.each(backends)('saved order views on $name', (backend) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await backend.open();
    w = await seedWorld(t.database.db, 2, 1);
  }, 60_000);
  afterAll(() => t?.cleanup());

  const as = <T>(claims: World['ownerA'], fn: Parameters<typeof runAsUser<T>>[2]) => runAsUser(t.database.db, claims, fn);

  it('saves a view normalized, replaces it under the same name, and keeps it private', async () => {
    const saved = await as(w.viewerA, (tx) => saveView(tx, { orgId: w.orgA, userId: w.viewerA.sub, name: 'Late Walmart', query: 'late=1&marketplace=walmart&page=7&sort=bogus&x=1' }));
    expect(saved.ok).toBe(true);
    expect(await as(w.viewerA, (tx) => listViews(tx, w.orgA, w.viewerA.sub))).toEqual([{ id: expect.any(String), name: 'Late Walmart', query: 'marketplace=walmart&late=1' }]);
    await as(w.viewerA, (tx) => saveView(tx, { orgId: w.orgA, userId: w.viewerA.sub, name: 'Late Walmart', query: 'tab=awaiting' }));
    expect((await as(w.viewerA, (tx) => listViews(tx, w.orgA, w.viewerA.sub))).map((v) => v.query)).toEqual(['tab=awaiting']);
    // Another member, or asking for another user's views, sees none of them.
    expect(await as(w.ownerA, (tx) => listViews(tx, w.orgA, w.viewerA.sub))).toEqual([]);
    // Not a member of B: nothing can be saved there.
    await expect(as(w.viewerA, (tx) => saveView(tx, { orgId: w.orgB, userId: w.viewerA.sub, name: 'x', query: '' }))).rejects.toThrow();
  });

  it('bounds the number of views and deletes only the owner\'s', async () => {
    for (let i = 0; i < VIEWS_MAX; i++) await as(w.ownerA, (tx) => saveView(tx, { orgId: w.orgA, userId: w.ownerA.sub, name: `View ${i}`, query: '' }));
    expect(await as(w.ownerA, (tx) => saveView(tx, { orgId: w.orgA, userId: w.ownerA.sub, name: 'One more', query: '' }))).toEqual({ ok: false, reason: 'too_many' });
    const [mine] = await as(w.viewerA, (tx) => listViews(tx, w.orgA, w.viewerA.sub));
    expect(await as(w.ownerA, (tx) => deleteView(tx, w.orgA, w.ownerA.sub, mine.id))).toBe(false);
    expect(await as(w.viewerA, (tx) => deleteView(tx, w.orgA, w.viewerA.sub, mine.id))).toBe(true);
    expect(await as(w.viewerA, (tx) => listViews(tx, w.orgA, w.viewerA.sub))).toEqual([]);
  });
});
