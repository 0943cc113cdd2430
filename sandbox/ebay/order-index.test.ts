// The order index answers filters over whole ranges without generating every order; here it is
// checked against a brute-force scan of every order, including orders the API shipped.
import { describe, expect, it } from 'vitest';
import { firstIndexCreatedAtOrAfter, type AccountProfile } from '@/sandbox/core/catalog';
import { rng } from '@/sandbox/core/random';
import { orderIdCodec } from './ids';
import { OrderIndex, type OrderQuery } from './order-index';
import type { FulfillmentStatus } from './order-state';

const MIN = 60_000;
const DAY = 86_400_000;
const SETS: Array<ReadonlySet<FulfillmentStatus> | null> = [
  null,
  new Set<FulfillmentStatus>(['NOT_STARTED', 'IN_PROGRESS']),
  new Set<FulfillmentStatus>(['FULFILLED', 'IN_PROGRESS']),
];

function brute(idx: OrderIndex, q: OrderQuery, now: number): number[] {
  const out: number[] = [];
  const oldest = firstIndexCreatedAtOrAfter(idx.profile, now - 730 * DAY);
  for (let i = oldest; i < idx.count(now); i++) {
    const s = idx.state(i, now);
    if (q.statuses && !q.statuses.has(s.status)) continue;
    const t = q.mode === 'creation' ? s.sim.createdAt : s.lastModified;
    if (t >= q.from && t <= q.to) out.push(i);
  }
  return out;
}

/** Ship some orders through the overlay, as createShippingFulfillment does. */
function shipSome(idx: OrderIndex, now: number, r: () => number, n: number): void {
  for (let k = 0; k < n; k++) {
    const i = Math.floor(r() * idx.count(now));
    const s = idx.state(i, now);
    if (s.cancelled || s.status === 'FULFILLED') continue;
    const lines = s.sim.lines
      .filter((l) => s.shipped[l.lineNumber - 1] < l.quantity)
      .slice(0, r() < 0.5 ? 1 : 3)
      .map((l) => ({ lineNumber: l.lineNumber, quantity: l.quantity - s.shipped[l.lineNumber - 1] }));
    const o = idx.overlay.get(i) ?? { shipments: [] };
    o.shipments.push({ fulfillmentId: `T${k}-${i}`, lines, shippedDate: now, recordedAt: now, source: 'api' });
    idx.overlay.set(i, o);
  }
}

function check(idx: OrderIndex, now: number, r: () => number, rounds: number): void {
  const epoch = idx.profile.epochMs;
  for (let k = 0; k < rounds; k++) {
    const statuses = SETS[Math.floor(r() * SETS.length)];
    const mode = r() < 0.5 ? 'creation' : 'modified';
    const from = epoch + Math.floor(r() * (now - epoch)) - DAY;
    const to = r() < 0.5 ? now : from + Math.floor(r() * (now - from));
    const q: OrderQuery = { mode, from, to, statuses };
    const want = brute(idx, q, now);
    const limit = 1 + Math.floor(r() * 200);
    for (const offset of [0, Math.floor(r() * want.length), Math.max(0, want.length - 1), want.length + 3]) {
      const got = idx.page(q, now, offset, limit);
      expect(got.total, JSON.stringify({ ...q, statuses: statuses && [...statuses], offset })).toBe(want.length);
      expect(got.indexes).toEqual(want.slice(offset, offset + limit));
    }
  }
}

describe('OrderIndex', () => {
  it('matches a brute-force scan, before and after API shipments and as time passes', () => {
    const now0 = Date.UTC(2026, 10, 21, 12);
    const profile: AccountProfile = { seed: 'idx-a', epochMs: now0 - 28 * DAY, intervalMs: 4 * MIN };
    const idx = new OrderIndex(profile, orderIdCodec(profile.seed));
    const r = rng(7);
    check(idx, now0, r, 8);
    shipSome(idx, now0, r, 300);
    check(idx, now0, r, 8);
    const later = now0 + 2 * DAY + 7 * MIN;
    shipSome(idx, later, r, 300);
    check(idx, later, r, 8);
  });

  it('handles capped accounts, the two-year horizon and windows outside the data', () => {
    const now = Date.UTC(2026, 10, 21, 12);
    const capped = new OrderIndex({ seed: 'idx-b', epochMs: now - 900 * DAY, intervalMs: 90 * MIN, maxOrders: 12_000 }, orderIdCodec('idx-b'));
    check(capped, now, rng(11), 8);
    const empty = capped.page({ mode: 'modified', from: now - 10 * DAY, to: now, statuses: null }, now, 0, 50);
    expect(empty).toEqual({ total: 0, indexes: [] });
    const future = new OrderIndex({ seed: 'idx-c', epochMs: now + DAY, intervalMs: MIN }, orderIdCodec('idx-c'));
    expect(future.page({ mode: 'creation', from: now - DAY, to: now, statuses: SETS[1] }, now, 0, 50)).toEqual({ total: 0, indexes: [] });
  });

  it('pages a 300k-order account quickly once its settled blocks are counted', () => {
    const now = Date.UTC(2026, 10, 21, 12);
    const profile: AccountProfile = { seed: 'idx-big', epochMs: now - 300_000 * MIN, intervalMs: MIN };
    const idx = new OrderIndex(profile, orderIdCodec(profile.seed));
    const q: OrderQuery = { mode: 'creation', from: profile.epochMs, to: now, statuses: SETS[1] };
    let t = performance.now();
    const first = idx.page(q, now, 0, 200); // counts every settled block once
    const firstMs = performance.now() - t;
    t = performance.now();
    const deep = idx.page(q, now, Math.floor(first.total / 2), 200);
    const incremental = idx.page({ mode: 'modified', from: now - DAY, to: now, statuses: null }, now, 0, 200);
    // Relative, so a loaded machine does not make it flaky: no rescan of the whole account.
    expect(performance.now() - t).toBeLessThan(firstMs / 2);
    expect(deep.indexes).toHaveLength(200);
    expect(first.total).toBeGreaterThan(50_000);
    // Spot-check the deep page against the statuses it claims.
    for (const i of deep.indexes) expect(['NOT_STARTED', 'IN_PROGRESS']).toContain(idx.state(i, now).status);
    expect(incremental.total).toBeGreaterThan(1440);
  });
});
