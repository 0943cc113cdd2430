// Deterministic address validation, standing in for Shippo's validator: a US address is valid when
// its ZIP prefix exists, agrees with the state, and street1 starts with a house number. Valid
// addresses come back normalised (state code, USPS street suffix, ZIP+4), as Shippo returns them.
import { coordinatesFor, stateCode, stateForZip, STATE_NAMES } from './geo';
import { hex32 } from './store';
import type { AddressFields, ValidationMessage } from './types';

export type { AddressFields };

export interface ValidationOutcome {
  isValid: boolean;
  messages: ValidationMessage[];
  /** The normalised address (equal to the input when nothing changed or the address is invalid). */
  corrected: AddressFields;
  isResidential: boolean;
  coordinates: { latitude: number; longitude: number } | null;
}

const SOURCE = 'Shippo Address Validator';

const SUFFIXES: Record<string, string> = {
  street: 'St', avenue: 'Ave', drive: 'Dr', boulevard: 'Blvd', road: 'Rd', lane: 'Ln', court: 'Ct', place: 'Pl',
  terrace: 'Ter', parkway: 'Pkwy', highway: 'Hwy', circle: 'Cir', square: 'Sq', trail: 'Trl', way: 'Way',
};
const ABBREVIATIONS = new Set(Object.values(SUFFIXES).map((s) => s.toLowerCase()));

function err(code: string, text: string): ValidationMessage {
  return { source: SOURCE, code, type: 'address_error', text };
}
function fix(code: string, text: string): ValidationMessage {
  return { source: SOURCE, code, type: 'address_correction', text };
}

const PO_BOX = /^\s*(p\.?\s*o\.?\s*box|post office box)\s+\d+/i;

/** "123 Main Street." → "123 Main St" (USPS suffix abbreviations on the last word). */
export function normaliseStreet(street: string): string {
  const words = street.trim().replace(/\s+/g, ' ').split(' ');
  const last = words[words.length - 1] ?? '';
  const bare = last.replace(/\.$/, '').toLowerCase();
  if (SUFFIXES[bare]) words[words.length - 1] = SUFFIXES[bare];
  else if (ABBREVIATIONS.has(bare)) words[words.length - 1] = bare[0].toUpperCase() + bare.slice(1);
  return words.join(' ');
}

export function validateAddress(a: AddressFields): ValidationOutcome {
  const messages: ValidationMessage[] = [];
  const corrected = { ...a };
  const isResidential = !a.company.trim();
  if (a.country !== 'US') {
    // Outside the US the simulator only checks that the address can be delivered at all.
    const okIntl = Boolean(a.street1.trim() && a.city.trim());
    if (!okIntl) messages.push(err('street_detail_missing', 'Street address and city are required.'));
    return { isValid: okIntl, messages, corrected, isResidential, coordinates: null };
  }

  const street = a.street1.trim();
  if (!street) messages.push(err('street_detail_missing', 'The street address is missing.'));
  else if (!PO_BOX.test(street)) {
    const num = /^(\d+)[A-Za-z]?(\s|-)/.exec(street);
    if (!num) messages.push(err('premise_number_missing', 'The address is missing a street number.'));
    else if (Number(num[1]) === 0 || num[1].length > 5) {
      messages.push(err('premise_number_invalid', `The street number ${num[1]} does not exist on this street.`));
    }
  }
  if (!a.city.trim()) messages.push(err('Invalid City', 'The city is missing.'));

  const zip = a.zip.trim();
  const zipState = /^\d{5}(-\d{4})?$/.test(zip) ? stateForZip(zip) : undefined;
  if (zipState === undefined) messages.push(err('invalid_postal_code', `The postal code "${zip}" is not a valid US ZIP code.`));
  else if (zipState === null) messages.push(err('postal_code_not_found', `The postal code ${zip} could not be found.`));

  const given = a.state.trim();
  const code = given ? stateCode(given) : null;
  if (given && !code) messages.push(err('Invalid State', `"${given}" is not a US state.`));
  else if (code && zipState && code !== zipState) {
    messages.push(
      err('component_mismatch_error', `The ZIP code ${zip} belongs to ${STATE_NAMES[zipState]}, not ${STATE_NAMES[code]}.`),
    );
  }

  const isValid = messages.length === 0;
  if (!isValid) return { isValid, messages, corrected, isResidential, coordinates: null };

  const finalState = code ?? (zipState as string);
  if (finalState !== given) {
    corrected.state = finalState;
    messages.push(fix('administrative_area_change', `The state was changed to ${finalState}.`));
  }
  const street1 = normaliseStreet(street);
  if (street1 !== a.street1) {
    corrected.street1 = street1;
    messages.push(fix('street_type_change', `The street was standardized to "${street1}".`));
  }
  if (/^\d{5}$/.test(zip)) {
    const plus4 = String(parseInt(hex32('zip4', street1.toLowerCase(), zip).slice(0, 6), 16) % 10000).padStart(4, '0');
    corrected.zip = `${zip}-${plus4}`;
  }
  return { isValid, messages, corrected, isResidential, coordinates: coordinatesFor(zip) };
}

/** Everything a carrier needs to print a label. */
export function isComplete(a: AddressFields): boolean {
  const base = Boolean(a.name.trim() && a.street1.trim() && a.city.trim() && a.zip.trim() && a.country.trim());
  return a.country === 'US' ? base && Boolean(a.state.trim()) : base;
}
