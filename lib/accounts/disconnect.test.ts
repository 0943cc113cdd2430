// Disconnecting an account: credentials and jobs go either way; the seller chooses between
// keeping the orders with buyers anonymized now, and deleting the orders and listings. Only
// that account's data is touched, and the audit row says which choice, with counts.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import type { Claims } from '@/lib/db/session';
import { disconnectAccount } from './connect';

describe.each(backends)('disconnecting an account on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let orgId: string;
  let owner: Claims, operator: Claims;
  const q = async <T = Record<string, unknown>>(s: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(s));

  async function account(ext: string): Promise<string> {
    const [{ id }] = await q<{ id: string }>(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${orgId}, 'walmart', ${ext}, ${ext}) returning id`);
    await db.execute(sql`insert into public.marketplace_credentials (account_id, org_id, key_id, iv, ciphertext, auth_tag) values (${id}, ${orgId}, 'k', '\\x01', '\\x02', '\\x03')`);
    await db.execute(sql`insert into public.jobs (org_id, marketplace_account_id, kind) values (${orgId}, ${id}, 'sync_orders')`);
    for (const n of [1, 2]) {
      const [{ id: orderId }] = await q<{ id: string }>(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at)
        values (${orgId}, ${id}, 'walmart', ${`${ext}-${n}`}, 'unshipped', 'Created', now(), now()) returning id`);
      await db.execute(sql`insert into public.order_items (org_id, order_id, line_id, sku, quantity) values (${orgId}, ${orderId}, '1', 'SKU', 1)`);
      await db.execute(sql`insert into public.order_buyers (order_id, org_id, name, phone, region, country) values (${orderId}, ${orgId}, 'Dana Buyer', '555', 'TX', 'US')`);
    }
    await db.execute(sql`insert into public.listings (org_id, marketplace_account_id, marketplace, sku, publish_status) values (${orgId}, ${id}, 'walmart', 'SKU', 'published')`);
    return id;
  }
  const summary = async (accountId: string) =>
    (await q<Record<string, number>>(sql`select
      (select count(*)::int from public.orders where marketplace_account_id = ${accountId}) as orders,
      (select count(*)::int from public.order_buyers b join public.orders o on o.id = b.order_id where o.marketplace_account_id = ${accountId} and b.name is not null) as named_buyers,
      (select count(*)::int from public.listings where marketplace_account_id = ${accountId}) as listings,
      (select count(*)::int from public.marketplace_credentials where account_id = ${accountId}) as credentials,
      (select count(*)::int from public.jobs where marketplace_account_id = ${accountId}) as jobs`))[0];

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    [owner, operator] = [await createUser(db), await createUser(db)];
    orgId = await createOrg(db, 'Disconnect', [[owner, 'owner'], [operator, 'operator']]);
  });
  afterAll(() => t?.cleanup());

  it('keep as history: buyers anonymized now, orders and listings stay, other accounts untouched', async () => {
    const a = await account('keep');
    const other = await account('other');
    expect(await disconnectAccount(db, { orgId, userId: owner.sub, accountId: a, data: 'anonymize' })).toBe('ok');
    expect(await summary(a)).toEqual({ orders: 2, named_buyers: 0, listings: 1, credentials: 0, jobs: 0 });
    expect(await summary(other)).toEqual({ orders: 2, named_buyers: 2, listings: 1, credentials: 1, jobs: 1 });
    const [b] = await q(sql`select region, country, anonymized_at is not null as anonymized from public.order_buyers b join public.orders o on o.id = b.order_id where o.marketplace_account_id = ${a} limit 1`);
    expect(b).toEqual({ region: 'TX', country: 'US', anonymized: true });
    const [audit] = await q<{ details: unknown }>(sql`select details from public.audit_events where target_id = ${a} and action = 'account.disconnected'`);
    expect(audit.details).toEqual({ marketplace: 'walmart', credentials_deleted: true, data: 'anonymize', buyers_anonymized: 2 });
  });

  it('delete: orders (with items and buyers) and listings go', async () => {
    const a = await account('delete');
    expect(await disconnectAccount(db, { orgId, userId: owner.sub, accountId: a, data: 'delete' })).toBe('ok');
    expect(await summary(a)).toEqual({ orders: 0, named_buyers: 0, listings: 0, credentials: 0, jobs: 0 });
    expect(await q(sql`select 1 from public.order_items i where not exists (select 1 from public.orders o where o.id = i.order_id)`)).toEqual([]);
    const [audit] = await q<{ details: unknown }>(sql`select details from public.audit_events where target_id = ${a} and action = 'account.disconnected'`);
    expect(audit.details).toEqual({ marketplace: 'walmart', credentials_deleted: true, data: 'delete', orders_deleted: 2, listings_deleted: 1 });
  });

  it('an operator may not, and nothing changes', async () => {
    const a = await account('guarded');
    expect(await disconnectAccount(db, { orgId, userId: operator.sub, accountId: a, data: 'delete' })).toBe('forbidden');
    expect(await summary(a)).toEqual({ orders: 2, named_buyers: 2, listings: 1, credentials: 1, jobs: 1 });
  });
});
