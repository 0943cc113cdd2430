// Scheduled anonymization at its boundaries: days 29/30/31 after delivery, cancellations, the
// backstops for orders never reported delivered, already anonymized buyers, each organization's
// own retention, batches that resume after an interrupted run, and an audit row per organization.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { HARD_LIMIT_DAYS, runRetention, SHIPPED_TO_DELIVERED_DAYS } from './retention';

const NOW = new Date('2026-12-06T12:00:00Z');
const daysAgo = (d: number, extraMs = 0) => new Date(NOW.getTime() - d * 86_400_000 - extraMs);

describe.each(backends)('scheduled anonymization on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let orgId: string;
  let accountId: string;
  let n = 0;

  async function order(o: { status?: string; ordered?: Date; delivered?: Date | null; shipped?: Date | null; cancelled?: Date | null; anonymized?: boolean; org?: string; account?: string }) {
    const org = o.org ?? orgId;
    const [{ id }] = rowsOf<{ id: string }>(await db.execute(sql`
      insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at,
        marketplace_updated_at, shipped_at, delivered_at, cancelled_at)
      values (${org}, ${o.account ?? accountId}, 'walmart', ${`PO-${++n}`}, ${o.status ?? 'delivered'}, 'x', ${(o.ordered ?? daysAgo(40)).toISOString()},
        ${NOW.toISOString()}, ${o.shipped?.toISOString() ?? null}, ${o.delivered?.toISOString() ?? null}, ${o.cancelled?.toISOString() ?? null})
      returning id`));
    await db.execute(sql`insert into public.order_buyers (order_id, org_id, name, address_line1, city, region, postal_code, country, phone, email, anonymized_at)
      values (${id}, ${org}, 'Retained Buyer', '1 Main St', 'Dallas', 'TX', '75001', 'US', '+15550100', 'b@example.test', ${o.anonymized ? daysAgo(1).toISOString() : null})`);
    return id;
  }
  const state = async (id: string) =>
    rowsOf<{ name: string | null; region: string; country: string; anonymized_at: Date | string | null }>(
      await db.execute(sql`select name, region, country, anonymized_at from public.order_buyers where order_id = ${id}`),
    )[0];
  const anonymized = async (id: string) => (await state(id)).name === null;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    orgId = await createOrg(db, 'Retention', [[await createUser(db), 'owner']]);
    [{ id: accountId }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${orgId}, 'walmart', 'W', 'ext') returning id`));
  });
  afterAll(() => t?.cleanup());

  it('anonymizes 30 days after delivery, not a minute before; keeps region and country', async () => {
    const day29 = await order({ delivered: daysAgo(29) });
    const almost30 = await order({ delivered: daysAgo(30, -60_000) });
    const day30 = await order({ delivered: daysAgo(30) });
    const day31 = await order({ delivered: daysAgo(31) });
    const r = await runRetention(db, { now: NOW, orgId });
    expect(r.buyersAnonymized).toBe(2);
    expect(await anonymized(day29)).toBe(false);
    expect(await anonymized(almost30)).toBe(false);
    expect(await state(day30)).toMatchObject({ name: null, region: 'TX', country: 'US', anonymized_at: expect.anything() });
    expect(await anonymized(day31)).toBe(true);
  });

  it("clears the label URL and the carrier's scan text of an anonymized order's packages; keeps the rest", async () => {
    const old = await order({ delivered: daysAgo(31) });
    const recent = await order({ delivered: daysAgo(2) });
    const ship = async (orderId: string) => {
      const [{ id }] = rowsOf<{ id: string }>(await db.execute(sql`
        insert into public.shipments (org_id, order_id, status, carrier, tracking_number, label_url, label_cost, currency)
        values (${orgId}, ${orderId}, 'purchased', 'usps', ${`9400${++n}`}, 'https://shippo-delivery.example/label.pdf', '7.50', 'USD') returning id`));
      await db.execute(sql`insert into public.shipment_tracking_events (org_id, shipment_id, shippo_status_id, status, details, occurred_at)
        values (${orgId}, ${id}, 'evt-1', 'delivered', 'Delivered, left with R BUYER at front door', ${daysAgo(31).toISOString()})`);
      return id;
    };
    const [a, b] = [await ship(old), await ship(recent)];
    await runRetention(db, { now: NOW, orgId });
    const view = async (id: string) =>
      rowsOf<{ label_url: string | null; tracking_number: string; label_cost: string; details: string | null; status: string }>(await db.execute(sql`
        select s.label_url, s.tracking_number, s.label_cost::text as label_cost, e.details, e.status
          from public.shipments s join public.shipment_tracking_events e on e.shipment_id = s.id where s.id = ${id}`))[0];
    expect(await view(a)).toMatchObject({ label_url: null, details: null, status: 'delivered', tracking_number: expect.stringMatching(/^9400/), label_cost: '7.50' });
    expect(await view(b)).toMatchObject({ label_url: expect.stringContaining('label.pdf'), details: expect.stringContaining('front door') });
  });

  it('counts cancellations from the cancellation, and leaves open orders alone', async () => {
    const cancelledOld = await order({ status: 'cancelled', cancelled: daysAgo(31), delivered: null });
    const cancelledNew = await order({ status: 'cancelled', cancelled: daysAgo(2), delivered: null });
    const open = await order({ status: 'unshipped', delivered: null, ordered: daysAgo(60) });
    await runRetention(db, { now: NOW, orgId });
    expect(await anonymized(cancelledOld)).toBe(true);
    expect(await anonymized(cancelledNew)).toBe(false);
    expect(await anonymized(open)).toBe(false);
  });

  it('backstops: shipped but never reported delivered, and the hard limit from the order date', async () => {
    const shippedLongAgo = await order({ status: 'shipped', delivered: null, shipped: daysAgo(30 + SHIPPED_TO_DELIVERED_DAYS) });
    const shippedRecently = await order({ status: 'shipped', delivered: null, shipped: daysAgo(30 + SHIPPED_TO_DELIVERED_DAYS - 1) });
    const ancient = await order({ status: 'unshipped', delivered: null, ordered: daysAgo(HARD_LIMIT_DAYS) });
    await runRetention(db, { now: NOW, orgId });
    expect(await anonymized(shippedLongAgo)).toBe(true);
    expect(await anonymized(shippedRecently)).toBe(false);
    expect(await anonymized(ancient)).toBe(true);
  });

  it('leaves already anonymized buyers as they were, and a second run changes nothing', async () => {
    const earlier = await order({ delivered: daysAgo(90), anonymized: true });
    const before = await state(earlier);
    await runRetention(db, { now: NOW, orgId });
    expect(await state(earlier)).toEqual(before);
    expect((await runRetention(db, { now: NOW, orgId })).buyersAnonymized).toBe(0);
  });

  it("uses each organization's own retention", async () => {
    const short = await createOrg(db, 'Short', [[await createUser(db), 'owner']]);
    await db.execute(sql`update public.organizations set pii_retention_days = 7 where id = ${short}`);
    const [{ id: acct }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${short}, 'walmart', 'W', 'ext2') returning id`));
    const eightDays = await order({ org: short, account: acct, delivered: daysAgo(8) });
    const sixDays = await order({ org: short, account: acct, delivered: daysAgo(6) });
    const eightDaysLongRetention = await order({ delivered: daysAgo(8) });
    await runRetention(db, { now: NOW });
    expect(await anonymized(eightDays)).toBe(true);
    expect(await anonymized(sixDays)).toBe(false);
    expect(await anonymized(eightDaysLongRetention)).toBe(false);
  });

  it('works in small batches, resumes after a run stopped midway, and audits counts only', async () => {
    const org = await createOrg(db, 'Batches', [[await createUser(db), 'owner']]);
    const [{ id: acct }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${org}, 'walmart', 'W', 'ext3') returning id`));
    const ids = [];
    for (let i = 0; i < 25; i++) ids.push(await order({ org, account: acct, delivered: daysAgo(45) }));
    // A run whose deadline has passed after it started does no batch at all ("killed" before work).
    const stopped = await runRetention(db, { now: NOW, orgId: org, batchSize: 10, deadline: Date.now() - 1 });
    expect(stopped).toMatchObject({ complete: false, buyersAnonymized: 0 });
    // Anonymize part by hand, as a run killed after its first committed batch would leave it.
    await db.execute(sql`update public.order_buyers set name = null, anonymized_at = now() where order_id in (${sql.join(ids.slice(0, 7).map((i) => sql`${i}`), sql`, `)})`);
    const r = await runRetention(db, { now: NOW, orgId: org, batchSize: 10 });
    expect(r).toMatchObject({ complete: true, buyersAnonymized: 18, organizations: 1 });
    expect(r.batches).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect(await anonymized(id)).toBe(true);
    const audits = rowsOf<{ actor_type: string; details: unknown }>(
      await db.execute(sql`select actor_type, details from public.audit_events where org_id = ${org} and action = 'privacy.buyers_anonymized'`),
    );
    expect(audits).toEqual([{ actor_type: 'system', details: { buyers: 18, retention_days: 30 } }]);
    expect(JSON.stringify(audits)).not.toMatch(/Retained Buyer|Main St|75001|5550100|example\.test/);
  });
});
