// The one carrier table (marketplace-apis.md §6): how each marketplace names the carriers Shippo
// buys labels from. A carrier outside it, or one a marketplace's list lacks, takes that
// marketplace's "other" form: Walmart `otherCarrier` + trackingURL, Amazon `Other` + carrierName,
// eBay `Other` (its ShippingCarrierCodeType value for carriers it does not list).
import type { Marketplace } from '@/lib/model';

type CarrierRow = { [M in Marketplace]: string | null };

/** Keyed by Shippo carrier token. null: the marketplace's list has no confirmed code for it. */
export const CARRIER_CODES = {
  usps: { walmart: 'USPS', amazon: 'USPS', ebay: 'USPS' },
  ups: { walmart: 'UPS', amazon: 'UPS', ebay: 'UPS' },
  fedex: { walmart: 'FedEx', amazon: 'FedEx', ebay: 'FedEx' },
  dhl_express: { walmart: 'DHL', amazon: 'DHL', ebay: 'DHL' },
  // eBay's REST list is only published through GeteBayDetails (reference §7.4): unconfirmed codes
  // go as "Other" rather than as a guess that eBay answers with 32300.
  dhl_ecommerce: { walmart: 'DHL Ecommerce - US', amazon: 'DHL eCommerce', ebay: null },
  ontrac: { walmart: 'OnTrac', amazon: 'OnTrac', ebay: null },
  lasership: { walmart: 'LS', amazon: 'Lasership', ebay: null },
  canada_post: { walmart: 'Canada Post', amazon: 'Canada Post', ebay: null },
} as const satisfies Record<string, CarrierRow>;

export type CarrierToken = keyof typeof CARRIER_CODES;

/** Shippo provider names (rate.provider) seen for the tokens above. */
const PROVIDER_NAMES: Record<string, CarrierToken> = {
  usps: 'usps',
  ups: 'ups',
  fedex: 'fedex',
  'dhl express': 'dhl_express',
  'dhl ecommerce': 'dhl_ecommerce',
  'dhl ecommerce solutions': 'dhl_ecommerce',
  ontrac: 'ontrac',
  lasership: 'lasership',
  'canada post': 'canada_post',
};

export type MarketplaceCarrier = { kind: 'listed'; code: string } | { kind: 'other'; name: string };

const isToken = (s: string): s is CarrierToken => Object.hasOwn(CARRIER_CODES, s);

/** The Shippo token for a carrier given as token ("dhl_express") or provider name ("DHL Express"). */
export function carrierToken(carrier: string): CarrierToken | null {
  const s = carrier.trim().toLowerCase();
  if (isToken(s)) return s;
  return PROVIDER_NAMES[s.replace(/[_\s]+/g, ' ')] ?? null;
}

/**
 * How `marketplace` names `carrier`: its listed code, or the "other" form with a display name
 * (`displayName`, else the carrier as given).
 */
export function carrierFor(marketplace: Marketplace, carrier: string, displayName?: string): MarketplaceCarrier {
  const token = carrierToken(carrier);
  const code = token ? CARRIER_CODES[token][marketplace] : null;
  if (code) return { kind: 'listed', code };
  return { kind: 'other', name: (displayName ?? carrier).trim() };
}
