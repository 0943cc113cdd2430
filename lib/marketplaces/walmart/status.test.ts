import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES } from '@/lib/model';
import { LINE_STATUS_TABLE, lineStatusToNormalized, orderStatusFromLines, rawStatusSummary, WALMART_LINE_STATUSES } from './status';

const one = (status: string, quantity = 1) => ({ status, quantity });

describe('Walmart line status table', () => {
  it('covers every status of the Orders spec enum, and nothing else', () => {
    // orderLineStatus.status enum in walmart-marketplace-orders-openapi-original.yml
    const specEnum = ['Created', 'Acknowledged', 'Shipped', 'Delivered', 'Cancelled', 'Refund'];
    expect([...WALMART_LINE_STATUSES].sort()).toEqual([...specEnum].sort());
    expect(Object.keys(LINE_STATUS_TABLE).sort()).toEqual([...specEnum].sort());
    for (const s of Object.values(LINE_STATUS_TABLE)) expect(ORDER_STATUSES).toContain(s);
  });

  it.each([
    ['Created', 'unshipped'],
    ['Acknowledged', 'unshipped'],
    ['Shipped', 'shipped'],
    ['Delivered', 'delivered'],
    ['Cancelled', 'cancelled'],
    ['Refund', 'delivered'],
  ] as const)('an order whose only line is %s is %s', (status, expected) => {
    expect(lineStatusToNormalized(status)).toBe(expected);
    expect(orderStatusFromLines([one(status, 2)])).toBe(expected);
  });

  it('maps an unknown value to pending without throwing, keeping the raw value', () => {
    expect(lineStatusToNormalized('OnHold')).toBe('pending');
    expect(lineStatusToNormalized('toString')).toBe('pending');
    expect(orderStatusFromLines([one('OnHold')])).toBe('pending');
    expect(rawStatusSummary([one('OnHold'), one('Created')])).toBe('OnHold,Created');
  });
});

describe('order status from several lines', () => {
  it('all lines cancelled → cancelled', () => {
    expect(orderStatusFromLines([one('Cancelled'), one('Cancelled', 3)])).toBe('cancelled');
  });
  it('some shipped or delivered, others open → partially_shipped', () => {
    expect(orderStatusFromLines([one('Shipped'), one('Created')])).toBe('partially_shipped');
    expect(orderStatusFromLines([one('Delivered'), one('Acknowledged')])).toBe('partially_shipped');
    expect(orderStatusFromLines([one('Shipped'), one('OnHold')])).toBe('partially_shipped');
  });
  it('all out → shipped; all delivered → delivered; cancelled lines do not count', () => {
    expect(orderStatusFromLines([one('Shipped'), one('Delivered')])).toBe('shipped');
    expect(orderStatusFromLines([one('Delivered'), one('Delivered')])).toBe('delivered');
    expect(orderStatusFromLines([one('Delivered'), one('Cancelled')])).toBe('delivered');
    expect(orderStatusFromLines([one('Shipped'), one('Cancelled')])).toBe('shipped');
    expect(orderStatusFromLines([one('Created'), one('Cancelled')])).toBe('unshipped');
  });
  it('created/acknowledged → unshipped; zero-quantity entries are ignored', () => {
    expect(orderStatusFromLines([one('Created'), one('Acknowledged')])).toBe('unshipped');
    expect(orderStatusFromLines([one('Shipped', 2), one('Created', 0)])).toBe('shipped');
    expect(orderStatusFromLines([])).toBe('pending');
  });
});
