// The log's redaction net: buyer names go, an error's type and name stay.
import { describe, expect, it } from 'vitest';
import { createLog } from './log';

function capture(obj: Record<string, unknown>): string {
  const lines: string[] = [];
  createLog('info', { write: (s: string) => void lines.push(s) }).info(obj, 'message');
  expect(lines).toHaveLength(1);
  return lines[0];
}

const BUYER = 'Canary Buyer Zqx';

describe('log redaction', () => {
  it("keeps an error's type and name, and other things called name", () => {
    // The shape the app logs caught errors in.
    const line = JSON.parse(capture({ err: { name: 'MarketplaceError', code: '23505' }, marketplace: { name: 'walmart' }, org: { name: 'Acme' } }));
    expect(line.err).toEqual({ name: 'MarketplaceError', code: '23505' });
    expect(line.marketplace.name).toBe('walmart');
    expect(line.org.name).toBe('Acme');
  });

  it("keeps a real Error's type through pino's serializer", () => {
    const line = JSON.parse(capture({ err: new RangeError('out of range') }));
    expect(line.err).toMatchObject({ type: 'RangeError', message: 'out of range' });
    expect(line.err.name ?? 'RangeError').toBe('RangeError');
  });

  const paths: Array<[string, Record<string, unknown>]> = [
    ['buyer.name', { buyer: { name: BUYER } }],
    ['order.buyer.name', { order: { buyer: { name: BUYER, city: 'Austin' } } }],
    ['shipTo.name', { shipTo: { name: BUYER } }],
    ['eBay shipTo.fullName', { fulfillment: { shipTo: { fullName: BUYER } } }],
    ['shippingAddress.name', { shippingAddress: { name: BUYER } }],
    ['Amazon ShippingAddress.Name', { order: { ShippingAddress: { Name: BUYER } } }],
    ['Amazon BuyerInfo.BuyerName', { BuyerInfo: { BuyerName: BUYER } }],
    ['Walmart postalAddress.name', { shippingInfo: { postalAddress: { name: BUYER } } }],
    ['Shippo address_to.name', { shipment: { address_to: { name: BUYER } } }],
    ['customer.name', { customer: { name: BUYER } }],
    ['buyerName', { order: { buyerName: BUYER } }],
    ['an orders search term (q)', { params: { q: BUYER, tab: 'all' } }],
    ['a search term', { search: BUYER }],
    ['email and phone', { contact: { email: 'canary@buyer.test', phone: '+1 555 0100', name: BUYER } }],
  ];
  for (const [label, obj] of paths) {
    it(`redacts a buyer name at ${label}`, () => {
      const line = capture(obj);
      expect(line).not.toContain(BUYER);
      expect(line).not.toContain('canary@buyer.test');
      expect(line).toContain('[redacted]');
    });
  }
});
