// Rules and SKU defaults in the purchase path, on every backend: a block rule stops the quote
// and the purchase before Shippo buys anything, a warn rule shows its message, SKU defaults sum
// over the lines; only admins manage them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsService, runAsUser } from '@/lib/db/session';
import { shipments } from '@/lib/db/schema';
import type { Sim } from '@/sandbox/shippo/testkit';
import { backends, type TestDatabase } from '@/tests/support/db';
import { buyLabel, type ShippingDeps } from './purchase';
import { quoteForOrder } from './quote';
import { addRule, addSkuDefault, deleteRuleOrDefault, listRules, ruleInput, skuDefaultInput } from './rule-settings';
import { openShipTestbed, type ShipWorld } from '@/tests/support/shipping-world';

describe.each(backends)('rules in the purchase path on $name', (backend) => {
  let bed: Awaited<ReturnType<typeof openShipTestbed>>;
  let t: TestDatabase;
  let sim: Sim;
  let w: ShipWorld;
  let deps: ShippingDeps;
  beforeAll(async () => {
    bed = await openShipTestbed(backend, 3);
    ({ t, sim, w, deps } = bed);
  });
  afterAll(() => bed?.close());
  const asOwner = <T>(fn: Parameters<typeof runAsUser<T>>[2]) => runAsUser(t.database.db, w.owner, fn);
  const quote = (weightOz?: number) => quoteForOrder(deps, w.operator, { orderId: w.ready[0], shipFromId: null, presetId: w.presetId, weightOz });

  it('a warn rule shows its message; a block rule stops the quote and the purchase, nothing bought', async () => {
    await asOwner((tx) => addRule(tx, { userId: w.owner.sub }, w.orgId, ruleInput.parse({ name: 'Big orders', effect: 'warn', kind: 'max_item_count', value: '0', message: 'Check the packing slip.' })));
    const before = await quote();
    expect(before).toMatchObject({ ok: true, quote: { warnings: ['Big orders: Check the packing slip.'] } });
    const rateId = before.ok ? before.quote.rates[0].id : '';

    const heavy = ruleInput.parse({ name: 'Heavy', effect: 'block', kind: 'max_weight_oz', value: '20', message: 'Ship freight instead.' });
    const ruleId = await asOwner((tx) => addRule(tx, { userId: w.owner.sub }, w.orgId, heavy));
    expect(await quote()).toEqual({ ok: false, message: 'Blocked by your rule “Heavy”: Ship freight instead. Nothing was bought.' });
    expect(await quote(16)).toMatchObject({ ok: true }); // an explicit lighter weight passes
    // The rate quoted before the rule existed: the purchase checks again.
    expect(await buyLabel(deps, w.operator, { orderId: w.ready[0], rateId })).toMatchObject({ ok: false, message: expect.stringMatching(/Blocked by your rule “Heavy”/) });
    expect(await runAsService(t.database.db, 'tests', (tx) => tx.select().from(shipments))).toEqual([]);
    expect(sim.svc.world.transactions.byId.size).toBe(0);
    await asOwner((tx) => deleteRuleOrDefault(tx, { userId: w.owner.sub }, w.orgId, 'rule', ruleId));
  });

  it('SKU defaults: weights summed over the lines decide the rule; only admins manage them', async () => {
    await asOwner((tx) => addSkuDefault(tx, { userId: w.owner.sub }, w.orgId, skuDefaultInput.parse({ sku: 'MUG-1', weightOz: '50' })));
    await asOwner((tx) => addRule(tx, { userId: w.owner.sub }, w.orgId, ruleInput.parse({ name: 'Light only', effect: 'block', kind: 'max_weight_oz', value: '40', message: 'Too heavy.' })));
    // The order's one mug weighs 50 oz by its default, above 40: blocked without an explicit weight.
    expect(await quote()).toMatchObject({ ok: false, message: expect.stringMatching(/Light only/) });
    await expect(runAsUser(t.database.db, w.operator, (tx) => addSkuDefault(tx, { userId: w.operator.sub }, w.orgId, skuDefaultInput.parse({ sku: 'X', weightOz: '1' })))).rejects.toThrow(/Only owners and admins/);
    await expect(asOwner((tx) => addSkuDefault(tx, { userId: w.owner.sub }, w.orgId, skuDefaultInput.parse({ sku: 'MUG-1', weightOz: '5' })))).rejects.toThrow(/already has a default/);
    expect(skuDefaultInput.safeParse({ sku: 'A', weightOz: '0' }).success).toBe(false);
    expect(ruleInput.safeParse({ name: 'x', effect: 'block', kind: 'country_deny', value: 'USA', message: 'm' }).success).toBe(false);
    expect((await runAsUser(t.database.db, w.viewer, (tx) => listRules(tx, w.orgId))).map((r) => r.name)).toEqual(['Big orders', 'Light only']);
  });
});
