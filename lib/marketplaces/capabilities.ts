// What a connector can write back to its marketplace (DESIGN §5b), karrio's way: every write
// operation is listed once here, a connector supports one by implementing its method, and
// everything else answers "not supported" with a typed, permanent (never retried) error.
import type { Marketplace } from '@/lib/model';
import { MarketplaceError } from './http';
import type { Connector, Money, NormalizedOrder } from './types';

export interface TrackingPush {
  externalOrderId: string;
  /** Line ids and quantities shipped in this package (all unshipped lines when omitted). */
  lines?: Array<{ lineId: string; quantity: number }>;
  /**
   * The carrier as Shippo names it: its carrier token ("usps", "dhl_express") or provider name
   * ("USPS", "DHL Express"). Each connector maps it through the one table in ./carriers.
   */
  carrier: string;
  /** The carrier's display name, sent where a marketplace does not know the carrier. */
  carrierName?: string;
  /** Shippo's service level name ("Priority Mail"): Amazon's free-text shippingMethod. */
  serviceLevel?: string;
  trackingNumber: string;
  /** The carrier's tracking page: Walmart requires it for carriers outside its list. */
  trackingUrl?: string;
  shippedAt: Date;
  /**
   * This package's number within the order, 1, 2, ...: Amazon's packageReferenceId (a positive
   * integer unique per order). Stable across retries of the same push. Default 1.
   */
  packageNumber?: number;
}

export interface PushResult {
  /** 'already_pushed': the marketplace already held this tracking number; nothing was sent. */
  outcome: 'pushed' | 'already_pushed';
}

export interface AcknowledgeResult {
  externalOrderId: string;
  /** The order as the marketplace answered it, acknowledged; null if that answer could not be read. */
  order: NormalizedOrder | null;
}

/** The shape of an offer change (price and/or available quantity of one SKU); no marketplace writes it yet. */
export interface OfferUpdate {
  sku: string;
  price?: { amount: Money; currency: string };
  quantity?: number;
}

/** Every write operation a connector may offer, each listed once. */
export interface ConnectorWrites {
  /** Marks lines shipped with their tracking, once: a push that already landed is not sent again. */
  pushTracking(push: TrackingPush): Promise<PushResult>;
  /** Walmart: accept Created orders (required before shipping them), one call per order, in order. */
  acknowledgeOrders(externalOrderIds: readonly string[]): Promise<AcknowledgeResult[]>;
  updateOffer(update: OfferUpdate): Promise<void>;
}

export type Capability = keyof ConnectorWrites;

export const CAPABILITIES = ['pushTracking', 'acknowledgeOrders', 'updateOffer'] as const satisfies readonly Capability[];

/** What a connector supports, read from what it implements (never from a separate list that could drift). */
export function capabilitiesOf(connector: Connector): Capability[] {
  return CAPABILITIES.filter((c) => typeof connector[c] === 'function');
}

export class CapabilityNotSupported extends MarketplaceError {
  constructor(
    readonly marketplace: Marketplace,
    readonly capability: Capability,
  ) {
    super('permanent', `${marketplace} does not support ${capability} in ESM`, { code: 'NOT_SUPPORTED', operation: `${marketplace}.${capability}` });
    this.name = 'CapabilityNotSupported';
  }
}

export function supports<C extends Capability>(connector: Connector, capability: C): connector is Connector & Pick<ConnectorWrites, C> {
  return typeof connector[capability] === 'function';
}

/** The connector, typed as having `capability`; CapabilityNotSupported when it has not. */
export function requireCapability<C extends Capability>(connector: Connector, capability: C): Connector & Pick<ConnectorWrites, C> {
  if (!supports(connector, capability)) throw new CapabilityNotSupported(connector.marketplace, capability);
  return connector;
}
