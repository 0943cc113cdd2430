// POST /addresses, GET /addresses[/{id}[/validate]]: Address objects, optionally validated.
import { choiceError, fieldErrors, iso, maxLenError, ok, readBody, REQUIRED, str, bool } from './http';
import { paginate } from './store';
import type { Json, AddressWire } from './types';
import { isComplete, validateAddress, type AddressFields, type ValidationOutcome } from './validation';
import type { AddressRec, Auth, World } from './world';

const COUNTRY_NAMES: Record<string, string> = {
  'united states': 'US', 'united states of america': 'US', usa: 'US', 'u.s.a.': 'US', canada: 'CA', mexico: 'MX',
  'united kingdom': 'GB', germany: 'DE', france: 'FR', australia: 'AU',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Field errors (DRF style) for an address body, or the parsed fields. */
export function parseAddress(body: Json): { errors: Json } | { fields: AddressFields; metadata: string; isResidential: boolean | null } {
  const errors: Json = {};
  const rawCountry = str(body.country).trim();
  let country = '';
  if (!rawCountry) errors.country = [REQUIRED];
  else if (/^[A-Za-z]{2}$/.test(rawCountry)) country = rawCountry.toUpperCase();
  else if (COUNTRY_NAMES[rawCountry.toLowerCase()]) country = COUNTRY_NAMES[rawCountry.toLowerCase()];
  else errors.country = [choiceError(rawCountry)];
  const email = str(body.email).trim();
  if (email && !EMAIL.test(email)) errors.email = ['Enter a valid email address.'];
  const metadata = str(body.metadata);
  if (metadata.length > 100) errors.metadata = [maxLenError(100)];
  for (const f of ['name', 'company', 'street1', 'street2', 'street3', 'city'] as const) {
    if (str(body[f]).length > 256) errors[f] = [maxLenError(256)];
  }
  if (Object.keys(errors).length) return { errors };
  const fields: AddressFields = {
    name: str(body.name),
    company: str(body.company),
    street1: str(body.street1),
    street2: str(body.street2),
    street3: str(body.street3),
    street_no: str(body.street_no),
    city: str(body.city),
    state: str(body.state),
    zip: str(body.zip),
    country,
    phone: str(body.phone),
    email,
  };
  const isResidential = body.is_residential === undefined || body.is_residential === null ? null : bool(body.is_residential, false);
  return { fields, metadata, isResidential };
}

function toWire(
  w: World,
  auth: Auth,
  id: string,
  fields: AddressFields,
  metadata: string,
  isResidential: boolean | null,
  validation: ValidationOutcome | null,
  createdAt: number,
): AddressWire {
  const shown = validation?.isValid ? validation.corrected : fields;
  const wire: AddressWire = {
    object_id: id,
    object_created: iso(createdAt),
    object_updated: iso(w.now()),
    object_owner: auth.owner,
    is_complete: isComplete(shown),
    ...shown,
    is_residential: validation?.isValid ? (isResidential ?? validation.isResidential) : isResidential,
    metadata,
    test: auth.test,
    validation_results: validation ? { is_valid: validation.isValid, messages: validation.messages } : {},
  };
  if (validation?.coordinates) {
    wire.latitude = validation.coordinates.latitude;
    wire.longitude = validation.coordinates.longitude;
  }
  return wire;
}

/** Creates an Address object (also used for addresses given inline in a shipment). */
export function createAddress(w: World, auth: Auth, body: Json): AddressRec | { errors: Json } {
  const parsed = parseAddress(body);
  if ('errors' in parsed) return parsed;
  const validation = validateAddress(parsed.fields);
  const shouldValidate = bool(body.validate, false);
  const id = w.ids.next('address');
  const now = w.now();
  const wire = toWire(w, auth, id, parsed.fields, parsed.metadata, parsed.isResidential, shouldValidate ? validation : null, now);
  return w.addresses.add(id, {
    owner: auth.token,
    wire,
    fields: parsed.fields,
    isResidential: parsed.isResidential,
    validation,
  });
}

export async function postAddress(w: World, auth: Auth, req: Request): Promise<Response> {
  const rec = createAddress(w, auth, await readBody(req));
  if ('errors' in rec) return fieldErrors(rec.errors);
  return ok(rec.wire, 201);
}

export function getAddress(w: World, auth: Auth, id: string): Response {
  const rec = w.addresses.lookup(id, auth.token);
  return rec instanceof Response ? rec : ok(rec.wire);
}

/** GET /addresses/{id}/validate: the stored address, now with validation_results (and corrections). */
export function validateStored(w: World, auth: Auth, id: string): Response {
  const rec = w.addresses.lookup(id, auth.token);
  if (rec instanceof Response) return rec;
  const created = Date.parse(rec.wire.object_created);
  rec.wire = toWire(w, auth, id, rec.fields, rec.wire.metadata, rec.isResidential, rec.validation, created);
  return ok(rec.wire);
}

export function listAddresses(w: World, auth: Auth, url: URL, publicBase: string): Response {
  const page = paginate(
    w.addresses.ownedBy(auth.token).map((r) => r.wire),
    url,
    publicBase,
  );
  return page instanceof Response ? page : ok(page);
}
