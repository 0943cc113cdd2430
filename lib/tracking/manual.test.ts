// "Mark as shipped" refusals on every backend: each bad input gets a clear message and nothing is
// written (no shipment, no lines, no job, no audit row). And the canaries: a push failure stores
// and logs no buyer data and no credential.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/lib/db/connect';
import { runAsService } from '@/lib/db/session';
import { MarketplaceError } from '@/lib/marketplaces/http';
import { log } from '@/lib/log';
import { appTrackingDeps } from '@/lib/tracking/app-deps';
import { backends } from '@/tests/support/db';
import { drainPushes, pushRegistry, pushWorldSuite, simConnector, type PushWorld, type Sims } from '@/tests/support/push-world';
import { classifyPushError, sanitize } from './errors';
import { openLines } from './lines';
import { markShipped, type ManualInput } from './manual';

describe.each(backends)('Mark as shipped: bad input on $name', (backend) => {
  const suite = pushWorldSuite(backend);
  let w: PushWorld;
  let sims: Sims;
  const db = () => suite.t.database.db;
  beforeAll(() => {
    ({ w, sims } = suite);
  });

  const counts = async () =>
    rowsOf<{ s: number; l: number; j: number; a: number }>(
      await db().execute(sql`select (select count(*) from public.shipments)::int as s, (select count(*) from public.shipment_lines)::int as l,
        (select count(*) from public.jobs where kind = 'tracking_push')::int as j, (select count(*) from public.audit_events where action = 'shipment.marked_shipped')::int as a`),
    )[0];
  const lines = (orderId: string) => runAsService(db(), 'tests', (tx) => openLines(tx, orderId));
  const input = async (orderId: string, over: Partial<ManualInput> = {}): Promise<ManualInput> => ({
    orderId, carrier: 'USPS', service: 'Ground Advantage', trackingNumber: '9400111899223100001234', shipDate: new Date().toISOString().slice(0, 10),
    lines: (await lines(orderId)).map((l) => ({ orderItemId: l.orderItemId, quantity: l.unshipped })), ...over,
  });
  const refused = async (claims: PushWorld['operator'], i: ManualInput, message: RegExp) => {
    const before = await counts();
    const out = await markShipped(db(), claims, i);
    expect(out).toEqual({ ok: false, message: expect.stringMatching(message) });
    expect(await counts()).toEqual(before);
  };

  it('refuses each bad input with a clear message and writes nothing', async () => {
    const [a, b] = w.orders.walmart;
    const e = w.orders.ebay[0];
    await refused(w.operator, await input(a.id, { carrier: 'Other', carrierName: 'Yodel' }), /add the link to its tracking page/);
    await refused(w.operator, await input(a.id, { carrier: 'Other', carrierName: '' }), /carrier's name/);
    await refused(w.operator, await input(a.id, { carrier: 'Other', carrierName: 'Yodel', trackingUrl: 'javascript:alert(1)' }), /https:\/\//);
    await refused(w.operator, await input(e.id, { trackingNumber: 'A'.repeat(41) }), /longer than eBay accepts \(40 characters at most\)/);
    await refused(w.operator, await input(a.id, { trackingNumber: '1Z<script>' }), /only letters, digits/);
    await refused(w.operator, await input(a.id, { lines: (await lines(b.id)).map((l) => ({ orderItemId: l.orderItemId, quantity: 1 })) }), /not part of this order/);
    const open = await lines(a.id);
    await refused(w.operator, await input(a.id, { lines: [{ orderItemId: open[0].orderItemId, quantity: open[0].unshipped + 1 }] }), /left to ship/);
    await refused(w.operator, await input(a.id, { lines: [{ orderItemId: open[0].orderItemId, quantity: 0 }] }), /at least one item/);
    await refused(w.operator, await input(a.id, { shipDate: '2999-01-01' }), /future/);
    await refused(w.operator, await input(a.id, { shipDate: 'yesterday' }), /ship date/);
    await refused(w.viewer, await input(a.id), /Viewers can't mark orders shipped/);
    await refused(w.operator, await input(crypto.randomUUID()), /no longer exists/);
    // A cancelled order (the marketplace cancelled it meanwhile) and an order on hold.
    await db().execute(sql`update public.orders set status = 'cancelled' where id = ${b.id}`);
    await refused(w.operator, await input(b.id), /cancelled/);
    await db().execute(sql`update public.orders set on_hold = true where id = ${a.id}`);
    await refused(w.operator, await input(a.id), /on hold/);
    await db().execute(sql`update public.orders set on_hold = false where id = ${a.id}`);
    // The same input, corrected, goes through: the refusals above were about the input only.
    expect(await markShipped(db(), w.operator, await input(a.id))).toEqual({ ok: true, shipmentId: expect.any(String) });
    await refused(w.operator, await input(a.id, { lines: [{ orderItemId: open[0].orderItemId, quantity: 1 }] }), /Only 0 of .* left to ship/);
  });

  it('canaries: a refusal carrying buyer data and credentials is stored and logged without them', async () => {
    const order = w.orders.walmart[2];
    const buyer = rowsOf<{ name: string; email: string | null }>(await db().execute(sql`select name, email from public.order_buyers where order_id = ${order.id}`))[0];
    const canary = { name: buyer.name, secret: 'esm-test-walmart-secret-do-not-log-0001', email: 'canary.buyer@example.test' };
    const warn = vi.spyOn(log, 'warn');
    const refusing = simConnector(sims, 'walmart');
    refusing.pushTracking = async () => {
      throw new MarketplaceError('permanent', `walmart.shippingUpdates: refused for ${canary.name} <${canary.email}> Basic ${Buffer.from(canary.secret).toString('base64')} ${canary.secret}`);
    };
    const registry = pushRegistry(() => refusing);
    const out = await markShipped(db(), w.operator, await input(order.id));
    if (!out.ok) throw new Error(out.message);
    await drainPushes(db(), registry);
    // The app's log line for a failed attempt (what the running app's tracking kinds log).
    appTrackingDeps.onError?.({ id: 'j', accountId: w.accounts.walmart, kind: 'tracking_push' } as never, new MarketplaceError('permanent', `refused for ${canary.name}`));
    const [row] = rowsOf<{ tracking_push_status: string; tracking_push_error: string }>(
      await db().execute(sql`select tracking_push_status, tracking_push_error from public.shipments where id = ${out.shipmentId}`),
    );
    expect(row.tracking_push_status).toBe('failed');
    const stored = [row.tracking_push_error, JSON.stringify(rowsOf(await db().execute(sql`select details from public.audit_events where target_id = ${out.shipmentId}`))), JSON.stringify(warn.mock.calls)].join('\n');
    for (const v of Object.values(canary)) expect(stored).not.toContain(v);
    expect(stored).not.toContain(Buffer.from(canary.secret).toString('base64'));
    expect(row.tracking_push_error).toMatch(/^walmart\.shippingUpdates: refused for \[redacted\]/);
    warn.mockRestore();
  });
});

describe('push error text', () => {
  it('cuts buyer values, e-mail addresses, phone numbers and tokens; keeps codes and tracking numbers', () => {
    expect(sanitize('HTTP 400 (32300) for Jane Roe at 12 Elm St, call +1 (512) 555-0100 or jane@x.io; Bearer abcdefgh12345678', ['Jane Roe', '12 Elm St'])).toBe(
      'HTTP 400 (32300) for [redacted] at [redacted], call [redacted] or [redacted]; Bearer [redacted]',
    );
    expect(sanitize('tracking 9400111899223100001234 refused')).toBe('tracking 9400111899223100001234 refused');
    expect(classifyPushError(new MarketplaceError('timeout', 'walmart.shippingUpdates: timed out'), [])).toEqual({ permanent: false, message: 'walmart.shippingUpdates: timed out' });
    expect(classifyPushError(new MarketplaceError('permanent', 'x'), []).permanent).toBe(true);
    expect(classifyPushError(new Error('ECONNREFUSED 10.0.0.1 secret'), [])).toEqual({ permanent: false, message: 'The marketplace could not be reached.' });
  });
});
