// The CSV download: a real report for a member (viewers included), and a 4xx with a message for
// every bad input (no session, unknown report, bad dates, someone else's organization).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { NextRequest } from 'next/server';
import { backends, type TestDatabase } from '@/tests/support/db';
import { runAsUser, type Claims } from '@/lib/db/session';
import type { Db } from '@/lib/db/connect';
import { RANGE, seedReportsWorld, type ReportsWorld } from '@/tests/support/reports-world';

const ctx: { db?: Db; user?: Claims } = {};
vi.mock('@/lib/auth/session', () => ({
  getSession: async () => (ctx.user ? { userId: ctx.user.sub, email: ctx.user.email, claims: ctx.user } : null),
}));
vi.mock('@/lib/db', async (orig) => ({
  ...(await orig<typeof import('@/lib/db')>()),
  withUser: (claims: Claims, fn: Parameters<typeof runAsUser>[2]) => runAsUser(ctx.db!, claims, fn),
}));

const { GET } = await import('./route');

const get = (report: string, query: Record<string, string> = {}) =>
  GET(new NextRequest(`http://localhost/api/reports/${report}?${new URLSearchParams(query)}`), { params: Promise.resolve({ report }) });

describe.each(backends)('GET /api/reports/[report] on $name', (backend) => {
  let t: TestDatabase;
  let w: ReportsWorld;
  beforeAll(async () => {
    t = await backend.open();
    ctx.db = t.database.db;
    w = await seedReportsWorld(t.database.db);
  }, 60_000);
  afterAll(() => t?.cleanup());

  it('streams the report as CSV for a viewer: header row, raw decimals, formula-escaped SKUs', async () => {
    ctx.user = w.viewerA;
    const res = await get('skus', { from: RANGE.from, to: RANGE.to });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="esm-skus-${RANGE.from}-to-${RANGE.to}.csv"`);
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('SKU,Marketplace,Title,Currency,Units,Revenue,Orders,Share of its currency');
    const hyperlink = lines.find((l) => l.includes('HYPERLINK'));
    expect(hyperlink).toMatch(/^"'=HYPERLINK\(""x""\)",/);
    for (const l of lines.slice(1)) expect(l).toMatch(/,\d+,\d+\.\d{2},\d+,[\d.]+$/);
  });

  it('answers bad input with a 4xx and a message, never a 500', async () => {
    ctx.user = undefined;
    expect((await get('sales')).status).toBe(401);
    ctx.user = w.viewerA;
    const cases: Array<[string, Record<string, string>, number]> = [
      ['nope', {}, 404],
      ['sales', { from: '2026-02-30', to: '2026-03-01' }, 400],
      ['sales', { from: '2026-03-05', to: '2026-03-01' }, 400],
      ['sales', { range: 'forever' }, 400],
      ['sales', { marketplace: 'etsy' }, 400],
      ['sales', { account: 'x' }, 400],
      ['sales', { org: w.orgB }, 404],
      ['sales', { org: 'not-a-uuid' }, 404],
    ];
    for (const [report, query, status] of cases) {
      const res = await get(report, query);
      expect(res.status, `${report} ${JSON.stringify(query)}`).toBe(status);
      expect((await res.json()).error).toEqual(expect.any(String));
    }
    ctx.user = w.ownerB; // org B's owner asking for org A by id
    expect((await get('sales', { org: w.orgA })).status).toBe(404);
  });
});
