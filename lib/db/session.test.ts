// runAsUser on both backends. On postgres.js the claims statement is not waited for before the
// caller's first statements go out (one round trip fewer per request): these check that whatever
// the caller issues first, however it issues it, already runs as `authenticated` with the
// caller's claims, under RLS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/connect';
import { organizations } from '@/lib/db/schema';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { runAsUser, type Claims } from './session';

describe.each(backends)('runAsUser on $name', (backend) => {
  let t: TestDatabase;
  let alice: Claims;
  let bob: Claims;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    t = await backend.open();
    alice = await createUser(t.database.db);
    bob = await createUser(t.database.db);
    orgA = await createOrg(t.database.db, 'Session A', [[alice, 'owner']]);
    orgB = await createOrg(t.database.db, 'Session B', [[bob, 'owner']]);
  });
  afterAll(() => t?.cleanup());

  const who = sql`select current_user::text as role, (select auth.uid())::text as uid`;

  it('the first statement, issued at once as raw SQL, runs as authenticated with the claims', async () => {
    const [row] = await runAsUser(t.database.db, alice, async (tx) => rowsOf<{ role: string; uid: string }>(await tx.execute(who)));
    expect(row).toEqual({ role: 'authenticated', uid: alice.sub });
  });

  it("the first statement, from the query builder, sees only the caller's organizations", async () => {
    const seen = await runAsUser(t.database.db, alice, (tx) => tx.select({ id: organizations.id }).from(organizations));
    expect(seen.map((o) => o.id)).toEqual([orgA]);
    const other = await runAsUser(t.database.db, alice, (tx) => tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgB)));
    expect(other).toEqual([]);
  });

  it('statements issued together, in any style, all run as the caller', async () => {
    const [a, b, c] = await runAsUser(t.database.db, bob, (tx) =>
      Promise.all([
        tx.select({ id: organizations.id }).from(organizations),
        tx.execute(who).then((r) => rowsOf<{ role: string; uid: string }>(r)[0]),
        tx.execute(sql`select count(*)::int as n from public.organizations`).then((r) => rowsOf<{ n: number }>(r)[0].n),
      ]),
    );
    expect(a.map((o) => o.id)).toEqual([orgB]);
    expect(b).toEqual({ role: 'authenticated', uid: bob.sub });
    expect(c).toBe(1);
  });

  it("a caller's error rolls the transaction back and is the error raised", async () => {
    const renamed = runAsUser(t.database.db, alice, async (tx) => {
      await tx.update(organizations).set({ name: 'Renamed' }).where(eq(organizations.id, orgA));
      throw new Error('caller failed');
    });
    await expect(renamed).rejects.toThrow('caller failed');
    const [org] = await runAsUser(t.database.db, alice, (tx) => tx.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgA)));
    expect(org.name).toBe('Session A');
    // A statement the server rejects fails the call with the server's error.
    await expect(runAsUser(t.database.db, alice, (tx) => tx.execute(sql`select 1 / 0`))).rejects.toMatchObject({ cause: { code: '22012' } });
  });

  it('a caller that runs no statement still gets its result, and claims without a user id are refused', async () => {
    expect(await runAsUser(t.database.db, alice, async () => 42)).toBe(42);
    await expect(runAsUser(t.database.db, { sub: 'not-a-uuid' }, async () => 1)).rejects.toThrow(/verified claims/);
  });
});
