import { describe, expect, it } from 'vitest';
import type { OrderEventView } from '@/lib/orders/events';
import { describeOrderEvent } from './event-words';

const ev = (kind: OrderEventView['kind'], details: Record<string, string> = {}, actor: OrderEventView['actor'] = { type: 'system' }): OrderEventView => ({
  id: '1', kind, at: new Date(0), actor, details,
});

describe('describeOrderEvent', () => {
  it('says what changed, in words, and who did it', () => {
    expect(describeOrderEvent(ev('status_changed', { from: 'unshipped', to: 'shipped', marketplaceFrom: 'NOT_STARTED/PAID/NONE_REQUESTED', marketplaceTo: 'FULFILLED/PAID/NONE_REQUESTED' }), 'ebay')).toEqual({
      title: 'Status changed from Unshipped to Shipped', detail: 'eBay: Shipped, paid, no cancellation requested', who: 'eBay sync', tone: 'success',
    });
    expect(describeOrderEvent(ev('held', {}, { type: 'user', email: 'op@shop.test' }), 'walmart')).toMatchObject({ title: 'Put on hold', who: 'op@shop.test' });
    expect(describeOrderEvent(ev('released', {}, { type: 'user', email: null }), 'walmart')).toMatchObject({ title: 'Hold released', who: 'A former member' });
    expect(describeOrderEvent(ev('label_bought', { carrier: 'usps', service: 'Priority Mail', trackingNumber: '9400' }, { type: 'user', email: 'op@shop.test' }), 'amazon')).toMatchObject({
      title: 'Label bought', detail: 'USPS · Priority Mail · tracking 9400', who: 'op@shop.test',
    });
    expect(describeOrderEvent(ev('tracking_pushed', { carrier: 'ups' }), 'amazon')).toMatchObject({ title: 'Tracking sent to Amazon', who: 'ESM' });
    expect(describeOrderEvent(ev('tracking_push_failed'), 'walmart')).toMatchObject({ title: 'Tracking could not be sent to Walmart', tone: 'danger' });
    expect(describeOrderEvent(ev('label_voided'), 'walmart')).toMatchObject({ title: 'Label voided and refunded', detail: null });
    expect(describeOrderEvent(ev('buyer_anonymized'), 'walmart')).toMatchObject({ title: 'Buyer data anonymized', who: 'ESM' });
    expect(describeOrderEvent(ev('first_seen'), 'walmart')).toMatchObject({ title: 'Order received from Walmart', who: 'Walmart sync' });
  });

  it('leaves out the marketplace line when only ESM’s status moved', () => {
    expect(describeOrderEvent(ev('status_changed', { from: 'shipped', to: 'delivered', marketplaceFrom: 'Shipped', marketplaceTo: 'Shipped' }), 'walmart').detail).toBeNull();
  });
});
