// Everything the simulated Shippo account(s) hold, plus the knobs that shape asynchronous work.
import type { SimClock } from '@/sandbox/core/clock';
import { Collection, IdSource, type Owned } from './store';
import type { AddressFields, ValidationOutcome } from './validation';
import type { AddressWire, LocationWire, ParcelWire, RateWire, ResponseMessage, ShipmentWire } from './types';

export interface Auth {
  token: string;
  owner: string;
  test: boolean;
}

export interface ShippoTimings {
  /** GETs of a QUEUED (async) shipment or transaction before it settles. */
  asyncPolls: number;
  /** ...or simulated time after which it has settled anyway. */
  asyncDelayMs: number;
  /** A QUEUED refund becomes PENDING after this long. */
  refundQueuedMs: number;
  /** A refund reaches SUCCESS (or ERROR) this long after it was requested. */
  refundSettleMs: number;
  /** Rates can be purchased for this long ("Rates expire after 7 days"). */
  rateTtlMs: number;
}

export const DEFAULT_TIMINGS: ShippoTimings = {
  asyncPolls: 1,
  asyncDelayMs: 3_000,
  refundQueuedMs: 60_000,
  refundSettleMs: 15 * 60_000,
  rateTtlMs: 7 * 24 * 3_600_000,
};

export type Carrier = 'usps' | 'ups' | 'fedex';

export interface AddressRec extends Owned {
  wire: AddressWire;
  fields: AddressFields;
  /** As given by the client (null: let validation decide). */
  isResidential: boolean | null;
  validation: ValidationOutcome;
}

export interface ParcelRec extends Owned {
  wire: ParcelWire;
  weightLb: number;
  dimsIn: [number, number, number];
}

export interface ShipmentRec extends Owned {
  wire: ShipmentWire;
  createdAt: number;
  /** Rates not generated yet (async). */
  pending: boolean;
  polls: number;
  from: AddressRec;
  to: AddressRec;
  parcels: ParcelRec[];
}

export interface RateRec extends Owned {
  wire: RateWire;
  createdAt: number;
  shipment: ShipmentRec;
  carrier: Carrier;
}

export type PurchaseOutcome =
  | { kind: 'success'; trackingNumber: string }
  | { kind: 'error'; messages: ResponseMessage[] };

export interface TransactionRec extends Owned {
  id: string;
  ownerEmail: string;
  test: boolean;
  createdAt: number;
  /** Null only for an instalabel purchase whose service level had no rate (an ERROR). */
  rate: RateRec | null;
  parcel: ParcelRec;
  labelFileType: string;
  metadata: string;
  polls: number;
  /** When the label purchase finished (null while QUEUED). */
  settledAt: number | null;
  outcome: PurchaseOutcome;
  refund: RefundRec | null;
  /** Instalabel purchases answer with a simplified rate object instead of the rate id. */
  instant: boolean;
  /** All transactions of one purchase (one per parcel); they settle together. */
  group: TransactionRec[];
}

export interface RefundRec extends Owned {
  id: string;
  ownerEmail: string;
  test: boolean;
  createdAt: number;
  async: boolean;
  transaction: TransactionRec;
  /** Decided at request time: the carrier already scanned the parcel, so the refund is rejected. */
  rejected: boolean;
}

export interface WebhookRec extends Owned {
  id: string;
  event: string;
  url: string;
  active: boolean;
  isTest: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface TrackRec {
  carrier: string;
  trackingNumber: string;
  transaction: TransactionRec | null;
  startedAt: number;
  estimatedDays: number;
  from: LocationWire;
  to: LocationWire;
  servicelevel: { token: string; name: string };
}

export class World {
  readonly ids: IdSource;
  readonly addresses = new Collection<AddressRec>();
  readonly parcels = new Collection<ParcelRec>();
  readonly shipments = new Collection<ShipmentRec>();
  readonly rates = new Collection<RateRec>();
  readonly transactions = new Collection<TransactionRec>();
  /** Rate id → its transactions: purchase checks and `GET /transactions?rate=` stay O(1). */
  readonly transactionsByRate = new Map<string, TransactionRec[]>();
  readonly refunds = new Collection<RefundRec>();
  readonly webhooks = new Collection<WebhookRec>();
  /** `${carrier}|${trackingNumber}` → track; tracking data is not private to one account. */
  readonly tracks = new Map<string, TrackRec>();
  /** `${carrier}|${trackingNumber}` → owner token → metadata given to POST /tracks. */
  readonly issuedTrackingNumbers = new Set<string>();
  readonly trackRegistrations = new Map<string, Map<string, string>>();

  constructor(
    readonly clock: SimClock,
    readonly timings: ShippoTimings,
    /** Secret that signs label URLs (they need no API key, like Shippo's pre-signed S3 links). */
    readonly labelSecret: string,
    seed: string,
  ) {
    this.ids = new IdSource(seed);
  }

  now(): number {
    return this.clock.now();
  }
}
