// One shape for a Shippo Track, whichever way it arrived: the `track_updated` webhook (snake_case
// JSON, read here with zod) or the polling fallback (the SDK's camelCase Track). Only what the
// app keeps is read: status, carrier text and dates; never the addresses (the buyer's city).
import { z } from 'zod';
import type { DeliveryStatus } from '@/lib/db/schema';

export interface TrackEvent {
  /** Shippo's tracking status object id: the same scan sent twice is stored once. */
  id: string;
  status: DeliveryStatus;
  substatus: string | null;
  details: string | null;
  at: Date;
}

export interface TrackUpdate {
  carrier: string;
  trackingNumber: string;
  eta: Date | null;
  /** The latest status (Shippo's tracking_status); null when Shippo has none yet. */
  current: TrackEvent | null;
  /** Every scan, oldest first, the current one included. */
  events: TrackEvent[];
}

const STATUS: Record<string, DeliveryStatus> = {
  UNKNOWN: 'unknown',
  PRE_TRANSIT: 'pre_transit',
  TRANSIT: 'in_transit',
  DELIVERED: 'delivered',
  RETURNED: 'returned',
  FAILURE: 'exception',
};

/** Shippo's status enum to ours; a value Shippo adds later reads as unknown. */
export const deliveryStatusOf = (s: string | null | undefined): DeliveryStatus => STATUS[String(s ?? '').toUpperCase()] ?? 'unknown';

const clip = (s: string | null | undefined, max: number) => (s ? s.slice(0, max) : null);

function event(id: string | null | undefined, status: string, substatus: string | null | undefined, details: string | null | undefined, at: Date | null): TrackEvent | null {
  if (!id || !at || Number.isNaN(at.getTime())) return null;
  return { id: id.slice(0, 64), status: deliveryStatusOf(status), substatus: clip(substatus, 64), details: clip(details, 300), at };
}

const date = z
  .string()
  .max(64)
  .nullish()
  .transform((v) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v) : null));

const statusWire = z.object({
  object_id: z.string().max(200).nullish(),
  status: z.string().max(40),
  substatus: z.object({ code: z.string().max(200).nullish() }).nullish(),
  status_details: z.string().max(5000).nullish(),
  status_date: date,
  object_created: date,
});

// Shippo may add fields at any time ("without bumping the API version"): unknown keys are dropped.
const trackWire = z.object({
  carrier: z.string().trim().min(1).max(64),
  tracking_number: z.string().trim().min(1).max(100),
  eta: date,
  tracking_status: statusWire.nullish(),
  tracking_history: z.array(statusWire).max(500).nullish(),
});

export const webhookPayload = z.object({
  event: z.string().max(64),
  test: z.boolean().nullish(),
  data: z.unknown(),
});

type StatusWire = z.infer<typeof statusWire>;
const fromWire = (s: StatusWire) => event(s.object_id, s.status, s.substatus?.code, s.status_details, s.status_date ?? s.object_created);

function build(carrier: string, trackingNumber: string, eta: Date | null, current: TrackEvent | null, history: Array<TrackEvent | null>): TrackUpdate {
  const events = new Map<string, TrackEvent>();
  for (const e of [...history, current]) if (e) events.set(e.id, e);
  return { carrier, trackingNumber, eta, current, events: [...events.values()].sort((a, b) => a.at.getTime() - b.at.getTime()) };
}

/** A webhook's `data` (a Track object), or null when it is not one. */
export function parseTrackWire(data: unknown): TrackUpdate | null {
  const p = trackWire.safeParse(data);
  if (!p.success) return null;
  const t = p.data;
  return build(t.carrier, t.tracking_number, t.eta, t.tracking_status ? fromWire(t.tracking_status) : null, (t.tracking_history ?? []).map(fromWire));
}

/** The SDK's Track (GET /tracks/{carrier}/{number}), as far as the app reads it. */
export interface SdkTrack {
  carrier: string;
  trackingNumber: string;
  eta?: Date | null;
  trackingStatus?: SdkStatus | null;
  trackingHistory?: SdkStatus[] | null;
}
interface SdkStatus {
  objectId?: string | null;
  status: string;
  substatus?: { code?: string | null } | null;
  statusDetails?: string | null;
  statusDate?: Date | null;
  objectCreated?: Date | null;
}

const fromSdk = (s: SdkStatus) => event(s.objectId, s.status, s.substatus?.code, s.statusDetails, s.statusDate ?? s.objectCreated ?? null);

export function fromSdkTrack(t: SdkTrack): TrackUpdate {
  return build(t.carrier, t.trackingNumber, t.eta ?? null, t.trackingStatus ? fromSdk(t.trackingStatus) : null, (t.trackingHistory ?? []).map(fromSdk));
}

/** Shippo's carrier token for a rate's provider ("USPS" → usps, "DHL Express" → dhl_express). */
export const carrierToken = (provider: string | null): string | null =>
  provider ? provider.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '') || null : null;
