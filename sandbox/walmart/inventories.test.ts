// GET /v3/inventories as the inventory spec shapes it: meta.totalCount/nextCursor, every SKU's
// nodes with inputQty, availToSellQty and reservedQty, at most 50 per page, and the same stock as
// GET /v3/inventory for a SKU.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG, stockFor } from '@/sandbox/core/catalog';
import { startWalmart, type Harness } from './test-support';

let h: Harness;
beforeAll(async () => {
  h = await startWalmart();
});
afterAll(() => h.close());

interface Qty { unit: string; amount: number }
interface Inv { sku: string; nodes: Array<{ shipNode: string; inputQty: Qty; availToSellQty: Qty; reservedQty: Qty }> }

describe('GET /v3/inventories', () => {
  it('pages every SKU by nextCursor, 10 by default, with each ship node field for field', async () => {
    const seen: Inv[] = [];
    let cursor: string | undefined;
    const cursors = new Set<string>();
    do {
      const r = await h.call(`/v3/inventories${cursor ? `?nextCursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(r.status).toBe(200);
      expect(r.body.meta.totalCount).toBe(CATALOG.length);
      expect(r.body.elements.inventories.length).toBeLessThanOrEqual(10);
      seen.push(...r.body.elements.inventories);
      cursor = r.body.meta.nextCursor;
      if (cursor) {
        expect(cursors.has(cursor)).toBe(false); // a new value on every page
        cursors.add(cursor);
      }
    } while (cursor);
    expect(seen.map((i) => i.sku)).toEqual(CATALOG.map((c) => c.sku));
    const seed = h.svc.accounts[0].profile.seed;
    for (const inv of seen) {
      expect(inv.nodes.length).toBeGreaterThanOrEqual(1);
      for (const n of inv.nodes) {
        expect(Object.keys(n).sort()).toEqual(['availToSellQty', 'inputQty', 'reservedQty', 'shipNode']);
        expect(n.shipNode).toMatch(/^\d+$/);
        for (const q of [n.inputQty, n.availToSellQty, n.reservedQty]) expect(q.unit).toBe('EACH');
        expect(n.inputQty.amount).toBe(n.availToSellQty.amount + n.reservedQty.amount);
      }
      expect(inv.nodes.reduce((s, n) => s + n.availToSellQty.amount, 0)).toBe(stockFor(seed, inv.sku));
    }
    expect(seen.some((i) => i.nodes.length === 2)).toBe(true);
    expect(seen.some((i) => i.nodes[0].availToSellQty.amount === 0)).toBe(true);
    const one = await h.call(`/v3/inventory?sku=${seen[0].sku}`);
    expect(one.body.quantity.amount).toBe(seen[0].nodes.reduce((s, n) => s + n.availToSellQty.amount, 0));
  });

  it('takes up to 50 per page and refuses more, or a cursor it never gave', async () => {
    const r = await h.call('/v3/inventories?limit=50');
    expect(r.body.elements.inventories).toHaveLength(Math.min(50, CATALOG.length));
    const big = await h.call('/v3/inventories?limit=51');
    expect(big.status).toBe(400);
    expect(JSON.stringify(big.body)).toContain('INVALID_REQUEST_PARAM');
    expect((await h.call('/v3/inventories?nextCursor=bm9wZXwz')).status).toBe(400);
  });
});
