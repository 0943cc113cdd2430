import { describe, expect, it } from 'vitest';
import type { BuyerView } from '@/lib/orders/detail';
import { canShip } from './order-page';

const buyer: BuyerView = { anonymized: false, name: 'A', addressLines: ['1 Main St'], city: 'Austin', region: 'TX', postalCode: '73301', country: 'US', phone: null };
const open = { status: 'unshipped' as const, hold: { onHold: false }, buyer };

describe('the Ship panel', () => {
  it('shows for an open order with an address and no live label', () => {
    expect(canShip(open, [])).toBe(true);
  });
  it('hides for held, finished or cancelled orders, and where there is no address to ship to', () => {
    expect(canShip({ ...open, hold: { onHold: true } }, [])).toBe(false);
    for (const status of ['shipped', 'delivered', 'cancelled'] as const) expect(canShip({ ...open, status }, [])).toBe(false);
    expect(canShip({ ...open, buyer: null }, [])).toBe(false);
    expect(canShip({ ...open, buyer: { anonymized: true, anonymizedAt: new Date(), region: 'TX', country: 'US' } }, [])).toBe(false);
  });
});
