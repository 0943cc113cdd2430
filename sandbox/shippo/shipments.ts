// POST /shipments (rates for the lane), GET /shipments[/{id}], GET /shipments/{id}/rates[/{currency}]
// and GET /rates/{id}. Shipments are asynchronous unless the client sends `"async": false`.
import { createAddress, parseAddress } from './addresses';
import { bool, choiceError, fieldErrors, iso, maxLenError, ok, readBody, REQUIRED, str } from './http';
import { resolveParcels } from './parcels';
import { attributesFor, quote, type RatingParty } from './rating';
import { hex32, paginate } from './store';
import type { Json, RateWire, ShipmentWire } from './types';
import type { AddressRec, Auth, Carrier, ShipmentRec, World } from './world';

const ZIP_CODES = new Set(['invalid_postal_code', 'postal_code_not_found', 'Invalid State', 'component_mismatch_error']);
const FX: Record<string, number> = { USD: 1, CAD: 1.37, EUR: 0.92, GBP: 0.79, AUD: 1.52, MXN: 17.1 };

/** The account's (simulated) carrier accounts: one per carrier, stable for a token. */
export function carrierAccountId(token: string, carrier: Carrier): string {
  return hex32('carrier_account', token, carrier);
}

function party(a: AddressRec): RatingParty {
  const f = a.validation.isValid ? a.validation.corrected : a.fields;
  return {
    zip: f.zip,
    state: f.state,
    country: f.country,
    street1: f.street1,
    residential: a.isResidential ?? a.validation.isResidential,
    zipValid: !a.validation.messages.some((m) => ZIP_CODES.has(m.code)),
  };
}

/** An existing address, a function creating the inline one, or DRF field errors. */
function resolveAddress(w: World, auth: Auth, raw: unknown): AddressRec | (() => AddressRec) | { errors: unknown } {
  if (raw === undefined || raw === null || raw === '') return { errors: [REQUIRED] };
  if (typeof raw === 'string') {
    return w.addresses.find(raw, auth.token) ?? { errors: [`Address with object_id ${raw} was not found.`] };
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) return { errors: { non_field_errors: ['Invalid data.'] } };
  const parsed = parseAddress(raw as Json);
  if ('errors' in parsed) return parsed;
  return () => createAddress(w, auth, raw as Json) as AddressRec;
}

const materialise = (a: AddressRec | (() => AddressRec)): AddressRec => (typeof a === 'function' ? a() : a);

function generateRates(w: World, rec: ShipmentRec, auth: Auth): void {
  const carriers = new Set<Carrier>();
  for (const c of ['usps', 'ups', 'fedex'] as const) {
    if (!rec.wire.carrier_accounts.length || rec.wire.carrier_accounts.includes(carrierAccountId(auth.token, c))) carriers.add(c);
  }
  const { quotes, messages } = quote(party(rec.from), party(rec.to), rec.parcels, carriers);
  const attrs = attributesFor(quotes);
  const now = w.now();
  rec.wire.rates = quotes.map((q, i) => {
    const id = w.ids.next('rate');
    const amount = q.amount.toFixed(2);
    const img = (size: number) => `https://shippo-static.s3.amazonaws.com/providers/${size}/${q.service.provider}.png`;
    const wire: RateWire = {
      object_id: id,
      object_created: iso(now),
      object_owner: auth.owner,
      shipment: rec.wire.object_id,
      attributes: attrs[i],
      amount,
      currency: 'USD',
      amount_local: amount,
      currency_local: 'USD',
      provider: q.service.provider,
      provider_image_75: img(75),
      provider_image_200: img(200),
      servicelevel: { name: q.service.name, terms: '', token: q.service.token, extended_token: q.service.token, parent_servicelevel: null },
      estimated_days: q.estimatedDays,
      arrives_by: null,
      duration_terms: q.service.terms,
      messages: [],
      carrier_account: carrierAccountId(auth.token, q.service.carrier),
      test: auth.test,
      zone: String(q.zone),
      included_insurance_price: null,
    };
    w.rates.add(id, { owner: rec.owner, wire, createdAt: now, shipment: rec, carrier: q.service.carrier });
    return wire;
  });
  rec.wire.messages = messages;
  rec.wire.status = 'SUCCESS';
  rec.wire.object_updated = iso(now);
  rec.pending = false;
}

/** An async shipment gets its rates on a later read (or once enough simulated time has passed). */
export function settleShipment(w: World, rec: ShipmentRec, auth: Auth, poll: boolean): void {
  if (!rec.pending) return;
  if (poll) rec.polls++;
  if (rec.polls >= w.timings.asyncPolls || w.now() - rec.createdAt >= w.timings.asyncDelayMs) generateRates(w, rec, auth);
}

export function createShipment(w: World, auth: Auth, body: Json): ShipmentRec | { errors: Json } {
  const errors: Json = {};
  const from = resolveAddress(w, auth, body.address_from);
  const to = resolveAddress(w, auth, body.address_to);
  const ret = body.address_return === undefined ? null : resolveAddress(w, auth, body.address_return);
  const parcels = resolveParcels(w, auth, body.parcels);
  if ('errors' in from) errors.address_from = from.errors;
  if ('errors' in to) errors.address_to = to.errors;
  if (ret && 'errors' in ret) errors.address_return = ret.errors;
  if ('errors' in parcels) errors.parcels = parcels.errors;
  const metadata = str(body.metadata);
  if (metadata.length > 100) errors.metadata = [maxLenError(100)];
  const accounts = Array.isArray(body.carrier_accounts) ? body.carrier_accounts.map(str) : [];
  const known = new Set((['usps', 'ups', 'fedex'] as const).map((c) => carrierAccountId(auth.token, c)));
  const unknown = accounts.filter((a) => !known.has(a));
  if (unknown.length) errors.carrier_accounts = unknown.map((a) => `Account with object_id ${a} was not found.`);
  let shipmentDate = iso(w.now());
  if (body.shipment_date !== undefined) {
    const t = Date.parse(str(body.shipment_date));
    if (Number.isNaN(t)) {
      errors.shipment_date = ['Datetime has wrong format. Use one of these formats instead: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].'];
    } else shipmentDate = iso(t);
  }
  if (body.customs_declaration !== undefined && body.customs_declaration !== null && typeof body.customs_declaration !== 'string') {
    errors.customs_declaration = ['Inline customs declarations are not supported by this account; pass a customs declaration object_id.'];
  }
  if ('errors' in from || 'errors' in to || 'errors' in parcels || (ret && 'errors' in ret) || Object.keys(errors).length) {
    return { errors };
  }
  const fromRec = materialise(from);
  const toRec = materialise(to);
  const retRec = ret ? materialise(ret as AddressRec | (() => AddressRec)) : null;
  const parcelRecs = parcels();
  const id = w.ids.next('shipment');
  const now = w.now();
  const wire: ShipmentWire = {
    object_id: id,
    object_created: iso(now),
    object_updated: iso(now),
    object_owner: auth.owner,
    status: 'QUEUED',
    address_from: fromRec.wire,
    address_to: toRec.wire,
    address_return: retRec?.wire ?? fromRec.wire,
    parcels: parcelRecs.map((p) => p.wire),
    shipment_date: shipmentDate,
    extra: body.extra && typeof body.extra === 'object' ? (body.extra as Json) : {},
    customs_declaration: null,
    carrier_accounts: accounts,
    metadata,
    messages: [],
    rates: [],
    test: auth.test,
  };
  const rec = w.shipments.add(id, {
    owner: auth.token,
    wire,
    createdAt: now,
    pending: true,
    polls: 0,
    from: fromRec,
    to: toRec,
    parcels: parcelRecs,
  });
  if (!bool(body.async, true)) generateRates(w, rec, auth);
  return rec;
}

export async function postShipment(w: World, auth: Auth, req: Request): Promise<Response> {
  const rec = createShipment(w, auth, await readBody(req));
  if ('errors' in rec) return fieldErrors(rec.errors);
  return ok(rec.wire, 201);
}

export function getShipment(w: World, auth: Auth, id: string): Response {
  const rec = w.shipments.lookup(id, auth.token);
  if (rec instanceof Response) return rec;
  settleShipment(w, rec, auth, true);
  return ok(rec.wire);
}

export function listShipments(w: World, auth: Auth, url: URL, publicBase: string): Response {
  const recs = w.shipments.ownedBy(auth.token);
  for (const r of recs) settleShipment(w, r, auth, false);
  const page = paginate(recs.map((r) => r.wire), url, publicBase);
  return page instanceof Response ? page : ok(page);
}

export function listShipmentRates(w: World, auth: Auth, id: string, url: URL, publicBase: string, currency?: string): Response {
  const rec = w.shipments.lookup(id, auth.token);
  if (rec instanceof Response) return rec;
  const cur = (currency ?? 'USD').toUpperCase();
  if (!FX[cur]) return fieldErrors({ currency_code: [choiceError(currency)] });
  settleShipment(w, rec, auth, true);
  const rates = rec.wire.rates.map((r) =>
    cur === 'USD' ? r : { ...r, amount_local: (Number(r.amount) * FX[cur]).toFixed(2), currency_local: cur },
  );
  const page = paginate(rates, url, publicBase);
  return page instanceof Response ? page : ok(page);
}

export function getRate(w: World, auth: Auth, id: string): Response {
  const rec = w.rates.lookup(id, auth.token);
  return rec instanceof Response ? rec : ok(rec.wire);
}
