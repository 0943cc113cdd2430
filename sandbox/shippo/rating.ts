// Deterministic carrier pricing: zone from origin/destination ZIPs, billable weight from actual
// and dimensional weight, then a per-service base + per-pound price. Carrier refusals (weight,
// PO boxes, military, multi-piece, bad ZIPs) come back as messages the way Shippo relays them.
import { MILITARY, NON_CONTIGUOUS, stateForZip, zoneBetween } from './geo';
import type { ResponseMessage } from './types';
import type { Carrier } from './world';

export interface Service {
  carrier: Carrier;
  provider: string;
  token: string;
  name: string;
  terms: string;
}

export const SERVICES: Service[] = [
  { carrier: 'usps', provider: 'USPS', token: 'usps_priority', name: 'Priority Mail', terms: 'Delivery in 1 to 3 business days.' },
  { carrier: 'usps', provider: 'USPS', token: 'usps_ground_advantage', name: 'Ground Advantage', terms: 'Delivery in 2 to 5 business days.' },
  { carrier: 'ups', provider: 'UPS', token: 'ups_ground', name: 'Ground', terms: 'Delivery times vary. Delivered usually in 1 to 5 business days.' },
  { carrier: 'fedex', provider: 'FedEx', token: 'fedex_home_delivery', name: 'Home Delivery', terms: 'Delivery to residences in 1 to 5 business days.' },
  { carrier: 'fedex', provider: 'FedEx', token: 'fedex_ground', name: 'Ground', terms: 'Delivery to businesses in 1 to 5 business days.' },
];

export const PROVIDER: Record<Carrier, string> = { usps: 'USPS', ups: 'UPS', fedex: 'FedEx' };

export interface RatingParty {
  zip: string;
  state: string;
  country: string;
  street1: string;
  residential: boolean;
  /** ZIP and state agree (carriers rate on them; the street is only checked at purchase). */
  zipValid: boolean;
}

export interface RatingParcel {
  weightLb: number;
  dimsIn: [number, number, number];
}

export interface Quote {
  service: Service;
  amount: number;
  estimatedDays: number;
  zone: number;
}

const PO_BOX = /^\s*(p\.?\s*o\.?\s*box|post office box)\b/i;

function billableLb(p: RatingParcel, divisor: number, alwaysDim: boolean): number {
  const [l, w, h] = p.dimsIn;
  const vol = l * w * h;
  const dim = alwaysDim || vol > 1728 ? Math.ceil(vol / divisor) : 0;
  return Math.max(Math.ceil(p.weightLb - 1e-9), dim, 1);
}

function lengthPlusGirth(p: RatingParcel): number {
  const [a, b, c] = [...p.dimsIn].sort((x, y) => y - x);
  return a + 2 * (b + c);
}

function groundDays(zone: number): number {
  return zone <= 2 ? 1 : zone <= 3 ? 2 : zone <= 5 ? 3 : zone <= 7 ? 4 : 5;
}

function priceOne(s: Service, p: RatingParcel, zone: number, residential: boolean): number {
  switch (s.token) {
    case 'usps_ground_advantage': {
      const oz = p.weightLb * 16;
      const dimLb = billableLb(p, 166, false);
      if (oz <= 15.99 && dimLb <= 1) {
        if (oz <= 4) return 4.2 + 0.08 * zone;
        if (oz <= 8) return 4.9 + 0.1 * zone;
        if (oz <= 12) return 5.6 + 0.14 * zone;
        return 6.9 + 0.18 * zone;
      }
      return 6.4 + 0.6 * zone + (dimLb - 1) * (0.45 + 0.22 * zone);
    }
    case 'usps_priority':
      return 7.5 + 0.85 * zone + (billableLb(p, 166, false) - 1) * (0.7 + 0.3 * zone);
    case 'ups_ground':
      return 9.2 + 0.95 * zone + (billableLb(p, 139, true) - 1) * (0.62 + 0.24 * zone) + (residential ? 4.45 : 0);
    default:
      return 9.05 + 0.98 * zone + (billableLb(p, 139, true) - 1) * (0.6 + 0.25 * zone) + (residential ? 4.3 : 0);
  }
}

function days(s: Service, zone: number): number {
  if (s.token === 'usps_priority') return zone <= 2 ? 1 : zone <= 5 ? 2 : 3;
  if (s.token === 'usps_ground_advantage') return zone <= 2 ? 2 : zone <= 4 ? 3 : zone <= 6 ? 4 : 5;
  return groundDays(zone);
}

/** Why a carrier cannot carry this shipment, or null. */
function refusal(c: Carrier, from: RatingParty, to: RatingParty, parcels: RatingParcel[]): string | null {
  if (from.country !== 'US' || to.country !== 'US') {
    return 'A customs declaration is required for international shipments.';
  }
  if (!to.zipValid || !from.zipValid) {
    const party = !to.zipValid ? 'destination' : 'origin';
    if (c === 'usps') return `The ${party} ZIP Code is not valid for the State. Please verify the address.`;
    if (c === 'ups') return `The postal code and state are invalid for the ${party} country.`;
    return `Invalid ${party} postal code.`;
  }
  const toState = stateForZip(to.zip) ?? '';
  if (c !== 'usps') {
    if (PO_BOX.test(to.street1)) return `${PROVIDER[c]} does not deliver to P.O. Boxes.`;
    if (MILITARY.has(toState)) return `${PROVIDER[c]} does not deliver to APO/FPO/DPO addresses.`;
    if (toState === 'GU' || toState === 'VI') return `${PROVIDER[c]} Ground service is not available to this destination.`;
  }
  if (c === 'usps') {
    if (parcels.length > 1) return 'USPS does not support multi-piece shipments.';
    const p = parcels[0];
    if (p.weightLb > 70) return 'Weight exceeds the USPS maximum of 70 lbs.';
    if (lengthPlusGirth(p) > 130) return 'Length plus girth exceeds the USPS maximum of 130 inches.';
  } else {
    for (const p of parcels) {
      if (p.weightLb > 150) return `Weight exceeds the ${PROVIDER[c]} maximum of 150 lbs per package.`;
      if (Math.max(...p.dimsIn) > 108 || lengthPlusGirth(p) > 165) {
        return `Package exceeds the ${PROVIDER[c]} maximum size (108 in length, 165 in length plus girth).`;
      }
    }
  }
  return null;
}

/** Rates for every service that can carry the parcels, plus one message per refusing carrier. */
export function quote(
  from: RatingParty,
  to: RatingParty,
  parcels: RatingParcel[],
  carriers: Set<Carrier>,
): { quotes: Quote[]; messages: ResponseMessage[] } {
  const quotes: Quote[] = [];
  const messages: ResponseMessage[] = [];
  const zone = zoneBetween(from.zip, to.zip);
  for (const c of ['usps', 'ups', 'fedex'] as const) {
    if (!carriers.has(c)) continue;
    const why = refusal(c, from, to, parcels);
    if (why) {
      messages.push({ source: PROVIDER[c], code: '', text: why });
      continue;
    }
    for (const s of SERVICES) {
      if (s.carrier !== c) continue;
      // FedEx prices residential and business deliveries as two services.
      if (s.token === 'fedex_home_delivery' && !to.residential) continue;
      if (s.token === 'fedex_ground' && to.residential) continue;
      let amount = parcels.reduce((sum, p) => sum + priceOne(s, p, zone, to.residential), 0);
      if (NON_CONTIGUOUS.has(stateForZip(to.zip) ?? '') && c !== 'usps') amount *= 1.6;
      quotes.push({ service: s, amount: Math.round(amount * 100) / 100, estimatedDays: days(s, zone), zone });
    }
  }
  return { quotes, messages };
}

/** CHEAPEST, FASTEST (cheapest of the fastest) and BESTVALUE (price plus a dollar a day). */
export function attributesFor(quotes: Quote[]): Array<Array<'CHEAPEST' | 'FASTEST' | 'BESTVALUE'>> {
  const out = quotes.map(() => [] as Array<'CHEAPEST' | 'FASTEST' | 'BESTVALUE'>);
  if (!quotes.length) return out;
  const argmin = (score: (q: Quote) => number) =>
    quotes.reduce((best, q, i) => (score(q) < score(quotes[best]) ? i : best), 0);
  out[argmin((q) => q.amount)].push('CHEAPEST');
  out[argmin((q) => q.estimatedDays * 1e6 + q.amount)].push('FASTEST');
  out[argmin((q) => q.amount + q.estimatedDays)].push('BESTVALUE');
  return out;
}
