// The track_updated endpoint under bad input, on every backend: off without a token (404), wrong
// or missing token (401), oversized (413), malformed (400), unknown tracking numbers (200,
// ignored), a database failure (503, never 500): nothing written in any of those. And a canary:
// the token and buyer data never reach the log or a response.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { log } from '@/lib/log';
import { backends, type TestDatabase } from '@/tests/support/db';
import { seedShipWorld } from '@/tests/support/shipping-world';
import { MAX_TRACK_WEBHOOK_BYTES, receiveTrackWebhook, sameSecret } from './webhook';

const TOKEN = 'tok_CANARY_webhook_token_5f1e2d3c4b5a69788796a5b4';
const BUYER = 'CANARY-BUYER-Zelda-Quintana';

const track = (number: string, status = 'DELIVERED') => ({
  carrier: 'usps',
  tracking_number: number,
  address_to: { city: BUYER, state: 'TX', zip: '78745', country: 'US' },
  metadata: BUYER,
  eta: '2026-12-01T00:00:00Z',
  tracking_status: { object_id: `st-${status}`, status, substatus: { code: 'delivered' }, status_details: 'Delivered, Front Door/Porch', status_date: '2026-11-30T18:00:00Z' },
  tracking_history: [],
  some_new_field: { added: 'later by Shippo' },
});
const body = (data: unknown, event = 'track_updated') => JSON.stringify({ event, test: true, data });

describe.each(backends)('Shippo track webhook on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let shipmentId: string;
  const logged: string[] = [];

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    const w = await seedShipWorld(db, 1);
    [{ id: shipmentId }] = rowsOf<{ id: string }>(
      await db.execute(sql`insert into public.shipments (org_id, order_id, status, carrier, tracking_number)
        values (${w.orgId}, ${w.ready[0]}, 'purchased', 'USPS', 'TRK-CANARY-1') returning id`),
    );
    await db.execute(sql`insert into public.shipments (org_id, order_id, status, carrier, tracking_number)
      values (${w.orgId}, ${w.shipped}, 'purchased', 'USPS', 'TRK-AHEAD-1')`);
    for (const level of ['info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(log, level).mockImplementation(((...args: unknown[]) => void logged.push(JSON.stringify(args))) as never);
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.cleanup();
  });

  const post = (payload: string, o: { token?: string | null; configured?: string | null; db?: () => Promise<Db> } = {}) => {
    const q = o.token === null ? '' : `?token=${encodeURIComponent(o.token ?? TOKEN)}`;
    return receiveTrackWebhook(new Request(`http://localhost/api/shippo/track${q}`, { method: 'POST', body: payload }), {
      token: o.configured === undefined ? TOKEN : o.configured,
      db: o.db ?? (async () => db),
    });
  };
  const state = async () =>
    rowsOf(
      await db.execute(sql`select s.delivery_status, s.tracking_checked_at, (select count(*)::int from public.shipment_tracking_events) as events,
        (select status from public.orders where id = s.order_id) as order_status from public.shipments s where s.id = ${shipmentId}`),
    )[0];

  it('refuses, writes nothing, and never answers 500', async () => {
    const before = await state();
    const good = body(track('TRK-CANARY-1'));
    const cases: Array<[string, Promise<Response>, number]> = [
      ['not configured', post(good, { configured: null }), 404],
      ['no token', post(good, { token: null }), 401],
      ['wrong token', post(good, { token: TOKEN.slice(0, -1) + 'x' }), 401],
      ['token prefix', post(good, { token: TOKEN.slice(0, 10) }), 401],
      ['too large', post(body({ ...track('TRK-CANARY-1'), pad: 'x'.repeat(MAX_TRACK_WEBHOOK_BYTES) })), 413],
      ['not JSON', post('{"event": "track_updated", '), 400],
      ['not an object', post('[1,2,3]'), 400],
      ['no data', post(JSON.stringify({ event: 'track_updated' })), 400],
      ['data not a Track', post(body({ carrier: 'usps' })), 400],
      ['status not a string', post(body({ ...track('TRK-CANARY-1'), tracking_status: { object_id: 'x', status: 42 } })), 400],
      ['database down', post(good, { db: async () => { throw new Error(`connection to ${BUYER} refused`); } }), 503],
    ];
    for (const [what, res, status] of cases) {
      const r = await res;
      expect(r.status, what).toBe(status);
      const text = await r.text();
      expect(text, what).not.toContain(BUYER);
      expect(text, what).not.toContain(TOKEN);
    }
    expect(await state()).toEqual(before);
  });

  it('acknowledges and ignores unknown tracking numbers and other events', async () => {
    const before = await state();
    const r = await post(body(track('NOT-OURS-123')));
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ ignored: 'unknown tracking number' });
    expect((await post(body(track('TRK-CANARY-1'), 'transaction_created'))).status).toBe(200);
    expect(await state()).toEqual(before);
  });

  it('applies a good update (unknown fields ignored); the token and buyer data reach no log', async () => {
    const r = await post(body(track('TRK-CANARY-1')));
    expect(r.status).toBe(200);
    expect(await state()).toMatchObject({ delivery_status: 'delivered', events: 1, order_status: 'delivered' });
    expect(logged.length).toBeGreaterThan(0);
    const all = logged.join('\n');
    expect(all).not.toContain(TOKEN);
    expect(all).not.toContain(BUYER);
    expect(all).not.toContain('78745');
  });

  it("a carrier clock ahead of ours: scans keep the carrier's time, delivered_at is never in the future", async () => {
    const ahead = new Date(Date.now() + 5 * 86_400_000).toISOString();
    const data = { ...track('TRK-AHEAD-1'), tracking_status: { ...track('x').tracking_status, object_id: 'st-ahead', status_date: ahead } };
    expect((await post(body(data))).status).toBe(200);
    const [row] = rowsOf<{ delivered_at: Date | string; occurred_at: Date | string }>(
      await db.execute(sql`select s.delivered_at, e.occurred_at from public.shipments s join public.shipment_tracking_events e on e.shipment_id = s.id
        where s.tracking_number = 'TRK-AHEAD-1'`),
    );
    expect(new Date(row.occurred_at).toISOString()).toBe(ahead);
    expect(new Date(row.delivered_at).getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('compares secrets by value, whatever their length', () => {
    expect(sameSecret(TOKEN, TOKEN)).toBe(true);
    expect(sameSecret(TOKEN + 'x', TOKEN)).toBe(false);
    expect(sameSecret('', TOKEN)).toBe(false);
  });
});
