// The one carrier table, pair by pair (marketplace-apis.md §6): each (carrier, marketplace) code
// is the expected one AND is on that marketplace's accepted list (the simulators carry the lists
// from the specs), and carriers a marketplace does not list take its "other" form.
import { describe, expect, it } from 'vitest';
import { AMAZON_CARRIER_CODES } from '@/sandbox/amazon';
import { EBAY_CARRIER_CODES } from '@/sandbox/ebay/fulfillment-api';
import { WALMART_CARRIERS } from '@/sandbox/walmart';
import { CARRIER_CODES, carrierFor, carrierToken, type CarrierToken } from './carriers';

const accepted = {
  walmart: (c: string) => WALMART_CARRIERS.has(c),
  amazon: (c: string) => AMAZON_CARRIER_CODES.includes(c),
  ebay: (c: string) => EBAY_CARRIER_CODES.includes(c),
};

// Expected codes, written out independently of the table so a typo in either shows.
const EXPECTED: Array<[CarrierToken, string, string, string | null]> = [
  ['usps', 'USPS', 'USPS', 'USPS'],
  ['ups', 'UPS', 'UPS', 'UPS'],
  ['fedex', 'FedEx', 'FedEx', 'FedEx'],
  ['dhl_express', 'DHL', 'DHL', 'DHL'],
  ['dhl_ecommerce', 'DHL Ecommerce - US', 'DHL eCommerce', null],
  ['ontrac', 'OnTrac', 'OnTrac', null],
  ['lasership', 'LS', 'Lasership', null],
  ['canada_post', 'Canada Post', 'Canada Post', null],
];

describe('carrier codes per marketplace', () => {
  it('the table covers exactly the carriers checked here', () => {
    expect(Object.keys(CARRIER_CODES).sort()).toEqual(EXPECTED.map(([t]) => t).sort());
  });

  for (const [token, walmart, amazon, ebay] of EXPECTED) {
    const pairs = { walmart, amazon, ebay } as const;
    for (const m of ['walmart', 'amazon', 'ebay'] as const) {
      const code = pairs[m];
      it(`${token} on ${m}: ${code ?? 'the "other" form'}`, () => {
        const got = carrierFor(m, token, 'Carrier Display Name');
        if (code === null) {
          expect(got).toEqual({ kind: 'other', name: 'Carrier Display Name' });
        } else {
          expect(got).toEqual({ kind: 'listed', code });
          expect(accepted[m](code)).toBe(true);
        }
      });
    }
  }

  it('a carrier outside the table takes every marketplace\'s "other" form, named as given', () => {
    for (const m of ['walmart', 'amazon', 'ebay'] as const) {
      expect(carrierFor(m, 'yodel', 'Yodel')).toEqual({ kind: 'other', name: 'Yodel' });
      expect(carrierFor(m, 'Yodel')).toEqual({ kind: 'other', name: 'Yodel' });
    }
  });

  it('reads Shippo provider names as well as tokens', () => {
    expect(carrierToken('DHL Express')).toBe('dhl_express');
    expect(carrierToken('dhl_ecommerce')).toBe('dhl_ecommerce');
    expect(carrierToken(' USPS ')).toBe('usps');
    expect(carrierToken('Canada Post')).toBe('canada_post');
    expect(carrierToken('toString')).toBeNull();
    expect(carrierFor('walmart', 'FedEx')).toEqual({ kind: 'listed', code: 'FedEx' });
  });
});
