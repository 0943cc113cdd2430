// Tracking: labels bought here move PRE_TRANSIT → TRANSIT → DELIVERED on the SimClock; carrier
// `shippo` answers Shippo's test numbers (SHIPPO_PRE_TRANSIT, SHIPPO_DELIVERED, ...); any other
// number is UNKNOWN. GET /tracks/{carrier}/{number} and POST /tracks (register for webhooks).
import { choiceError, fieldErrors, iso, maxLenError, ok, readBody, REQUIRED, str } from './http';
import { hex32 } from './store';
import type { LocationWire, TrackingStatusCode, TrackingStatusWire } from './types';
import type { Auth, TrackRec, World } from './world';

const HOUR = 3_600_000;

export const CARRIER_TOKENS = new Set(
  ('airterra apc_postal apg aramex asendia_us australia_post axlehire better_trucks borderguru boxberry bring canada_post cdl ' +
    'chronopost collect_plus correios_br correos_espana colissimo deutsche_post dhl_benelux dhl_ecommerce dhl_express ' +
    'dhl_germany_c2c dhl_germany dpd_de dpd_uk estafeta fastway_australia fedex globegistics gls_us gophr gso hermes_germany_b2c ' +
    'hermes_uk hongkong_post lasership lso mondial_relay new_zealand_post nippon_express ontrac parcelforce passport pcf ' +
    'poste_italiane posti purolator royal_mail royal_mail_sf rr_donnelley russian_post skypostal stuart swyft uds ups usps veho shippo').split(' '),
);

interface TrackEvent {
  at: number;
  status: TrackingStatusCode;
  code: string;
  text: string;
  details: string;
  location: LocationWire | null;
}

const SUB: Record<string, string> = {
  information_received: 'Information about the package received.',
  package_accepted: 'Package has been accepted into the carrier network for delivery.',
  package_departed: 'Package has departed from an intermediate facility in the carrier network.',
  out_for_delivery: 'Package is out for delivery.',
  delivered: 'Package has been delivered.',
  return_to_sender: 'Package is in return transit to the sender.',
  package_undeliverable: 'Package is undeliverable.',
};

function ev(at: number, status: TrackingStatusCode, code: string, details: string, location: LocationWire | null): TrackEvent {
  return { at, status, code, text: SUB[code], details, location };
}

/** When the carrier first scans a label bought at `startedAt` (before that, a refund voids it). */
export function acceptedAt(t: TrackRec): number {
  return t.startedAt + 20 * HOUR;
}

/** Expected delivery of a label bought at `startedAt` for a service taking `days` days. */
export function etaFor(startedAt: number, days: number): number {
  return startedAt + 20 * HOUR + days * 24 * HOUR;
}

/** Every event of one of our labels, including future ones. */
function timeline(t: TrackRec): TrackEvent[] {
  const provider = t.carrier.toUpperCase() === 'FEDEX' ? 'FedEx' : t.carrier.toUpperCase();
  const accepted = acceptedAt(t);
  const delivered = etaFor(t.startedAt, t.estimatedDays);
  const events = [ev(t.startedAt, 'PRE_TRANSIT', 'information_received', `Shipping Label Created, ${provider} Awaiting Item`, t.from)];
  const refund = t.transaction?.refund;
  if (refund && !refund.rejected) return events; // voided before the carrier ever saw it
  events.push(ev(accepted, 'TRANSIT', 'package_accepted', `Accepted at ${provider} Origin Facility`, t.from));
  if (accepted + 8 * HOUR < delivered - 8 * HOUR) {
    events.push(ev(accepted + 8 * HOUR, 'TRANSIT', 'package_departed', `Departed ${provider} Facility`, t.from));
  }
  events.push(ev(delivered - 6 * HOUR, 'TRANSIT', 'out_for_delivery', 'Out for Delivery, Expected Delivery by 8:00pm', t.to));
  events.push(ev(delivered, 'DELIVERED', 'delivered', 'Delivered, Front Door/Porch', t.to));
  return events;
}

const SF: LocationWire = { city: 'San Francisco', state: 'CA', zip: '94103', country: 'US' };
const LV: LocationWire = { city: 'Las Vegas', state: 'NV', zip: '89101', country: 'US' };

/** Shippo's test tracking numbers, relative to "now" like the real test mode. */
function testTimeline(number: string, now: number): TrackEvent[] | null {
  const pre = ev(now - 50 * HOUR, 'PRE_TRANSIT', 'information_received', 'Shipping Label Created', SF);
  const transit = ev(now - 30 * HOUR, 'TRANSIT', 'package_accepted', 'Accepted at Origin Facility', SF);
  switch (number) {
    case 'SHIPPO_PRE_TRANSIT':
      return [pre];
    case 'SHIPPO_TRANSIT':
      return [pre, transit];
    case 'SHIPPO_DELIVERED':
      return [pre, transit, ev(now - 2 * HOUR, 'DELIVERED', 'delivered', 'Your shipment has been delivered.', LV)];
    case 'SHIPPO_RETURNED':
      return [pre, transit, ev(now - 2 * HOUR, 'RETURNED', 'return_to_sender', 'Your shipment has been returned to the original sender.', SF)];
    case 'SHIPPO_FAILURE':
      return [pre, transit, ev(now - 2 * HOUR, 'FAILURE', 'package_undeliverable', 'The carrier indicated a failure with the delivery.', LV)];
    default:
      return null;
  }
}

function statusWire(number: string, i: number, e: TrackEvent): TrackingStatusWire {
  return {
    object_id: hex32('track_status', number, i, e.status),
    object_created: iso(e.at),
    object_updated: iso(e.at),
    status: e.status,
    substatus: { code: e.code, text: e.text, action_required: false },
    status_details: e.details,
    status_date: iso(e.at),
    location: e.location,
  };
}

export const trackKey = (carrier: string, number: string): string => `${carrier}|${number}`;

/** The Track object as `owner` sees it at `now`. */
export function trackWire(w: World, carrier: string, number: string, owner: string | null): Record<string, unknown> {
  const now = w.now();
  const rec = w.tracks.get(trackKey(carrier, number));
  const metadata = (owner && w.trackRegistrations.get(trackKey(carrier, number))?.get(owner)) || null;
  const base = { carrier, tracking_number: number, messages: [] as string[] };
  if (rec) {
    const all = timeline(rec);
    const seen = all.filter((e) => e.at <= now).map((e, i) => statusWire(number, i, e));
    const eta = iso(etaFor(rec.startedAt, rec.estimatedDays));
    const mine = rec.transaction && rec.transaction.owner === owner;
    return {
      ...base,
      address_from: rec.from,
      address_to: rec.to,
      eta,
      original_eta: eta,
      servicelevel: rec.servicelevel,
      metadata: metadata ?? (mine ? rec.transaction?.metadata || null : null),
      transaction: mine ? rec.transaction?.id : null,
      tracking_status: seen[seen.length - 1] ?? null,
      tracking_history: seen,
    };
  }
  const test = carrier === 'shippo' ? testTimeline(number, now) : null;
  const history = (test ?? []).map((e, i) => statusWire(number, i, e));
  const unknown: TrackingStatusWire = {
    object_id: hex32('track_status', carrier, number, 'unknown'),
    object_created: iso(now),
    object_updated: iso(now),
    status: 'UNKNOWN',
    substatus: null,
    status_details: 'The carrier has not yet provided tracking information for this shipment. Please try again later.',
    status_date: iso(now),
    location: null,
  };
  return {
    ...base,
    address_from: test ? SF : null,
    address_to: test ? LV : null,
    eta: null,
    original_eta: null,
    servicelevel: { token: null, name: null },
    metadata,
    transaction: null,
    tracking_status: history[history.length - 1] ?? unknown,
    tracking_history: history,
  };
}

/** Current status code of one of our labels (what Transaction.tracking_status shows). */
export function currentStatus(w: World, rec: TrackRec): TrackingStatusCode {
  const seen = timeline(rec).filter((e) => e.at <= w.now());
  return seen.length ? seen[seen.length - 1].status : 'UNKNOWN';
}

export function getTrack(w: World, auth: Auth, carrier: string, number: string): Response {
  if (!CARRIER_TOKENS.has(carrier)) return fieldErrors({ carrier: [choiceError(carrier)] });
  return ok(trackWire(w, carrier, number, auth.token));
}

export async function postTrack(w: World, auth: Auth, req: Request): Promise<Response> {
  const body = await readBody(req);
  const errors: Record<string, string[]> = {};
  const carrier = str(body.carrier);
  const number = str(body.tracking_number).trim();
  if (!carrier) errors.carrier = [REQUIRED];
  else if (!CARRIER_TOKENS.has(carrier)) errors.carrier = [choiceError(carrier)];
  if (!number) errors.tracking_number = [REQUIRED];
  const metadata = str(body.metadata);
  if (metadata.length > 100) errors.metadata = [maxLenError(100)];
  if (Object.keys(errors).length) return fieldErrors(errors);
  const key = trackKey(carrier, number);
  const regs = w.trackRegistrations.get(key) ?? new Map<string, string>();
  regs.set(auth.token, metadata);
  w.trackRegistrations.set(key, regs);
  return ok(trackWire(w, carrier, number, auth.token));
}
