// The orders CSV: the filter (GET) or the picked orders (POST) of the person's own organization,
// formula-escaped, anonymized buyers left blank; every bad input a 4xx with a message.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { backends, type TestDatabase } from '@/tests/support/db';
import { runAsService, runAsUser, type Claims } from '@/lib/db/session';
import type { Db } from '@/lib/db/connect';
import { orderBuyers } from '@/lib/db/schema';
import { NOW, seedWorld, type World } from '@/tests/support/orders-world';

const ctx: { db?: Db; user?: Claims } = {};
vi.mock('@/lib/auth/session', () => ({
  getSession: async () => (ctx.user ? { userId: ctx.user.sub, email: ctx.user.email, claims: ctx.user } : null),
}));
vi.mock('@/lib/db', async (orig) => ({
  ...(await orig<typeof import('@/lib/db')>()),
  withUser: (claims: Claims, fn: Parameters<typeof runAsUser>[2]) => runAsUser(ctx.db!, claims, fn),
}));

const { GET, POST } = await import('./route');

const get = (query: string) => GET(new NextRequest(`http://localhost/api/orders/export?${query}`));
const post = (fields: Array<[string, string]>) => {
  const body = new URLSearchParams(fields);
  return POST(new NextRequest('http://localhost/api/orders/export', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }));
};

describe.each(backends)('orders CSV export on $name', (backend) => {
  let t: TestDatabase;
  let w: World;
  beforeAll(async () => {
    t = await backend.open();
    ctx.db = t.database.db;
    w = await seedWorld(t.database.db);
    await runAsService(t.database.db, 'tests', async (tx) => {
      await tx.update(orderBuyers).set({ name: '=HYPERLINK("x")' }).where(eq(orderBuyers.orderId, w.a[12].id));
      await tx.update(orderBuyers).set({ anonymizedAt: NOW }).where(eq(orderBuyers.orderId, w.a[13].id));
    });
  }, 60_000);
  afterAll(() => t?.cleanup());

  it('exports every order matching the filter, across pages, formula-escaped, without anonymized names', async () => {
    ctx.user = w.viewerA;
    const res = await get(`org=${w.orgA}&size=25&status=pending`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="esm-orders-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('Order,Marketplace,Account,Status,Ordered (UTC),Ship by (UTC),Total,Currency,Items,Buyer,On hold');
    expect(lines).toHaveLength(1 + 10); // every 6th of 60, not one page of 25
    expect(lines.find((l) => l.startsWith('A-1012,'))).toContain(`"'=HYPERLINK(""x"")"`);
    const all = await (await get(`org=${w.orgA}`)).text();
    expect(all.trimEnd().split('\r\n')).toHaveLength(61);
    expect(all.split('\r\n').find((l) => l.startsWith('A-1013,'))).toMatch(/,,(yes|no)$/);
    expect(all).not.toContain('Buyer 13');
  });

  it('exports the picked orders only, of the own organization', async () => {
    ctx.user = w.ownerA;
    const res = await post([['ids', w.a[1].id], ['ids', w.a[2].id], ['ids', w.b[0].id], ['org', w.orgA]]);
    expect(res.status).toBe(200);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['A-1001', 'A-1002']);
  });

  it('answers bad input with a 4xx and a message, never a 500', async () => {
    ctx.user = undefined;
    expect((await get('')).status).toBe(401);
    expect((await post([['ids', w.a[1].id]])).status).toBe(401);
    ctx.user = w.ownerA;
    for (const [res, status] of [
      [await get(`org=${w.orgB}`), 404],
      [await get('org=not-a-uuid'), 404],
      [await post([]), 400],
      [await post([['ids', 'x']]), 400],
      [await post(Array.from({ length: 501 }, () => ['ids', w.a[1].id] as [string, string])), 400],
      [await post([['ids', w.a[1].id], ['org', w.orgB]]), 404],
      [await POST(new NextRequest('http://localhost/api/orders/export', { method: 'POST', body: '{', headers: { 'content-type': 'application/json' } })), 400],
    ] as Array<[Response, number]>) {
      expect(res.status).toBe(status);
      expect((await res.json()).error).toEqual(expect.any(String));
    }
    // Bad filter values fall back to defaults rather than failing.
    expect((await get(`org=${w.orgA}&sort=password&status=nope&page=-1`)).status).toBe(200);
  });
});
