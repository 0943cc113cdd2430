import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES as SIMULATED_V0_STATUSES } from '@/sandbox/amazon/orderState';
import { ORDER_STATUSES } from '@/lib/model';
import { AMAZON_STATUS_TABLE, mapAmazonStatus } from './status';

// The enums as the model files define them: orders_2026-01-01.json FulfillmentStatus and
// ordersV0.json OrderStatus (marketplace-apis.md §2.4, §2.5).
const V2026 = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'];
const V0 = ['PendingAvailability', 'Pending', 'Unshipped', 'PartiallyShipped', 'Shipped', 'InvoiceUnconfirmed', 'Canceled', 'Unfulfillable'];

describe('Amazon order status table', () => {
  it('maps every documented status, and nothing else', () => {
    expect(Object.keys(AMAZON_STATUS_TABLE).sort()).toEqual([...V2026, ...V0].sort());
    expect([...SIMULATED_V0_STATUSES].sort()).toEqual([...V0].sort());
  });

  it.each([
    ['PENDING_AVAILABILITY', 'pending'], ['PENDING', 'pending'], ['UNSHIPPED', 'unshipped'], ['PARTIALLY_SHIPPED', 'partially_shipped'],
    ['SHIPPED', 'shipped'], ['CANCELLED', 'cancelled'], ['UNFULFILLABLE', 'cancelled'],
    ['PendingAvailability', 'pending'], ['Pending', 'pending'], ['Unshipped', 'unshipped'], ['PartiallyShipped', 'partially_shipped'],
    ['Shipped', 'shipped'], ['InvoiceUnconfirmed', 'shipped'], ['Canceled', 'cancelled'], ['Unfulfillable', 'cancelled'],
  ])('%s → %s', (raw, want) => {
    expect(mapAmazonStatus(raw)).toBe(want);
    expect(ORDER_STATUSES).toContain(want);
  });

  it('maps unknown values to pending instead of failing', () => {
    for (const raw of ['DELIVERED_TO_MOON', '', null, undefined, 'toString', '__proto__', 'shipped']) expect(mapAmazonStatus(raw)).toBe('pending');
  });
});
