// A 100k-order seller: paging must be cheap and must not accumulate per-order state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastModified, modifiedIndexes, simOrder, type AccountProfile } from '@/sandbox/core/catalog';
import type { WalmartAccount } from './accounts';
import { startWalmart, T0, type Harness } from './test-support';

const MINUTE = 60_000;
const TOTAL = 100_000;
const profile: AccountProfile = { seed: 'walmart-scale', epochMs: T0 - TOTAL * MINUTE, intervalMs: MINUTE, maxOrders: TOTAL };
const big: WalmartAccount = {
  clientId: 'wm-sandbox-scale-client',
  clientSecret: 'wm-sandbox-scale-secret',
  partnerId: '10009999999',
  sellerId: '109999999',
  name: 'Scale test seller',
  profile,
};

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startWalmart({ accounts: [big] });
  token = await h.token(big.clientId, big.clientSecret);
});
afterAll(() => h.close());

const book = () => h.svc.book(big.clientId);
const get = (path: string) => h.call(path, { token });
const startDate = new Date(profile.epochMs).toISOString().slice(0, 10);

describe('100k-order account', () => {
  it('pages through thousands of orders with contiguous ids, a stable totalCount and no per-order state', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let path: string | null = `/v3/orders?createdStartDate=${startDate}&limit=200`;
    let expectedIndex = TOTAL - 1;
    for (let page = 0; page < 15 && path; page++) {
      const r = await get(path);
      expect(r.status).toBe(200);
      expect(r.body.list.meta.totalCount).toBe(TOTAL);
      for (const o of r.body.list.elements.order) {
        expect(book().indexOfPurchaseOrder(o.purchaseOrderId, h.clock.now())).toBe(expectedIndex);
        expect(o.orderDate).toBe(profile.epochMs + expectedIndex * MINUTE);
        expectedIndex--;
      }
      path = `/v3/orders${r.body.list.meta.nextCursor}`;
    }
    expect(TOTAL - 1 - expectedIndex).toBe(3000);
    expect(book().overlays.size).toBe(0);
    // Rendering 3000 orders allocates transient JSON only; nothing proportional to the account stays.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('jumps straight to any cursor offset, and refuses to go past 20000 orders', async () => {
    const first = await get(`/v3/orders?createdStartDate=${startDate}&limit=200`);
    const deep = first.body.list.meta.nextCursor.replace('poIndex=200', 'poIndex=19900');
    const r = await get(`/v3/orders${deep}`);
    expect(r.status).toBe(200);
    const orders = r.body.list.elements.order;
    expect(orders).toHaveLength(100);
    expect(book().indexOfPurchaseOrder(orders[0].purchaseOrderId, h.clock.now())).toBe(TOTAL - 1 - 19_900);
    expect(r.body.list.meta.nextCursor).toContain('poIndex=20000');
    const beyond = await get(`/v3/orders${r.body.list.meta.nextCursor}`);
    expect(beyond.status).toBe(400);
    expect(beyond.body.errors[0]).toMatchObject({ code: 'INVALID_REQUEST_PARAM.GMP_ORDER_API', field: 'poIndex' });
  });

  it('answers a lastModified window without scanning the account', async () => {
    const from = h.clock.now() - 2 * 3_600_000;
    const expected = [...modifiedIndexes(profile, from, h.clock.now(), h.clock.now())].sort((a, b) => b - a);
    const started = performance.now();
    const seen: number[] = [];
    let path: string | null = `/v3/orders?lastModifiedStartDate=${new Date(from).toISOString()}&limit=200`;
    while (path) {
      const r = await get(path);
      expect(r.body.list.meta.totalCount).toBe(expected.length);
      seen.push(...r.body.list.elements.order.map((o: any) => book().indexOfPurchaseOrder(o.purchaseOrderId, h.clock.now())));
      path = r.body.list.meta.nextCursor ? `/v3/orders${r.body.list.meta.nextCursor}` : null;
    }
    expect(seen).toEqual(expected);
    for (const i of seen.slice(0, 20)) expect(lastModified(simOrder(profile, i), h.clock.now())).toBeGreaterThanOrEqual(from);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('counts a status filter over the whole account on the first page', async () => {
    const r = await get(`/v3/orders?createdStartDate=${startDate}&status=Cancelled&limit=50`);
    expect(r.status).toBe(200);
    let cancelled = 0;
    const now = h.clock.now();
    for (let i = 0; i < TOTAL; i++) {
      const o = simOrder(profile, i);
      if (o.cancelledAt !== null && o.cancelledAt <= now) cancelled++;
    }
    expect(r.body.list.meta.totalCount).toBe(cancelled);
    const next = await get(`/v3/orders${r.body.list.meta.nextCursor}`);
    const ids = [...r.body.list.elements.order, ...next.body.list.elements.order].map((o: any) => o.purchaseOrderId);
    expect(new Set(ids).size).toBe(100);
  });
});
