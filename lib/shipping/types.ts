// Shapes the shipping UI shows. No database imports: components use these.
export interface ShipFromLocation {
  id: string;
  name: string;
  company: string | null;
  street1: string;
  street2: string | null;
  city: string;
  state: string;
  zip: string;
  country: string;
  phone: string | null;
  email: string | null;
  isDefault: boolean;
}

export interface PackagePreset {
  id: string;
  name: string;
  lengthIn: number;
  widthIn: number;
  heightIn: number;
  weightOz: number;
}

export interface RateView {
  id: string;
  carrier: string;
  service: string;
  amount: string;
  currency: string;
  estimatedDays: number | null;
  /** ISO date the parcel should arrive, from today and the carrier's estimate. */
  arrivesOn: string | null;
  /** Against the marketplace's deliver-by date; null when the order has none or no estimate. */
  arrivesInTime: boolean | null;
  cheapest: boolean;
  fastest: boolean;
}

export interface RateQuote {
  shippoShipmentId: string;
  rates: RateView[];
  /** What Shippo said about the ship-to address (warnings included), safe to show. */
  addressMessages: string[];
  /** Shippo's normalized street line when it differs from the order's (a suggestion). */
  suggestion: string | null;
  /** The merchant's warn rules that matched this order, with their own messages. */
  warnings: string[];
}

export type ShipmentState = 'purchasing' | 'purchased' | 'failed' | 'unknown' | 'voided' | 'refund_pending' | 'refunded';

export interface ShipmentView {
  id: string;
  status: ShipmentState;
  carrier: string | null;
  serviceLevel: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  labelUrl: string | null;
  labelCost: string | null;
  currency: string | null;
  error: string | null;
  createdAt: Date;
}

import type { RuleKind } from '@/lib/model';
export { RULE_KINDS, type RuleKind } from '@/lib/model';

export interface ShippingRule {
  id: string;
  name: string;
  effect: 'block' | 'warn';
  kind: RuleKind;
  value: string;
  message: string;
  enabled: boolean;
}

export interface SkuDefault {
  id: string;
  sku: string;
  presetId: string | null;
  weightOz: number;
}
