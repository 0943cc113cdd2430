// Correcting a ship-to address before buying, on every backend: an operator fixes the address
// Shippo refused and the quote then works; audited by field names only; viewers and labelled
// orders are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { runAsService, runAsUser } from '@/lib/db/session';
import { auditEvents, orderBuyers } from '@/lib/db/schema';
import { backends } from '@/tests/support/db';
import { correctShipTo, shipToInput } from './address-fix';
import { buyLabel } from './purchase';
import { quoteForOrder } from './quote';
import { openShipTestbed } from '@/tests/support/shipping-world';

describe.each(backends)('correcting a ship-to address on $name', (backend) => {
  let bed: Awaited<ReturnType<typeof openShipTestbed>>;
  beforeAll(async () => {
    bed = await openShipTestbed(backend, 1);
  });
  afterAll(() => bed?.close());

  it('an operator fixes the ZIP Shippo refused; rates follow; the audit names fields, not values', async () => {
    const { w, t, deps } = bed;
    const db = t.database.db;
    const quote = () => quoteForOrder(deps, w.operator, { orderId: w.badZip, shipFromId: null, presetId: w.presetId });
    expect(await quote()).toMatchObject({ ok: false, message: expect.stringMatching(/could not validate the ship-to address/) });
    const fix = shipToInput.parse({ street1: '4120 Maple Dr', street2: 'Apt 12B', city: 'Austin', state: 'TX', zip: '78745' });
    expect(await runAsUser(db, w.viewer, (tx) => correctShipTo(tx, w.viewer.sub, w.badZip, fix))).toBe('forbidden');
    expect(await runAsUser(db, w.outsider, (tx) => correctShipTo(tx, w.outsider.sub, w.badZip, fix))).toBe('not_found');
    expect(await runAsUser(db, w.operator, (tx) => correctShipTo(tx, w.operator.sub, w.badZip, fix))).toBe('ok');
    const [buyer] = await runAsService(db, 'tests', (tx) => tx.select().from(orderBuyers).where(eq(orderBuyers.orderId, w.badZip)));
    expect(buyer.postalCode).toBe('78745');
    const [audit] = await runAsService(db, 'tests', (tx) => tx.select().from(auditEvents).where(and(eq(auditEvents.targetId, w.badZip), eq(auditEvents.action, 'order.address_corrected'))));
    expect(audit.details).toEqual({ fields: 'zip' });
    const q = await quote();
    expect(q.ok).toBe(true);
    // Once labelled, the address is what the label says: no more corrections.
    expect(await buyLabel(deps, w.operator, { orderId: w.badZip, rateId: q.ok ? q.quote.rates[0].id : '' })).toMatchObject({ ok: true });
    expect(await runAsUser(db, w.operator, (tx) => correctShipTo(tx, w.operator.sub, w.badZip, fix))).toBe('labelled');
    expect(shipToInput.safeParse({ street1: ' ', city: 'A', state: 'B', zip: 'C' }).success).toBe(false);
  });
});
