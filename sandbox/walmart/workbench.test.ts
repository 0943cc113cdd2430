// The end-to-end tests' own Walmart sellers: an order still open two days after it was placed is
// never shipped, part-shipped or cancelled outside ESM, so a test that picks such orders works on
// orders nothing else changes (e2e/delivery.spec.ts, e2e/shipping-bulk.spec.ts).
import { describe, expect, it } from 'vitest';
import { orderCount, simOrder } from '@/sandbox/core/catalog';
import { WALMART_DEMO_CLIENT_ID, workbenchWalmartAccounts } from './accounts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 7, 4, 0);

describe('the workbench Walmart sellers', () => {
  it('have their own credentials and ids, none of them the demo seller\'s', () => {
    const sellers = workbenchWalmartAccounts(NOW);
    expect(sellers).toHaveLength(2);
    expect(new Set(sellers.map((s) => s.clientId)).size).toBe(2);
    expect(new Set(sellers.map((s) => s.partnerId)).size).toBe(2);
    expect(sellers.map((s) => s.clientId)).not.toContain(WALMART_DEMO_CLIENT_ID);
  });

  it('never change an order still open two days after it was placed, and have plenty of them', () => {
    for (const { profile } of workbenchWalmartAccounts(NOW)) {
      let stable = 0;
      for (let i = 0; i < orderCount(profile, NOW); i++) {
        const o = simOrder(profile, i);
        const by = o.createdAt + 2 * DAY;
        const openThen = [o.cancelledAt, o.partialShipAt, o.shippedAt].every((t) => t === null || t > by);
        if (!openThen) continue;
        expect([o.cancelledAt, o.partialShipAt, o.shippedAt, o.deliveredAt], `order ${i}`).toEqual([null, null, null, null]);
        if (by < NOW) stable++;
      }
      expect(stable).toBeGreaterThan(100);
    }
  });
});
