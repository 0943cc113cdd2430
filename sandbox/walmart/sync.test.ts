// Incremental sync semantics: lastModifiedStartDate returns newly created orders and orders whose
// status changed since the last sync (timeline cancellations and partial shipments, API shipments).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lastModified, modifiedIndexes, simOrder } from '@/sandbox/core/catalog';
import { shipBody, startWalmart, T0, type Harness } from './test-support';

const HOUR = 3_600_000;
// Each test gets its own simulator so API changes made by one do not leak into another's windows.
let h: Harness;
beforeEach(async () => {
  h = await startWalmart();
});
afterEach(() => h.close());

const profile = () => h.svc.accounts[0].profile;
const book = () => h.svc.book(h.svc.accounts[0].clientId);
const iso = (t: number) => new Date(t).toISOString();

async function sync(query: string, between?: () => void): Promise<{ orders: any[]; totals: number[] }> {
  const orders: any[] = [];
  const totals: number[] = [];
  let path: string | null = `/v3/orders?${query}`;
  while (path) {
    const r = await h.call(path);
    if (r.status === 404) break;
    expect(r.status).toBe(200);
    orders.push(...r.body.list.elements.order);
    totals.push(r.body.list.meta.totalCount);
    path = r.body.list.meta.nextCursor ? `/v3/orders${r.body.list.meta.nextCursor}` : null;
    between?.();
  }
  return { orders, totals };
}

/** The orders the shared timeline says changed in [from, to], as purchase order ids. */
function expectedChanged(from: number, to: number): Set<string> {
  return new Set([...modifiedIndexes(profile(), from, to, to)].map((i) => book().purchaseOrderId(i)));
}

describe('incremental sync by lastModifiedStartDate', () => {
  it('returns new orders and orders that were cancelled or partially shipped since the last sync', async () => {
    // The first sync point (on the hour, after T0) whose next 12 hours change older orders in
    // both ways: a buyer cancellation and a partial shipment (some lines shipped, others not).
    const changesIn = (s0: number, t1: number) => {
      let cancelled = -1;
      let partial = -1;
      for (const i of modifiedIndexes(profile(), s0, t1, t1)) {
        const o = simOrder(profile(), i);
        if (o.createdAt >= s0) continue;
        if (o.cancelledAt !== null && o.cancelledAt > s0 && o.cancelledAt <= t1) cancelled = i;
        if (o.partialShipAt !== null && o.partialShipAt > s0 && o.partialShipAt <= t1 && (o.shippedAt as number) > t1) partial = i;
      }
      return { cancelled, partial };
    };
    let s0 = T0;
    while (Object.values(changesIn(s0, s0 + 12 * HOUR)).includes(-1)) {
      s0 += HOUR;
      expect(s0 - T0).toBeLessThan(30 * 24 * HOUR);
    }
    const t1 = s0 + 12 * HOUR;
    const { cancelled, partial } = changesIn(s0, t1);
    h.clock.advance(s0 - T0);
    // The previous sync saw everything up to s0.
    expect((await sync(`lastModifiedStartDate=${iso(s0 - 24 * HOUR)}&limit=200`)).orders.length).toBeGreaterThan(0);
    h.clock.advance(t1 - s0);

    const { orders, totals } = await sync(`lastModifiedStartDate=${iso(s0)}&limit=7`);
    const ids = orders.map((o) => o.purchaseOrderId);
    const expected = expectedChanged(s0, t1);
    expect(new Set(ids)).toEqual(expected);
    expect(ids.length).toBe(expected.size); // no order twice across page boundaries
    expect(totals.every((t) => t === expected.size)).toBe(true);
    expect(orders.some((o) => o.orderDate > s0)).toBe(true);
    expect(orders.some((o) => o.orderDate < s0)).toBe(true);

    const byId = new Map(orders.map((o) => [o.purchaseOrderId, o]));
    const c = byId.get(book().purchaseOrderId(cancelled));
    expect(c.orderLines.orderLine.every((l: any) => l.orderLineStatuses.orderLineStatus[0].status === 'Cancelled')).toBe(true);
    const p = byId.get(book().purchaseOrderId(partial));
    const lineStatuses = p.orderLines.orderLine.map((l: any) => l.orderLineStatuses.orderLineStatus[0].status);
    expect(lineStatuses).toContain('Shipped');
    expect(lineStatuses).toContain('Created');
    expect(p.orderLines.orderLine.find((l: any) => l.orderLineStatuses.orderLineStatus[0].status === 'Shipped').statusDate).toBe(simOrder(profile(), partial).partialShipAt);

    // An order untouched since before s0 is not part of the increment.
    const older = [...Array(50).keys()].map((k) => simOrder(profile(), k)).find((o) => lastModified(o, t1) < s0);
    expect(ids).not.toContain(book().purchaseOrderId(older!.index));
  });

  it('includes orders changed through the API (ship) in the next increment', async () => {
    const s1 = h.clock.now();
    // An older order the timeline leaves alone, acknowledged and then shipped by the seller.
    const p = profile();
    let index = -1;
    for (let i = 10; i < 200 && index < 0; i++) {
      const o = simOrder(p, i);
      if (o.cancelledAt === null && o.shippedAt === null) index = i;
    }
    const po = book().purchaseOrderId(index);
    h.clock.advance(HOUR);
    await h.call(`/v3/orders/${po}/acknowledge`, { method: 'POST' });
    await h.call(`/v3/orders/${po}/shipping`, { method: 'POST', body: shipBody([{ lineNumber: '1', qty: String(simOrder(p, index).lines[0].quantity) }]) });
    h.clock.advance(HOUR);
    const s2 = h.clock.now();
    const { orders } = await sync(`lastModifiedStartDate=${iso(s1)}&limit=50`);
    const ids = new Set(orders.map((o) => o.purchaseOrderId));
    expect(ids).toEqual(new Set([...expectedChanged(s1, s2), po]));
    const shipped = orders.find((o) => o.purchaseOrderId === po);
    expect(shipped.orderLines.orderLine[0].orderLineStatuses.orderLineStatus[0].status).toBe('Shipped');
    // The window before the API calls does not contain it any more than the timeline says.
    const { orders: before } = await sync(`lastModifiedStartDate=${iso(s1 - 24 * HOUR)}&lastModifiedEndDate=${iso(s1)}&limit=200`);
    expect(before.map((o) => o.purchaseOrderId)).not.toContain(po);
  });

  it('never repeats an order across pages even when orders change while paging', async () => {
    const start = h.clock.now() - 48 * HOUR;
    const frozenEnd = h.clock.now();
    const initial = expectedChanged(start, frozenEnd);
    // Each page is fetched an hour later than the previous one; some orders change meanwhile.
    const { orders } = await sync(`lastModifiedStartDate=${iso(start)}&limit=5`, () => h.clock.advance(HOUR));
    const ids = orders.map((o) => o.purchaseOrderId);
    expect(new Set(ids).size).toBe(ids.length);
    const now = h.clock.now();
    let movedOn = 0;
    for (const id of initial) {
      const index = book().indexOfPurchaseOrder(id, now) as number;
      const stillInWindow = lastModified(simOrder(profile(), index), now) <= frozenEnd;
      // Orders still in the frozen window are all returned; the others moved to the next increment.
      if (stillInWindow) expect(ids).toContain(id);
      else movedOn++;
    }
    expect(movedOn).toBeGreaterThan(0);
    for (const o of orders) expect(initial.has(o.purchaseOrderId)).toBe(true);
  });
});
