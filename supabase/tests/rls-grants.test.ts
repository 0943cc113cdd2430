// Grants that hold without the app (issue 7 §4): what a signed-in user could do through the Data
// API, and what no writer at all (the table owner included) may do across tenants.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import type { Role } from '@/lib/model';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createUser } from '@/tests/support/fixtures';
import { ROLES, Rollback, attempt, attemptAsOwner, crossTenantChildRows, seedTenant, type Tenant } from './rls-support';

describe.each(backends)('grants that hold without the app on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  const users = {} as Record<Role, Claims>;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    for (const role of ROLES) users[role] = await createUser(db);
    a = await seedTenant(db, 'Org A', ROLES.map((r) => [users[r], r]));
    b = await seedTenant(db, 'Org B', [[await createUser(db), 'owner']]);
  });
  afterAll(() => t?.cleanup());

  const audit = (org: string, action: string, details = '{}') =>
    `select private.record_audit('${org}', '${action}', 'order', 'o-1', '${details}'::jsonb) as id`;

  it("an operator of org A cannot put a shipment on org B's order, nor any user write shipments", async () => {
    const onB = `insert into public.shipments (org_id, order_id, status, label_url) values ('${a.orgId}', '${b.spareOrderId}', 'purchased', 'https://x.test/l.pdf') returning id`;
    expect(await attempt(db, users.operator, onB)).toEqual({ error: '42501' });
    for (const role of ROLES) {
      const own = `insert into public.shipments (org_id, order_id, status) values ('${a.orgId}', '${a.spareOrderId}', 'purchased') returning id`;
      expect(await attempt(db, users[role], own), `${role} insert`).toEqual({ error: '42501' });
      for (const col of ['status', 'label_url', 'tracking_url', 'error']) {
        const upd = `update public.shipments set ${col} = 'https://x.test/' where org_id = '${a.orgId}' returning id`;
        expect(await attempt(db, users[role], upd), `${role} update ${col}`).toEqual({ error: '42501' });
      }
    }
  });

  it("no writer, the table owner included, can point a child row at another organization's parent", async () => {
    const rows = crossTenantChildRows(a, b);
    expect(Object.keys(rows).sort()).toEqual(
      ['jobs', 'listings', 'marketplace_credentials', 'order_buyers', 'order_events', 'order_items', 'orders', 'shipments', 'sync_runs'],
    );
    for (const [table, statement] of Object.entries(rows)) {
      expect(await attemptAsOwner(db, statement), table).toEqual({ error: '23503' });
    }
    // The same rows with org B's own id go in: the refusal is the tenant mismatch, nothing else.
    for (const [table, statement] of Object.entries(crossTenantChildRows(b, b))) {
      expect(await attemptAsOwner(db, statement), `${table} in its own org`).toEqual({ rows: 1 });
    }
  });

  it('deleting an account still cascades to its orders and their children', async () => {
    let left: unknown[] = [];
    await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`delete from public.marketplace_accounts where id = '${b.accountId}'`));
      left = rowsOf(await tx.execute(sql.raw(`
        select 'o' from public.orders where marketplace_account_id = '${b.accountId}'
        union all select 'i' from public.order_items where order_id = '${b.orderId}'
        union all select 'b' from public.order_buyers where order_id = '${b.orderId}'
        union all select 's' from public.shipments where order_id = '${b.orderId}'
        union all select 'c' from public.marketplace_credentials where account_id = '${b.accountId}'`)));
      throw new Rollback();
    }).catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
    expect(left).toEqual([]);
  });

  it('label and tracking links must be https (loopback http for the sandbox), never javascript:', async () => {
    const ship = (col: string, url: string) =>
      `insert into public.shipments (org_id, order_id, status, ${col}) values ('${a.orgId}', '${a.spareOrderId}', 'purchased', '${url}') returning id`;
    for (const col of ['label_url', 'tracking_url']) {
      for (const bad of ['javascript:alert(1)', 'JavaScript:alert(1)', 'data:text/html,<script>x</script>', 'http://evil.test/l.pdf', '//evil.test/x', 'https://', 'https://a b']) {
        expect(await attemptAsOwner(db, ship(col, bad)), `${col} = ${bad}`).toEqual({ error: '23514' });
      }
      for (const good of ['https://shippo-delivery.s3.amazonaws.com/l.pdf?Signature=x', 'http://127.0.0.1:3000/sandbox/shippo/labels/t.pdf']) {
        expect(await attemptAsOwner(db, ship(col, good)), `${col} = ${good}`).toEqual({ rows: 1 });
      }
    }
  });

  it("an admin inserting an account row names the connection only: not its sync state or who connected it", async () => {
    const insert = (cols: string, vals: string) =>
      `insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id${cols}) values ('${a.orgId}', 'ebay', 'X', 'ext-x'${vals}) returning id`;
    expect(await attempt(db, users.admin, insert('', ''))).toEqual({ rows: 1 });
    for (const [col, val] of [['connected_by', `'${users.owner.sub}'`], ['status', `'needs_reconnect'`], ['last_sync_succeeded_at', 'now()'], ['consecutive_auth_failures', '9'], ['created_at', `now() - interval '1 year'`]]) {
      expect(await attempt(db, users.admin, insert(`, ${col}`, `, ${val}`)), col).toEqual({ error: '42501' });
    }
    expect(await attempt(db, users.admin, insert(', marketplace_code', `, '${'x'.repeat(51)}'`)), 'long marketplace_code').toEqual({ error: '23514' });
    const longId = `insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id) values ('${a.orgId}', 'ebay', 'X', '${'x'.repeat(201)}') returning id`;
    expect(await attempt(db, users.admin, longId), 'long external id').toEqual({ error: '23514' });
  });

  it('shipping settings: bounded dimensions and text, no other organization, no bookkeeping columns', async () => {
    const preset = (org: string, dims: string, w = '16') =>
      `insert into public.package_presets (org_id, name, length_in, width_in, height_in, weight_oz) values ('${org}', 'P-${crypto.randomUUID()}', ${dims}, ${w}) returning id`;
    expect(await attempt(db, users.admin, preset(a.orgId, '10, 8, 4'))).toEqual({ rows: 1 });
    for (const [dims, w] of [['0, 8, 4', '16'], ['10, 8, 109', '16'], ['-1, 8, 4', '16'], ['10, 8, 4', '0'], ['10, 8, 4', '2401']]) {
      expect(await attempt(db, users.admin, preset(a.orgId, dims, w)), `${dims} / ${w} oz`).toEqual({ error: '23514' });
    }
    expect(await attempt(db, users.admin, preset(b.orgId, '10, 8, 4'))).toEqual({ error: '42501' });
    const from = (cols: string, vals: string) =>
      `insert into public.ship_from_locations (org_id, name, street1, city, state, zip, country${cols}) values ('${a.orgId}', 'L-${crypto.randomUUID()}', '1 Main St', 'Austin', 'TX', '78701', 'US'${vals}) returning id`;
    expect(await attempt(db, users.admin, from('', ''))).toEqual({ rows: 1 });
    expect(await attempt(db, users.admin, from(', created_at', `, now() - interval '1 year'`))).toEqual({ error: '42501' });
    expect(await attempt(db, users.admin, from(', street2', `, '${'x'.repeat(101)}'`))).toEqual({ error: '23514' });
    expect(await attempt(db, users.operator, from('', ''))).toEqual({ error: '42501' });
  });

  it('free text people can write is bounded', async () => {
    const long = (n: number) => `'${'x'.repeat(n)}'`;
    const buyer = (col: string, n: number) => `update public.order_buyers set ${col} = ${long(n)} where order_id = '${a.orderId}' returning order_id`;
    for (const [col, max] of [['name', 300], ['address_line1', 300], ['city', 200], ['postal_code', 40], ['phone', 60]] as const) {
      expect(await attempt(db, users.operator, buyer(col, max)), `${col} at ${max}`).toEqual({ rows: 1 });
      expect(await attempt(db, users.operator, buyer(col, max + 1)), `${col} over ${max}`).toEqual({ error: '23514' });
    }
    const reason = (n: number) => `update public.marketplace_accounts set status_reason = ${long(n)} where id = '${a.accountId}' returning id`;
    expect(await attempt(db, users.admin, reason(500))).toEqual({ rows: 1 });
    expect(await attempt(db, users.admin, reason(501))).toEqual({ error: '23514' });
  });

  it('a member cannot insert audit rows directly, with any action or a back-dated created_at', async () => {
    for (const role of ROLES) {
      const forged = `insert into public.audit_events (org_id, actor_type, actor_user_id, action, created_at) values ('${a.orgId}', 'user', auth.uid(), 'anything', now() - interval '1 year') returning id`;
      expect(await attempt(db, users[role], forged), role).toEqual({ error: '42501' });
    }
    const [priv] = rowsOf<{ ins: boolean; created: boolean }>(
      await db.execute(sql`select has_table_privilege('authenticated', 'public.audit_events', 'insert') as ins,
        has_column_privilege('authenticated', 'public.audit_events', 'created_at', 'insert,update') as created`),
    );
    expect(priv).toEqual({ ins: false, created: false });
  });

  it('private.record_audit writes as the caller, now, in their own organization only', async () => {
    let row: Record<string, unknown> | undefined;
    await runAsUser(db, users.viewer, async (tx) => {
      const [{ id }] = rowsOf<{ id: string }>(await tx.execute(sql.raw(audit(a.orgId, 'order.viewed', '{"n":1}'))));
      [row] = rowsOf(await tx.execute(sql.raw(`select actor_type, actor_user_id, action, details, created_at = now() as now from public.audit_events where id = '${id}'`)));
    });
    expect(row).toEqual({ actor_type: 'user', actor_user_id: users.viewer.sub, action: 'order.viewed', details: { n: 1 }, now: true });
    expect(await attempt(db, users.owner, audit(b.orgId, 'order.viewed')), 'another org').toEqual({ error: '42501' });
    for (const bad of ['seeded', 'Order.Viewed', 'order.', `x.${'y'.repeat(100)}`, "order.viewed'; --"]) {
      expect(await attempt(db, users.owner, audit(a.orgId, bad.replace(/'/g, "''"))), bad).toEqual({ error: '22023' });
    }
    const big = JSON.stringify({ blob: 'x'.repeat(5000) });
    expect(await attempt(db, users.owner, audit(a.orgId, 'order.viewed', big)), 'oversized details').toEqual({ error: '23514' });
    expect(await attempt(db, users.owner, audit(a.orgId, 'order.viewed', '[1,2]')), 'details not an object').toEqual({ error: '23514' });
  });
});
