// Rating: deterministic prices from zone and billable weight, carrier refusals as messages,
// carrier account filtering, async shipments and currency conversion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zoneBetween } from './geo';
import { quote, type RatingParty } from './rating';
import { FROM, PARCEL, startShippo, TO, type Sim } from './testkit';

let sim: Sim;
beforeAll(async () => {
  sim = await startShippo({ rateLimits: false });
});
afterAll(() => sim.close());

const party = (zip: string, extra: Partial<RatingParty> = {}): RatingParty => ({
  zip, state: '', country: 'US', street1: '1 Main St', residential: true, zipValid: true, ...extra,
});
const all = new Set(['usps', 'ups', 'fedex'] as const);
const price = (from: string, to: string, lb: number, token = 'usps_priority', dims: [number, number, number] = [10, 8, 4]) =>
  quote(party(from), party(to), [{ weightLb: lb, dimsIn: dims }], all).quotes.find((q) => q.service.token === token)?.amount;

describe('zones and prices', () => {
  it('zones grow with distance', () => {
    expect(zoneBetween('97209', '97209')).toBe(1);
    expect(zoneBetween('97209', '97211')).toBe(1);
    expect(zoneBetween('97209', '97301')).toBe(2);
    expect(zoneBetween('97209', '97801')).toBe(3);
    expect(zoneBetween('97209', '98101')).toBeLessThan(zoneBetween('97209', '78745'));
    expect(zoneBetween('97209', '11215')).toBe(8);
    expect(zoneBetween('97209', '96813')).toBe(8);
  });

  it('prices are deterministic and grow with weight and distance', () => {
    expect(price('97209', '78745', 2)).toBe(price('97209', '78745', 2));
    expect(price('97209', '78745', 5)!).toBeGreaterThan(price('97209', '78745', 2)!);
    expect(price('97209', '11215', 2)!).toBeGreaterThan(price('97209', '98101', 2)!);
    expect(price('97209', '78745', 0.25, 'usps_ground_advantage')!).toBeLessThan(price('97209', '78745', 2, 'usps_ground_advantage')!);
  });

  it('a big light box is priced on dimensional weight', () => {
    const small = price('97209', '78745', 1, 'ups_ground', [6, 6, 6])!;
    const big = price('97209', '78745', 1, 'ups_ground', [24, 24, 24])!;
    expect(big).toBeGreaterThan(small * 3);
  });

  it('FedEx offers Home Delivery to residences and Ground to businesses', () => {
    const tokens = (residential: boolean) =>
      quote(party('97209'), party('78745', { residential }), [{ weightLb: 2, dimsIn: [10, 8, 4] }], all).quotes.map((q) => q.service.token);
    expect(tokens(true)).toContain('fedex_home_delivery');
    expect(tokens(false)).toContain('fedex_ground');
    expect(tokens(false)).not.toContain('fedex_home_delivery');
  });
});

describe('POST /shipments', () => {
  const ship = (body: object) => sim.call('POST', '/shipments', { address_from: FROM, address_to: TO, parcels: [PARCEL], async: false, ...body });

  it('marks CHEAPEST, FASTEST and BESTVALUE once each', async () => {
    const s = await ship({});
    const flat = s.body.rates.flatMap((r: { attributes: string[] }) => r.attributes).sort();
    expect(flat).toEqual(['BESTVALUE', 'CHEAPEST', 'FASTEST']);
    const cheapest = s.body.rates.find((r: { attributes: string[] }) => r.attributes.includes('CHEAPEST'));
    expect(Math.min(...s.body.rates.map((r: { amount: string }) => Number(r.amount)))).toBe(Number(cheapest.amount));
  });

  it('carriers refuse what they cannot carry, with a message each', async () => {
    const heavy = await ship({ parcels: [{ ...PARCEL, weight: '80' }] });
    expect(heavy.body.rates.map((r: { provider: string }) => r.provider)).not.toContain('USPS');
    expect(heavy.body.messages).toEqual([{ source: 'USPS', code: '', text: 'Weight exceeds the USPS maximum of 70 lbs.' }]);
    const pobox = await ship({ address_to: { ...TO, street1: 'PO Box 881', street2: '' } });
    expect(new Set(pobox.body.rates.map((r: { provider: string }) => r.provider))).toEqual(new Set(['USPS']));
    expect(pobox.body.messages.map((m: { source: string }) => m.source)).toEqual(['UPS', 'FedEx']);
    const multi = await ship({ parcels: [PARCEL, PARCEL] });
    expect(multi.body.messages).toEqual([{ source: 'USPS', code: '', text: 'USPS does not support multi-piece shipments.' }]);
    const abroad = await ship({ address_to: { ...TO, country: 'CA', state: 'ON', zip: 'M5V 2T6', city: 'Toronto' } });
    expect(abroad.body.rates).toEqual([]);
  });

  it('filters by carrier_accounts and rejects unknown ones', async () => {
    const s = await ship({});
    const ups = s.body.rates.find((r: { provider: string }) => r.provider === 'UPS').carrier_account;
    const only = await ship({ carrier_accounts: [ups] });
    expect(only.body.rates.map((r: { provider: string }) => r.provider)).toEqual(['UPS']);
    expect(only.body.carrier_accounts).toEqual([ups]);
    const bad = await ship({ carrier_accounts: ['ffffffffffffffffffffffffffffffff'] });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ carrier_accounts: ['Account with object_id ffffffffffffffffffffffffffffffff was not found.'] });
  });

  it('is asynchronous by default: QUEUED with no rates, then SUCCESS on a later read', async () => {
    const s = await sim.call('POST', '/shipments', { address_from: FROM, address_to: TO, parcels: [PARCEL] });
    expect(s.body.status).toBe('QUEUED');
    expect(s.body.rates).toEqual([]);
    const rates = await sim.call('GET', `/shipments/${s.body.object_id}/rates`);
    expect(rates.body.results.length).toBe(4);
    const again = await sim.call('GET', `/shipments/${s.body.object_id}`);
    expect(again.body.status).toBe('SUCCESS');
    expect(again.body.rates.map((r: { object_id: string }) => r.object_id)).toEqual(rates.body.results.map((r: { object_id: string }) => r.object_id));
  });

  it('converts amount_local for GET /shipments/{id}/rates/{currency}', async () => {
    const s = await ship({});
    const eur = await sim.call('GET', `/shipments/${s.body.object_id}/rates/EUR`);
    expect(eur.body.results[0].currency_local).toBe('EUR');
    expect(eur.body.results[0].amount).toBe(s.body.rates[0].amount);
    expect(Number(eur.body.results[0].amount_local)).toBeCloseTo(Number(s.body.rates[0].amount) * 0.92, 1);
    expect((await sim.call('GET', `/shipments/${s.body.object_id}/rates/XYZ`)).status).toBe(400);
  });

  it('reports nested field errors per parcel and address', async () => {
    const r = await ship({ address_to: { ...TO, country: '' }, parcels: [PARCEL, { ...PARCEL, weight: 'heavy' }] });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ address_to: { country: ['This field is required.'] }, parcels: [{}, { weight: ['A valid number is required.'] }] });
    const before = (await sim.call('GET', '/addresses?results=100')).body.results.length;
    await ship({ parcels: [{ ...PARCEL, mass_unit: 'stone' }] });
    expect((await sim.call('GET', '/addresses?results=100')).body.results.length).toBe(before);
  });

  it('uses existing address and parcel objects by id', async () => {
    const a = await sim.call('POST', '/addresses', TO);
    const p = await sim.call('POST', '/parcels', PARCEL);
    const s = await ship({ address_to: a.body.object_id, parcels: [p.body.object_id] });
    expect(s.body.address_to.object_id).toBe(a.body.object_id);
    expect(s.body.parcels[0].object_id).toBe(p.body.object_id);
    const missing = await ship({ address_to: 'ffffffffffffffffffffffffffffffff' });
    expect(missing.body).toEqual({ address_to: ['Address with object_id ffffffffffffffffffffffffffffffff was not found.'] });
  });
});
