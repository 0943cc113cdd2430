// An owner's export (what is in it, what never is) and deletion (nothing of the organization
// left in any table, found from the catalog), on both backends.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '@/tests/support/temp-dir';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { deleteOrganization } from './delete-org';
import { exportOrganization, EXPORT_PAGE } from './export';

const unzip = (buf: Buffer): Record<string, string> => {
  const file = path.join(tempDir('export'), 'x.zip');
  fs.writeFileSync(file, buf);
  return JSON.parse(execFileSync('python3', ['-c', `
import zipfile, sys, json
z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None
print(json.dumps({i.filename: z.read(i.filename).decode('utf-8') for i in z.infolist()}))`, file], { maxBuffer: 64 << 20 }).toString());
};

describe.each(backends)('export and deletion of an organization on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let owner: Claims, admin: Claims;
  let orgId: string, otherOrg: string;

  async function seed(org: string, n: number): Promise<void> {
    const [{ id: acct }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${org}, 'walmart', 'Walmart store', ${`ext-${org}`}) returning id`));
    await db.execute(sql`insert into public.marketplace_credentials (account_id, org_id, key_id, iv, ciphertext, auth_tag)
      values (${acct}, ${org}, 'k1', '\\x01', 'SECRET-CIPHERTEXT', '\\x03')`);
    await db.execute(sql`insert into public.jobs (org_id, marketplace_account_id, kind) values (${org}, ${acct}, 'sync_orders')`);
    await db.execute(sql`
      with o as (
        insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at, total)
        select ${org}::uuid, ${acct}::uuid, 'walmart', 'PO-' || g, 'unshipped', 'Created', now(), now(), 12.5
        from generate_series(1, ${n}::int) g returning id, external_order_id)
      , i as (insert into public.order_items (org_id, order_id, line_id, sku, quantity) select ${org}::uuid, id, '1', '=SKU(' || external_order_id || ')', 1 from o returning order_id)
      insert into public.order_buyers (order_id, org_id, name, country, anonymized_at)
      select id, ${org}::uuid, 'Buyer ' || external_order_id, 'US', case when external_order_id = 'PO-1' then now() else null end from o`);
    await db.execute(sql`insert into public.listings (org_id, marketplace_account_id, marketplace, sku, publish_status) values (${org}, ${acct}, 'walmart', 'SKU', 'published')`);
    await db.execute(sql`insert into public.sync_runs (org_id, marketplace_account_id, kind, trigger) values (${org}, ${acct}, 'orders', 'schedule')`);
    await db.execute(sql`insert into public.audit_events (org_id, actor_type, action) values (${org}, 'system', 'test.seeded')`);
    // A status change the sync saw: one row of the order's history.
    await db.execute(sql`update public.orders set status = 'shipped' where org_id = ${org}::uuid and external_order_id = 'PO-2'`);
  }

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    [owner, admin] = [await createUser(db), await createUser(db)];
    orgId = await createOrg(db, 'Exported & Deleted', [[owner, 'owner'], [admin, 'admin']]);
    otherOrg = await createOrg(db, 'Bystander', [[await createUser(db), 'owner']]);
    await seed(orgId, EXPORT_PAGE + 5); // more than a page: the keyset continues
    await seed(otherOrg, 3);
  });
  afterAll(() => t?.cleanup());

  it('exports every table as CSV, buyers only when not anonymized, formulas escaped, no credentials', async () => {
    const out: Uint8Array[] = [];
    await exportOrganization((fn) => runAsUser(db, owner, fn), orgId, (c) => void out.push(c));
    const files = unzip(Buffer.concat(out));
    expect(Object.keys(files)).toEqual(['marketplace_accounts.csv', 'orders.csv', 'order_items.csv', 'buyers.csv', 'listings.csv', 'shipments.csv', 'order_events.csv', 'audit_events.csv']);
    const lines = (f: string) => files[f].trimEnd().split('\r\n');
    expect(lines('orders.csv')).toHaveLength(1 + EXPORT_PAGE + 5);
    expect(new Set(lines('orders.csv').slice(1)).size).toBe(EXPORT_PAGE + 5);
    expect(lines('buyers.csv')).toHaveLength(1 + EXPORT_PAGE + 4); // PO-1 is anonymized
    expect(files['order_items.csv']).toContain(`'=SKU(PO-2)`);
    expect(lines('shipments.csv')).toEqual(['id,order_id,status,carrier,service_level,tracking_number,tracking_url,label_cost,currency,created_at']);
    // PO-2's history (its status change), and nothing of the other organization's.
    expect(lines('order_events.csv').slice(1).map((l) => l.split(',')[3])).toEqual(['status_changed']);
    const all = JSON.stringify(files);
    expect(all).not.toContain('SECRET-CIPHERTEXT');
    expect(all).not.toContain('ext-' + otherOrg);
    expect(all).not.toMatch(/key_id|ciphertext|auth_tag/);
  });

  it('only the owner, typing the name, deletes it; then no row of it is left anywhere', async () => {
    expect(await runAsUser(db, admin, (tx) => deleteOrganization(tx, orgId, admin.sub, 'Exported & Deleted'))).toEqual({ ok: false, reason: 'forbidden' });
    expect(await runAsUser(db, owner, (tx) => deleteOrganization(tx, orgId, owner.sub, 'exported & deleted'))).toEqual({ ok: false, reason: 'confirmation' });
    expect(await runAsUser(db, owner, (tx) => deleteOrganization(tx, otherOrg, owner.sub, 'Bystander'))).toEqual({ ok: false, reason: 'forbidden' });
    expect(await runAsUser(db, owner, (tx) => deleteOrganization(tx, orgId, owner.sub, '  Exported & Deleted '))).toEqual({ ok: true, name: 'Exported & Deleted' });

    // Every public table with an org_id (or pointing at the organization) is checked, whatever it is.
    const tables = rowsOf<{ table_name: string; column_name: string }>(await db.execute(sql`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and column_name in ('org_id', 'current_org_id') order by 1`));
    expect(tables.length).toBeGreaterThanOrEqual(12);
    for (const { table_name, column_name } of tables) {
      const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql.raw(`select count(*)::int as n from public."${table_name}" where "${column_name}" = '${orgId}'`)));
      expect(n, `${table_name}.${column_name}`).toBe(0);
    }
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from public.organizations where id = ${orgId}`));
    expect(n).toBe(0);
    // The bystander is whole.
    const [{ orders }] = rowsOf<{ orders: number }>(await db.execute(sql`select count(*)::int as orders from public.orders where org_id = ${otherOrg}`));
    expect(orders).toBe(3);
  });
});
