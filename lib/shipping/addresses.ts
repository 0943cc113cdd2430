// Address validation through Shippo (POST /addresses with validate: true). Returns Shippo's
// normalized address and its messages; the caller decides what to store (never the buyer's
// address: a rate check keeps it in memory only).
import type { Shippo } from 'shippo';
import { shippoCall } from './shippo';

export interface AddressInput {
  name?: string | null;
  company?: string | null;
  street1: string;
  street2?: string | null;
  city: string;
  state: string;
  zip: string;
  country: string;
  phone?: string | null;
  email?: string | null;
}

export interface ValidatedAddress {
  valid: boolean;
  shippoId: string | null;
  address: { street1: string; street2: string | null; city: string; state: string; zip: string; country: string };
  messages: string[];
}

const opt = (v: string | null | undefined) => (v ? v : undefined);

export function toShippoAddress(a: AddressInput) {
  return {
    name: opt(a.name), company: opt(a.company), street1: a.street1, street2: opt(a.street2), city: a.city, state: a.state,
    zip: a.zip, country: a.country, phone: opt(a.phone), email: opt(a.email),
  };
}

export async function validateAddress(shippo: Shippo, a: AddressInput): Promise<ValidatedAddress> {
  const res = await shippoCall(() => shippo.addresses.create({ ...toShippoAddress(a), validate: true }));
  const v = res.validationResults;
  return {
    valid: v?.isValid === true,
    shippoId: res.objectId ?? null,
    address: {
      street1: res.street1 ?? a.street1,
      street2: (res.street2 ?? a.street2) || null,
      city: res.city ?? a.city,
      state: res.state ?? a.state,
      zip: res.zip ?? a.zip,
      country: res.country ?? a.country,
    },
    messages: (v?.messages ?? []).map((m) => m.text).filter((t): t is string => !!t).map((t) => t.slice(0, 200)),
  };
}
