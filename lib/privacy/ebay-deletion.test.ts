// Honouring eBay account deletions in the database: the right buyers anonymized in every
// organization and nobody else touched, the user's seller account disconnected with its
// credentials gone, one audit event per organization with counts only, a redelivery a no-op.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { processEbayDeletions } from './ebay-deletion';
import { recordDeletionRequest, type DeletionRequest } from './ebay-notification';

const PII = { name: 'Canary Buyer Zq7', line1: '7 Canary Lane', phone: '+1 555 0100 777', email: 'canary-zq7@example.test', city: 'Canaryville' };

describe.each(backends)('eBay account deletion on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let orgA: string, orgB: string, orgC: string;
  const q = async <T = Record<string, unknown>>(text: string) => rowsOf<T>(await db.execute(sql.raw(text)));

  async function account(orgId: string, marketplace: string, ext: string): Promise<string> {
    const [{ id }] = await q<{ id: string }>(`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values ('${orgId}', '${marketplace}', 'A', '${ext}') returning id`);
    await db.execute(sql`insert into public.marketplace_credentials (account_id, org_id, key_id, iv, ciphertext, auth_tag)
      values (${id}, ${orgId}, 'k1', '\\x01', '\\x02', '\\x03')`);
    await db.execute(sql`insert into public.jobs (org_id, marketplace_account_id, kind) values (${orgId}, ${id}, 'sync_orders')`);
    return id;
  }
  async function order(orgId: string, accountId: string, marketplace: string, ext: string, buyerRef: string | null): Promise<string> {
    const [{ id }] = await q<{ id: string }>(`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at)
      values ('${orgId}', '${accountId}', '${marketplace}', '${ext}', 'shipped', 'FULFILLED', now(), now()) returning id`);
    await db.execute(sql`insert into public.order_buyers (order_id, org_id, marketplace_buyer_ref, name, address_line1, city, region, postal_code, country, phone, email)
      values (${id}, ${orgId}, ${buyerRef}, ${PII.name}, ${PII.line1}, ${PII.city}, 'TX', '73301', 'US', ${PII.phone}, ${PII.email})`);
    return id;
  }
  const request = (over: Partial<DeletionRequest>): DeletionRequest => ({
    notificationId: `n-${crypto.randomUUID()}`,
    eventDate: new Date('2026-12-01T10:00:00Z'),
    publishAttemptCount: 1,
    username: null,
    userId: null,
    eiasToken: 'eias-token==',
    ...over,
  });
  const record = (r: DeletionRequest) => db.transaction((tx) => recordDeletionRequest(tx, r));
  const buyer = async (orderId: string) =>
    (await q<Record<string, unknown>>(`select name, address_line1, city, region, postal_code, country, phone, email, marketplace_buyer_ref, anonymized_at
      from public.order_buyers where order_id = '${orderId}'`))[0];

  let gone: string[], kept: string[];
  let sellerAccount: string, otherSeller: string;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    const owner = await createUser(db);
    orgA = await createOrg(db, 'A', [[owner, 'owner']]);
    orgB = await createOrg(db, 'B', [[await createUser(db), 'owner']]);
    orgC = await createOrg(db, 'C', [[await createUser(db), 'owner']]);
    const ebayA = await account(orgA, 'ebay', 'seller-a');
    const ebayB = await account(orgB, 'ebay', 'seller-b');
    const walmartA = await account(orgA, 'walmart', 'leaving_buyer'); // same text, other marketplace
    sellerAccount = await account(orgC, 'ebay', 'EBAYUSER42'); // the deleted user sells too
    otherSeller = await account(orgC, 'ebay', 'someone-else');
    gone = [
      await order(orgA, ebayA, 'ebay', 'A-1', 'leaving_buyer'),
      await order(orgA, ebayA, 'ebay', 'A-2', 'leaving_buyer'),
      await order(orgB, ebayB, 'ebay', 'B-1', 'leaving_buyer'),
    ];
    kept = [
      await order(orgA, ebayA, 'ebay', 'A-3', 'staying_buyer'),
      await order(orgA, walmartA, 'walmart', 'W-1', 'leaving_buyer'),
      await order(orgB, ebayB, 'ebay', 'B-2', null),
    ];
  });
  afterAll(() => t?.cleanup());

  it("anonymizes that user's buyers in every organization and no one else's", async () => {
    const r = request({ username: 'leaving_buyer', userId: 'U-LEAVING' });
    expect(await record(r)).toBe(true);
    expect(await processEbayDeletions(db)).toEqual({ honoured: 1, failed: 0 });
    for (const id of gone) {
      expect(await buyer(id)).toEqual({
        name: null, address_line1: null, city: null, postal_code: null, phone: null, email: null, marketplace_buyer_ref: null,
        region: 'TX', country: 'US', anonymized_at: expect.anything(),
      });
    }
    for (const id of kept) expect(await buyer(id)).toMatchObject({ name: PII.name, phone: PII.phone, anonymized_at: null });

    const audits = await q<{ org_id: string; actor_type: string; action: string; details: Record<string, number> }>(
      `select org_id, actor_type, action, details from public.audit_events where action = 'privacy.ebay_account_deleted' order by org_id`);
    expect(audits.map((a) => a.org_id).sort()).toEqual([orgA, orgB].sort());
    const byOrg = Object.fromEntries(audits.map((a) => [a.org_id, a.details]));
    expect(byOrg[orgA]).toEqual({ buyers_anonymized: 2, accounts_disconnected: 0 });
    expect(byOrg[orgB]).toEqual({ buyers_anonymized: 1, accounts_disconnected: 0 });
    expect(audits.every((a) => a.actor_type === 'marketplace')).toBe(true);

    const [row] = await q(`select status, username, user_id, eias_token, processed_at, orgs_touched, buyers_anonymized, accounts_disconnected
      from public.ebay_deletion_notifications where notification_id = '${r.notificationId}'`);
    expect(row).toEqual({
      status: 'done', username: null, user_id: null, eias_token: null, processed_at: expect.anything(),
      orgs_touched: 2, buyers_anonymized: 3, accounts_disconnected: 0,
    });
  });

  it('a redelivery is acknowledged and changes nothing', async () => {
    const r = request({ username: 'leaving_buyer' });
    expect(await record(r)).toBe(true);
    expect(await processEbayDeletions(db)).toEqual({ honoured: 1, failed: 0 });
    const before = await q(`select count(*)::int as n from public.audit_events`);
    expect(await record({ ...r, publishAttemptCount: 2 })).toBe(false);
    expect(await processEbayDeletions(db)).toEqual({ honoured: 0, failed: 0 });
    expect(await q(`select count(*)::int as n from public.audit_events`)).toEqual(before);
    expect((await q(`select status, username from public.ebay_deletion_notifications where notification_id = '${r.notificationId}'`))[0])
      .toEqual({ status: 'done', username: null });
  });

  it("disconnects the user's own seller account and deletes its credentials and jobs", async () => {
    const r = request({ userId: 'EBAYUSER42' });
    await record(r);
    expect(await processEbayDeletions(db)).toEqual({ honoured: 1, failed: 0 });
    const [acct] = await q(`select status, disconnected_at is not null as disconnected from public.marketplace_accounts where id = '${sellerAccount}'`);
    expect(acct).toEqual({ status: 'disconnected', disconnected: true });
    expect(await q(`select 1 from public.marketplace_credentials where account_id = '${sellerAccount}'`)).toEqual([]);
    expect(await q(`select 1 from public.jobs where marketplace_account_id = '${sellerAccount}'`)).toEqual([]);
    expect((await q(`select status from public.marketplace_accounts where id = '${otherSeller}'`))[0]).toEqual({ status: 'active' });
    expect(await q(`select 1 from public.marketplace_credentials where account_id = '${otherSeller}'`)).toHaveLength(1);
    const [audit] = await q<{ details: unknown }>(`select details from public.audit_events where org_id = '${orgC}' and action = 'privacy.ebay_account_deleted'`);
    expect(audit.details).toEqual({ buyers_anonymized: 0, accounts_disconnected: 1 });
  });

  it('no buyer data or eBay identifier reaches the audit trail', async () => {
    const trail = JSON.stringify(await q(`select * from public.audit_events`));
    for (const canary of [...Object.values(PII), 'leaving_buyer', 'U-LEAVING', 'EBAYUSER42', 'eias-token==']) expect(trail).not.toContain(canary);
  });
});
