// The export download: only an owner gets the ZIP (audited); everyone else a 401/404 and nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';

const ctx: { db?: Db; user?: Claims } = {};
vi.mock('@/lib/auth/session', () => ({
  getSession: async () => (ctx.user ? { userId: ctx.user.sub, email: ctx.user.email, claims: ctx.user } : null),
}));
vi.mock('@/lib/db', async (orig) => ({
  ...(await orig<typeof import('@/lib/db')>()),
  withUser: (claims: Claims, fn: Parameters<typeof runAsUser>[2]) => runAsUser(ctx.db!, claims, fn),
}));
const { GET } = await import('./route');
const call = (id: string) => GET(new Request(`http://localhost/api/orgs/${id}/export`), { params: Promise.resolve({ id }) });

describe.each(backends)('the export route on $name', (backend) => {
  let t: TestDatabase;
  let owner: Claims, admin: Claims, outsider: Claims;
  let orgId: string;
  const exported = async () => rowsOf(await ctx.db!.execute(sql`select 1 from public.audit_events where action = 'privacy.exported'`)).length;

  beforeAll(async () => {
    t = await backend.open();
    ctx.db = t.database.db;
    [owner, admin, outsider] = [await createUser(ctx.db), await createUser(ctx.db), await createUser(ctx.db)];
    orgId = await createOrg(ctx.db, 'Export', [[owner, 'owner'], [admin, 'admin']]);
    await createOrg(ctx.db, 'Elsewhere', [[outsider, 'owner']]);
  });
  afterAll(() => t?.cleanup());

  it('answers 401 signed out, 404 for a malformed id, an admin or a non-member; nothing audited', async () => {
    ctx.user = undefined;
    expect((await call(orgId)).status).toBe(401);
    ctx.user = owner;
    expect((await call('not-a-uuid')).status).toBe(404);
    for (const who of [admin, outsider]) {
      ctx.user = who;
      expect((await call(orgId)).status).toBe(404);
    }
    expect(await exported()).toBe(0);
  });

  it('streams a ZIP to the owner and records the export', async () => {
    ctx.user = owner;
    const res = await call(orgId);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="esm-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    expect(body.includes(Buffer.from('orders.csv'))).toBe(true);
    expect(await exported()).toBe(1);
  });
});
