// The capability mechanism on its own: capabilities come from what a connector implements, and a
// missing one is a typed, permanent (never retried) NotSupported answer naming marketplace and operation.
import { describe, expect, it } from 'vitest';
import { CAPABILITIES, capabilitiesOf, CapabilityNotSupported, requireCapability, supports, type ConnectorWrites } from './capabilities';
import { MarketplaceError } from './http';
import type { Connector } from './types';

const reads: Connector = {
  marketplace: 'ebay',
  apiCalls: 0,
  verify: async () => ({ externalAccountId: 'x', displayName: 'x', marketplaceCode: null }),
  fetchOrders: async () => ({ records: [], next: null }),
  fetchListings: async () => ({ records: [], next: null }),
};

describe('connector capabilities', () => {
  it('lists every write operation once', () => {
    const all: Record<keyof ConnectorWrites, true> = { pushTracking: true, acknowledgeOrders: true, updateOffer: true };
    expect([...CAPABILITIES].sort()).toEqual(Object.keys(all).sort());
  });

  it('a connector that only reads supports nothing, and says so for each operation', () => {
    expect(capabilitiesOf(reads)).toEqual([]);
    for (const c of CAPABILITIES) {
      expect(supports(reads, c)).toBe(false);
      const e = (() => {
        try {
          requireCapability(reads, c);
        } catch (err) {
          return err;
        }
      })();
      expect(e).toBeInstanceOf(CapabilityNotSupported);
      expect(e).toBeInstanceOf(MarketplaceError);
      expect(e).toMatchObject({ kind: 'permanent', retryable: false, marketplace: 'ebay', capability: c, message: `ebay does not support ${c} in ESM` });
    }
  });

  it('a capability is what the connector implements', async () => {
    const writer: Connector = { ...reads, updateOffer: async () => {} };
    expect(capabilitiesOf(writer)).toEqual(['updateOffer']);
    await expect(requireCapability(writer, 'updateOffer').updateOffer({ sku: 'A-1', quantity: 3 })).resolves.toBeUndefined();
    expect(() => requireCapability(writer, 'pushTracking')).toThrow(CapabilityNotSupported);
  });
});
