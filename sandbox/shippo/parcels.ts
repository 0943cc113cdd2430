// Parcels: given inline in a shipment, by template, or by id (POST /parcels). Dimensions and
// weights are strings on the wire; the simulator converts them to inches and pounds for rating.
import { choiceError, fieldErrors, iso, maxLenError, ok, readBody, REQUIRED, str } from './http';
import type { Json, ParcelWire } from './types';
import type { Auth, ParcelRec, World } from './world';

const TO_LB: Record<string, number> = { lb: 1, oz: 1 / 16, kg: 2.20462, g: 1 / 453.592 };
const TO_IN: Record<string, number> = { in: 1, cm: 1 / 2.54, mm: 1 / 25.4, m: 39.3701, ft: 12, yd: 36 };

// [length, width, height] in inches of a few carrier templates (ParcelTemplateEnumSet values).
const TEMPLATES: Record<string, [number, number, number]> = {
  USPS_SmallFlatRateBox: [8.69, 5.44, 1.75],
  USPS_MediumFlatRateBox1: [11.25, 8.75, 6],
  USPS_LargeFlatRateBox: [12.25, 12.25, 6],
  USPS_FlatRateEnvelope: [12.5, 9.5, 0.75],
  FedEx_Box_Small_1: [12.375, 10.875, 1.5],
  FedEx_Box_Medium_1: [13.25, 11.5, 2.375],
  UPS_Box_10kg: [16.5, 13.25, 10.75],
  UPS_Express_Pak: [16, 12.75, 1],
};

const NUMBER = /^\d+(\.\d+)?$/;

type ParcelBody = Omit<ParcelWire, 'object_id' | 'object_created' | 'object_updated' | 'object_owner' | 'test'>;
interface ParsedParcel {
  wireBase: ParcelBody;
  weightLb: number;
  dimsIn: [number, number, number];
}

/** Field errors for one parcel, or the parsed parcel. */
function parseParcel(p: unknown): { errors: Json } | ParsedParcel {
  if (p === null || typeof p !== 'object' || Array.isArray(p)) {
    return { errors: { non_field_errors: ['Invalid data. Expected a dictionary, but got ' + typeof p + '.'] } };
  }
  const b = p as Json;
  const errors: Json = {};
  const template = b.template === undefined ? undefined : str(b.template);
  if (template !== undefined && !TEMPLATES[template]) errors.template = [choiceError(template)];
  const need = template ? ['weight', 'mass_unit'] : ['length', 'width', 'height', 'distance_unit', 'weight', 'mass_unit'];
  for (const f of need) if (b[f] === undefined || b[f] === null || str(b[f]) === '') errors[f] = [REQUIRED];
  for (const f of ['length', 'width', 'height', 'weight']) {
    if (!errors[f] && b[f] !== undefined && !NUMBER.test(str(b[f]).trim())) errors[f] = ['A valid number is required.'];
  }
  const massUnit = str(b.mass_unit);
  if (!errors.mass_unit && !TO_LB[massUnit]) errors.mass_unit = [choiceError(massUnit)];
  const distUnit = template ? 'in' : str(b.distance_unit);
  if (!errors.distance_unit && !TO_IN[distUnit]) errors.distance_unit = [choiceError(distUnit)];
  const metadata = str(b.metadata);
  if (metadata.length > 100) errors.metadata = [maxLenError(100)];
  if (Object.keys(errors).length) return { errors };

  const dims: [number, number, number] = template
    ? TEMPLATES[template]
    : [Number(b.length), Number(b.width), Number(b.height)];
  const weight = Number(b.weight);
  const wireBase: ParcelBody = {
    object_state: 'VALID' as const,
    length: template ? String(dims[0]) : str(b.length),
    width: template ? String(dims[1]) : str(b.width),
    height: template ? String(dims[2]) : str(b.height),
    distance_unit: distUnit,
    weight: str(b.weight),
    mass_unit: massUnit,
    ...(template ? { template } : {}),
    metadata,
    extra: b.extra && typeof b.extra === 'object' ? (b.extra as Json) : {},
  };
  return {
    wireBase,
    weightLb: weight * TO_LB[massUnit],
    dimsIn: dims.map((d) => d * TO_IN[distUnit]) as [number, number, number],
  };
}

export function createParcel(w: World, auth: Auth, p: unknown): ParcelRec | { errors: Json } {
  const parsed = parseParcel(p);
  if ('errors' in parsed) return parsed;
  const id = w.ids.next('parcel');
  const now = iso(w.now());
  const wire: ParcelWire = {
    object_id: id,
    object_created: now,
    object_updated: now,
    object_owner: auth.owner,
    ...parsed.wireBase,
    test: auth.test,
  };
  return w.parcels.add(id, { owner: auth.token, wire, weightLb: parsed.weightLb, dimsIn: parsed.dimsIn });
}

/**
 * The `parcels` of a shipment (each an existing parcel's id or a new parcel's fields): DRF's
 * per-item error list, or a function that creates the new parcels once the whole request is valid.
 */
export function resolveParcels(w: World, auth: Auth, raw: unknown): { errors: unknown } | (() => ParcelRec[]) {
  if (raw === undefined || raw === null) return { errors: [REQUIRED] };
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.length) return { errors: { non_field_errors: ['This list may not be empty.'] } };
  const errs: Json[] = list.map((item) => {
    if (typeof item === 'string') {
      return w.parcels.find(item, auth.token) ? {} : { non_field_errors: [`Parcel with object_id ${item} was not found.`] };
    }
    const parsed = parseParcel(item);
    return 'errors' in parsed ? parsed.errors : {};
  });
  if (errs.some((e) => Object.keys(e).length)) return { errors: errs };
  return () =>
    list.map((item) =>
      typeof item === 'string' ? (w.parcels.find(item, auth.token) as ParcelRec) : (createParcel(w, auth, item) as ParcelRec),
    );
}

export async function postParcel(w: World, auth: Auth, req: Request): Promise<Response> {
  const rec = createParcel(w, auth, await readBody(req));
  if ('errors' in rec) return fieldErrors(rec.errors);
  return ok(rec.wire, 201);
}

export function getParcel(w: World, auth: Auth, id: string): Response {
  const rec = w.parcels.lookup(id, auth.token);
  return rec instanceof Response ? rec : ok(rec.wire);
}
