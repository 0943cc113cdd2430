// Address creation and the deterministic validator (catalog buyers valid, bad ZIPs/states and
// missing street numbers invalid, corrections applied), plus body validation and ownership.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buyerFor } from '@/sandbox/core/catalog';
import { validateAddress, type AddressFields } from './validation';
import { OTHER_KEY, startShippo, TO, type Sim } from './testkit';

let sim: Sim;
beforeAll(async () => {
  sim = await startShippo({ rateLimits: false });
});
afterAll(() => sim.close());

const base: AddressFields = {
  name: 'Jane Doe', company: '', street1: '215 Clayton St', street2: '', street3: '', street_no: '', city: 'San Francisco',
  state: 'CA', zip: '94117', country: 'US', phone: '', email: '',
};
const codes = (a: Partial<AddressFields>) => validateAddress({ ...base, ...a }).messages.map((m) => m.code);

describe('validator rules', () => {
  it('accepts every buyer address the marketplaces generate', () => {
    for (let i = 0; i < 300; i++) {
      const b = buyerFor('acct-seed', i);
      const out = validateAddress({ ...base, name: b.name, street1: b.address1, street2: b.address2 ?? '', city: b.city, state: b.state, zip: b.postalCode });
      expect(out.isValid, `${b.address1}, ${b.city} ${b.state} ${b.postalCode}: ${JSON.stringify(out.messages)}`).toBe(true);
    }
  });

  it('rejects a ZIP that belongs to another state, an unassigned ZIP and a malformed one', () => {
    expect(codes({ state: 'NV' })).toEqual(['component_mismatch_error']);
    expect(codes({ zip: '00123' })).toEqual(['postal_code_not_found']);
    expect(codes({ zip: '96813', state: 'HI', city: 'Honolulu' })).toEqual([]);
    expect(codes({ zip: '96813' })).toEqual(['component_mismatch_error']);
    expect(codes({ zip: '9411' })).toEqual(['invalid_postal_code']);
    expect(codes({ state: 'Narnia' })).toEqual(['Invalid State']);
  });

  it('rejects a street without a house number (PO boxes excepted)', () => {
    expect(codes({ street1: 'Clayton St' })).toEqual(['premise_number_missing']);
    expect(codes({ street1: '0 Clayton St' })).toEqual(['premise_number_invalid']);
    expect(codes({ street1: 'PO Box 1234' })).toEqual([]);
  });

  it('normalises a valid address: state code, street suffix, ZIP+4', () => {
    const out = validateAddress({ ...base, state: 'california', street1: '215 Clayton Street.' });
    expect(out.isValid).toBe(true);
    expect(out.corrected.state).toBe('CA');
    expect(out.corrected.street1).toBe('215 Clayton St');
    expect(out.corrected.zip).toMatch(/^94117-\d{4}$/);
    expect(out.messages.map((m) => [m.code, m.type])).toEqual([
      ['administrative_area_change', 'address_correction'],
      ['street_type_change', 'address_correction'],
    ]);
    expect(validateAddress(base).corrected.zip).toBe(out.corrected.zip);
  });
});

describe('POST /addresses', () => {
  it('returns validation_results only when asked to validate', async () => {
    const plain = await sim.call('POST', '/addresses', TO);
    expect(plain.status).toBe(201);
    expect(plain.body.validation_results).toEqual({});
    expect(plain.body.zip).toBe(TO.zip);
    const v = await sim.call('POST', '/addresses', { ...TO, validate: true });
    expect(v.body.validation_results).toEqual({ is_valid: true, messages: [] });
    expect(v.body.zip).toMatch(/^78745-\d{4}$/);
    expect(v.body.is_residential).toBe(true);
    expect(typeof v.body.latitude).toBe('number');
  });

  it('reports an invalid address with Shippo Address Validator messages', async () => {
    const v = await sim.call('POST', '/addresses', { ...TO, state: 'OK', validate: true });
    expect(v.status).toBe(201);
    expect(v.body.validation_results.is_valid).toBe(false);
    expect(v.body.validation_results.messages[0]).toMatchObject({ source: 'Shippo Address Validator', code: 'component_mismatch_error', type: 'address_error' });
    expect(v.body.state).toBe('OK');
  });

  it('validates an existing address on GET /addresses/{id}/validate', async () => {
    const a = await sim.call('POST', '/addresses', { ...TO, street1: 'Maple Dr' });
    const v = await sim.call('GET', `/addresses/${a.body.object_id}/validate`);
    expect(v.body.object_id).toBe(a.body.object_id);
    expect(v.body.validation_results.messages.map((m: { code: string }) => m.code)).toEqual(['premise_number_missing']);
  });

  it('answers bad bodies with DRF field errors', async () => {
    const r = await sim.call('POST', '/addresses', { name: 'x', email: 'not-an-email', metadata: 'm'.repeat(101) });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      country: ['This field is required.'],
      email: ['Enter a valid email address.'],
      metadata: ['Ensure this field has no more than 100 characters.'],
    });
  });

  it('accepts form-encoded bodies and country names', async () => {
    const res = await fetch(`${sim.url}/addresses`, {
      method: 'POST',
      headers: { authorization: `ShippoToken ${OTHER_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ name: 'Form Person', street1: '10 Elm St', city: 'Madison', state: 'WI', zip: '53703', country: 'United States', validate: 'true' }),
    });
    const body = await res.json();
    expect(res.status).toBe(201);
    expect(body.country).toBe('US');
    expect(body.validation_results.is_valid).toBe(true);
    expect(body.is_complete).toBe(true);
  });

  it("keeps accounts apart: lists show only one's own objects", async () => {
    const mine = await sim.call('POST', '/addresses', TO);
    const theirs = await sim.call('GET', '/addresses?results=100', undefined, OTHER_KEY);
    expect(theirs.body.results.some((a: { object_id: string }) => a.object_id === mine.body.object_id)).toBe(false);
  });
});
