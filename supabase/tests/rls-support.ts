// What the RLS suites share: the expected rights per table and role, one statement per table and
// operation for a tenant, two seeded tenants, and attempts that are always rolled back.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { pgErrorCode, rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import type { Role } from '@/lib/model';
import { createOrg, createUser } from '@/tests/support/fixtures';

export type Op = 'select' | 'insert' | 'update' | 'delete';
/** Least role allowed for each operation; null: no role at all (service only). */
export type Rule = Record<Op, Role | null>;

export const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3, owner: 4 };
export const ROLES: Role[] = ['viewer', 'operator', 'admin', 'owner'];

export const EXPECTED: Record<string, Rule> = {
  organizations: { select: 'viewer', insert: null, update: 'owner', delete: 'owner' },
  // Nobody inserts memberships: they come from sign-up and accepted invitations (security definer).
  memberships: { select: 'viewer', insert: null, update: 'admin', delete: 'admin' },
  marketplace_accounts: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  marketplace_credentials: { select: null, insert: null, update: null, delete: null },
  orders: { select: 'viewer', insert: null, update: 'operator', delete: null },
  order_items: { select: 'viewer', insert: null, update: null, delete: null },
  order_buyers: { select: 'viewer', insert: null, update: 'operator', delete: null },
  listings: { select: 'viewer', insert: null, update: null, delete: null },
  // Written by the shipping service path only (issue 7 §4).
  shipments: { select: 'viewer', insert: null, update: null, delete: null },
  // Which lines each package covers (issue 11): written with its shipment, by the service path only.
  shipment_lines: { select: 'viewer', insert: null, update: null, delete: null },
  sync_runs: { select: 'viewer', insert: null, update: null, delete: null },
  jobs: { select: 'viewer', insert: null, update: 'operator', delete: null },
  // People record audit events through private.record_audit only (see "grants that hold without the app").
  audit_events: { select: 'viewer', insert: null, update: null, delete: null },
  // Written by triggers only (an order's history): members read it, nobody writes it.
  order_events: { select: 'viewer', insert: null, update: null, delete: null },
  // System table (no org): nobody but the service path.
  ebay_deletion_notifications: { select: null, insert: null, update: null, delete: null },
  invitations: { select: 'admin', insert: 'admin', update: null, delete: null },
  sync_quarantine: { select: 'viewer', insert: null, update: null, delete: null },
  // Shipping settings: every member reads them (operators buy with them), admins manage them.
  ship_from_locations: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  package_presets: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  sku_defaults: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  shipping_rules: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  // Carrier scans: written by the tracking webhook and polling job only.
  shipment_tracking_events: { select: 'viewer', insert: null, update: null, delete: null },
  // Report rollups: every member reads them (viewers read reports); only their triggers write.
  report_order_days: { select: 'viewer', insert: null, update: null, delete: null },
  report_flow_days: { select: 'viewer', insert: null, update: null, delete: null },
  report_sku_days: { select: 'viewer', insert: null, update: null, delete: null },
  report_geo_days: { select: 'viewer', insert: null, update: null, delete: null },
  report_sku_periods: { select: 'viewer', insert: null, update: null, delete: null },
  report_label_days: { select: 'viewer', insert: null, update: null, delete: null },
  report_label_periods: { select: 'viewer', insert: null, update: null, delete: null },
  report_label_orders: { select: 'viewer', insert: null, update: null, delete: null },
  report_label_margin_days: { select: 'viewer', insert: null, update: null, delete: null },
};

/** Tables keyed by user rather than organization, with their own cases below. */
export const PER_USER_TABLES = ['user_preferences', 'saved_order_views'];

export interface Tenant {
  orgId: string;
  accountId: string;
  spareAccountId: string;
  orderId: string;
  spareOrderId: string;
  targetUserId: string; // a viewer member that membership update/delete act on
}

// Statements per table, for a tenant. Update sets a column the allowed role may touch
// (column grants are part of what is tested).
export function statements(t: Tenant, newcomer: string): Record<string, Record<Op, string>> {
  const o = `'${t.orgId}'`;
  return {
    organizations: {
      select: `select id from public.organizations where id = ${o}`,
      insert: `insert into public.organizations (name) values ('Intruder') returning id`,
      update: `update public.organizations set name = 'Renamed' where id = ${o} returning id`,
      delete: `delete from public.organizations where id = ${o} returning id`,
    },
    memberships: {
      select: `select user_id from public.memberships where org_id = ${o}`,
      insert: `insert into public.memberships (org_id, user_id, role) values (${o}, '${newcomer}', 'viewer') returning user_id`,
      update: `update public.memberships set role = 'operator' where org_id = ${o} and user_id = '${t.targetUserId}' returning user_id`,
      delete: `delete from public.memberships where org_id = ${o} and user_id = '${t.targetUserId}' returning user_id`,
    },
    marketplace_accounts: {
      select: `select id from public.marketplace_accounts where org_id = ${o}`,
      insert: `insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id) values (${o}, 'ebay', 'New', 'new-ext') returning id`,
      update: `update public.marketplace_accounts set display_name = 'Renamed' where id = '${t.accountId}' returning id`,
      delete: `delete from public.marketplace_accounts where id = '${t.accountId}' returning id`,
    },
    marketplace_credentials: {
      select: `select account_id from public.marketplace_credentials where org_id = ${o}`,
      insert: `insert into public.marketplace_credentials (account_id, org_id, key_id, iv, ciphertext, auth_tag) values ('${t.spareAccountId}', ${o}, 'k1', '\\x00', '\\x00', '\\x00') returning account_id`,
      update: `update public.marketplace_credentials set key_id = 'k2' where org_id = ${o} returning account_id`,
      delete: `delete from public.marketplace_credentials where org_id = ${o} returning account_id`,
    },
    orders: {
      select: `select id from public.orders where org_id = ${o}`,
      insert: `insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at) values (${o}, '${t.accountId}', 'walmart', 'new-1', 'unshipped', 'Created', now(), now()) returning id`,
      update: `update public.orders set on_hold = true where id = '${t.orderId}' returning id`,
      delete: `delete from public.orders where id = '${t.orderId}' returning id`,
    },
    order_items: {
      select: `select id from public.order_items where org_id = ${o}`,
      insert: `insert into public.order_items (org_id, order_id, line_id, quantity) values (${o}, '${t.orderId}', '99', 1) returning id`,
      update: `update public.order_items set quantity = 7 where order_id = '${t.orderId}' returning id`,
      delete: `delete from public.order_items where order_id = '${t.orderId}' returning id`,
    },
    order_buyers: {
      select: `select order_id from public.order_buyers where org_id = ${o}`,
      insert: `insert into public.order_buyers (order_id, org_id, name) values ('${t.spareOrderId}', ${o}, 'X') returning order_id`,
      update: `update public.order_buyers set name = 'Corrected' where order_id = '${t.orderId}' returning order_id`,
      delete: `delete from public.order_buyers where order_id = '${t.orderId}' returning order_id`,
    },
    listings: {
      select: `select id from public.listings where org_id = ${o}`,
      insert: `insert into public.listings (org_id, marketplace_account_id, marketplace, sku, publish_status) values (${o}, '${t.accountId}', 'walmart', 'NEW-SKU', 'published') returning id`,
      update: `update public.listings set title = 'Changed' where org_id = ${o} returning id`,
      delete: `delete from public.listings where org_id = ${o} returning id`,
    },
    shipments: {
      select: `select id from public.shipments where org_id = ${o}`,
      insert: `insert into public.shipments (org_id, order_id, status) values (${o}, '${t.spareOrderId}', 'purchasing') returning id`,
      update: `update public.shipments set status = 'failed' where org_id = ${o} returning id`,
      delete: `delete from public.shipments where org_id = ${o} returning id`,
    },
    shipment_tracking_events: {
      select: `select id from public.shipment_tracking_events where org_id = ${o}`,
      insert: `insert into public.shipment_tracking_events (org_id, shipment_id, shippo_status_id, status, occurred_at)
        select ${o}, id, 'forged', 'delivered', now() from public.shipments where org_id = ${o} limit 1 returning id`,
      update: `update public.shipment_tracking_events set status = 'delivered' where org_id = ${o} returning id`,
      delete: `delete from public.shipment_tracking_events where org_id = ${o} returning id`,
    },
    shipment_lines: {
      select: `select id from public.shipment_lines where org_id = ${o}`,
      insert: `insert into public.shipment_lines (org_id, shipment_id, order_item_id, quantity)
        select ${o}, s.id, i.id, 1 from public.shipments s, public.order_items i where s.org_id = ${o} and i.org_id = ${o} limit 1 returning id`,
      update: `update public.shipment_lines set quantity = 2 where org_id = ${o} returning id`,
      delete: `delete from public.shipment_lines where org_id = ${o} returning id`,
    },
    sync_runs: {
      select: `select id from public.sync_runs where org_id = ${o}`,
      insert: `insert into public.sync_runs (org_id, marketplace_account_id, kind, trigger) values (${o}, '${t.accountId}', 'orders', 'manual') returning id`,
      update: `update public.sync_runs set pages = 9 where org_id = ${o} returning id`,
      delete: `delete from public.sync_runs where org_id = ${o} returning id`,
    },
    jobs: {
      select: `select id from public.jobs where org_id = ${o}`,
      insert: `insert into public.jobs (org_id, marketplace_account_id, kind) values (${o}, '${t.spareAccountId}', 'sync_orders') returning id`,
      update: `update public.jobs set run_at = now() where org_id = ${o} returning id`,
      delete: `delete from public.jobs where org_id = ${o} returning id`,
    },
    sync_quarantine: {
      select: `select id from public.sync_quarantine where org_id = ${o}`,
      insert: `insert into public.sync_quarantine (org_id, account_id, kind, external_id, reason) values (${o}, '${t.accountId}', 'order', 'PO-9', 'x') returning id`,
      update: `update public.sync_quarantine set attempts = 9 where org_id = ${o} returning id`,
      delete: `delete from public.sync_quarantine where org_id = ${o} returning id`,
    },
    audit_events: {
      select: `select id from public.audit_events where org_id = ${o}`,
      insert: `insert into public.audit_events (org_id, actor_type, actor_user_id, action) values (${o}, 'user', auth.uid(), 'test.event') returning id`,
      update: `update public.audit_events set action = 'tampered' where org_id = ${o} returning id`,
      delete: `delete from public.audit_events where org_id = ${o} returning id`,
    },
    order_events: {
      select: `select id from public.order_events where org_id = ${o}`,
      insert: `insert into public.order_events (org_id, order_id, kind, actor_type, actor_user_id) values (${o}, '${t.orderId}', 'held', 'user', auth.uid()) returning id`,
      update: `update public.order_events set kind = 'released' where org_id = ${o} returning id`,
      delete: `delete from public.order_events where org_id = ${o} returning id`,
    },
    ebay_deletion_notifications: {
      select: `select notification_id from public.ebay_deletion_notifications`,
      insert: `insert into public.ebay_deletion_notifications (notification_id, user_id) values ('forged-${t.orgId}', 'u') returning notification_id`,
      update: `update public.ebay_deletion_notifications set status = 'pending' returning notification_id`,
      delete: `delete from public.ebay_deletion_notifications returning notification_id`,
    },
    invitations: {
      select: `select id from public.invitations where org_id = ${o}`,
      insert: `insert into public.invitations (org_id, email, role, token_hash, invited_by) values (${o}, 'new@b.test', 'viewer', '${'a'.repeat(64)}', auth.uid()) returning id`,
      update: `update public.invitations set status = 'accepted' where org_id = ${o} returning id`,
      delete: `delete from public.invitations where org_id = ${o} returning id`,
    },
    ship_from_locations: {
      select: `select id from public.ship_from_locations where org_id = ${o}`,
      insert: `insert into public.ship_from_locations (org_id, name, street1, city, state, zip, country) values (${o}, 'Second', '1 Main St', 'Austin', 'TX', '78701', 'US') returning id`,
      update: `update public.ship_from_locations set name = 'Renamed' where org_id = ${o} returning id`,
      delete: `delete from public.ship_from_locations where org_id = ${o} returning id`,
    },
    package_presets: {
      select: `select id from public.package_presets where org_id = ${o}`,
      insert: `insert into public.package_presets (org_id, name, length_in, width_in, height_in, weight_oz) values (${o}, 'Big box', 12, 10, 8, 32) returning id`,
      update: `update public.package_presets set weight_oz = 20 where org_id = ${o} returning id`,
      delete: `delete from public.package_presets where org_id = ${o} returning id`,
    },
    sku_defaults: {
      select: `select id from public.sku_defaults where org_id = ${o}`,
      insert: `insert into public.sku_defaults (org_id, sku, weight_oz) values (${o}, 'SKU-NEW', 12) returning id`,
      update: `update public.sku_defaults set weight_oz = 20 where org_id = ${o} returning id`,
      delete: `delete from public.sku_defaults where org_id = ${o} returning id`,
    },
    shipping_rules: {
      select: `select id from public.shipping_rules where org_id = ${o}`,
      insert: `insert into public.shipping_rules (org_id, name, effect, kind, value, message) values (${o}, 'Heavy', 'block', 'max_weight_oz', '800', 'Too heavy') returning id`,
      update: `update public.shipping_rules set enabled = false where org_id = ${o} returning id`,
      delete: `delete from public.shipping_rules where org_id = ${o} returning id`,
    },
    ...rollupStatements(t),
  };
}

/** The column each rollup's update statement bumps (orders, where it has one). */
const UPDATED: Record<string, string> = { report_label_days: 'labels', report_label_periods: 'labels', report_label_orders: 'days' };

/** The report rollups (seedTenant's order and its bought label put a row in each). */
function rollupStatements(t: Tenant): Record<string, Record<Op, string>> {
  const o = `'${t.orgId}'`;
  const key = `org_id, marketplace_account_id, marketplace, day`;
  const keyValues = `${o}, '${t.accountId}', 'walmart', '2020-01-01'`;
  const inserts: Record<string, string> = {
    report_order_days: `(${key}, status, currency, orders, units, subtotal, shipping, tax, total) values (${keyValues}, 'shipped', 'USD', 1, 1, 1, 1, 1, 1)`,
    report_flow_days: `(${key}, event, orders, with_ship_by, on_time) values (${keyValues}, 'placed', 1, 0, 0)`,
    report_sku_days: `(${key}, currency, sku, units, revenue, orders) values (${keyValues}, 'USD', 'X', 1, 1, 1)`,
    report_geo_days: `(${key}, currency, country, region, orders, sales) values (${keyValues}, 'USD', 'US', 'NY', 1, 1)`,
    report_sku_periods: `(org_id, marketplace_account_id, marketplace, grain, start, currency, sku, days, units, revenue, orders) values (${o}, '${t.accountId}', 'walmart', 'year', '2020-01-01', 'USD', 'X', 1, 1, 1, 1)`,
    report_label_days: `(${key}, currency, labels, refunded, gross, refunds) values (${keyValues}, 'USD', 1, 0, 1, 0)`,
    report_label_periods: `(org_id, marketplace_account_id, marketplace, grain, start, currency, labels, refunded, gross, refunds, net) values (${o}, '${t.accountId}', 'walmart', 'month', '2020-01-01', 'USD', 1, 0, 1, 0, 1)`,
    report_label_orders: `(org_id, order_id, day, marketplace_account_id, marketplace, currency, external_order_id, charged, cost, days) values (${o}, '${t.spareOrderId}', '2020-01-01', '${t.accountId}', 'walmart', 'USD', 'X', 1, 1, 1)`,
    report_label_margin_days: `(${key}, currency, orders, charged, cost) values (${keyValues}, 'USD', 1, 1, 1)`,
  };
  return Object.fromEntries(
    Object.entries(inserts).map(([table, values]) => [
      table,
      {
        select: `select org_id from public.${table} where org_id = ${o}`,
        insert: `insert into public.${table} ${values} returning org_id`,
        update: `update public.${table} set ${UPDATED[table] ?? 'orders'} = ${UPDATED[table] ?? 'orders'} + 1 where org_id = ${o} returning org_id`,
        delete: `delete from public.${table} where org_id = ${o} returning org_id`,
      },
    ]),
  );
}

export class Rollback extends Error {}

/** Rows affected, or the SQLSTATE of the error. Always rolled back. */
export async function attempt(db: Db, user: Claims, statement: string): Promise<{ rows: number } | { error: string }> {
  let outcome: { rows: number } | { error: string } = { rows: 0 };
  try {
    await runAsUser(db, user, async (tx) => {
      outcome = { rows: rowsOf(await tx.execute(sql.raw(statement))).length };
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) outcome = { error: pgErrorCode(e) ?? String(e) };
  }
  return outcome;
}

export async function seedTenant(db: Db, name: string, members: Array<[Claims, Role]>): Promise<Tenant> {
  const target = await createUser(db);
  const orgId = await createOrg(db, name, [...members, [target, 'viewer']]);
  const q = async (text: string) => rowsOf<{ id: string }>(await db.execute(sql.raw(text)))[0]?.id;
  const acct = (ext: string) =>
    q(`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id) values ('${orgId}', 'walmart', 'W', '${ext}') returning id`);
  const accountId = await acct('seller-1');
  const spareAccountId = await acct('seller-2');
  const order = (ext: string) =>
    q(`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at)
       values ('${orgId}', '${accountId}', 'walmart', '${ext}', 'unshipped', 'Created', now(), now()) returning id`);
  const orderId = await order('PO-1');
  const spareOrderId = await order('PO-2');
  const seed = `
    insert into public.marketplace_credentials (account_id, org_id, key_id, iv, ciphertext, auth_tag) values ('${accountId}', '${orgId}', 'k1', '\\x01', '\\x02', '\\x03');
    insert into public.order_items (org_id, order_id, line_id, sku, quantity) values ('${orgId}', '${orderId}', '1', 'SKU-1', 1);
    insert into public.order_buyers (order_id, org_id, name, city) values ('${orderId}', '${orgId}', 'Jane Buyer', 'Austin');
    insert into public.listings (org_id, marketplace_account_id, marketplace, sku, publish_status) values ('${orgId}', '${accountId}', 'walmart', 'SKU-1', 'published');
    insert into public.shipments (org_id, order_id, status, label_cost) values ('${orgId}', '${orderId}', 'purchased', 4.25);
    insert into public.shipment_tracking_events (org_id, shipment_id, shippo_status_id, status, occurred_at)
      select org_id, id, 'st-1', 'in_transit', now() from public.shipments where org_id = '${orgId}';
    insert into public.shipment_lines (org_id, shipment_id, order_item_id, quantity) select '${orgId}', s.id, i.id, 1 from public.shipments s, public.order_items i where s.order_id = '${orderId}' and i.order_id = '${orderId}';
    insert into public.sync_runs (org_id, marketplace_account_id, kind, trigger) values ('${orgId}', '${accountId}', 'orders', 'schedule');
    insert into public.jobs (org_id, marketplace_account_id, kind) values ('${orgId}', '${accountId}', 'sync_orders');
    insert into public.sync_quarantine (org_id, account_id, kind, external_id, reason) values ('${orgId}', '${accountId}', 'order', 'PO-3', 'unreadable field x (too_small)');
    insert into public.audit_events (org_id, actor_type, action) values ('${orgId}', 'system', 'seeded');
    insert into public.ebay_deletion_notifications (notification_id, user_id) values ('seed-${orgId}', 'ebay-user');
    insert into public.invitations (org_id, email, role, token_hash) values ('${orgId}', 'invitee@b.test', 'viewer', '${crypto.randomBytes(32).toString('hex')}');
    insert into public.ship_from_locations (org_id, name, street1, city, state, zip, country) values ('${orgId}', 'Warehouse', '1455 NW Irving St', 'Portland', 'OR', '97209', 'US');
    insert into public.package_presets (org_id, name, length_in, width_in, height_in, weight_oz) values ('${orgId}', 'Small box', 10, 8, 4, 16);
    insert into public.sku_defaults (org_id, sku, weight_oz) values ('${orgId}', 'SKU-1', 8);
    insert into public.shipping_rules (org_id, name, effect, kind, value, message) values ('${orgId}', 'No PO boxes', 'block', 'po_box', '', 'We do not ship to PO boxes')`;
  for (const statement of seed.split(';\n')) await db.execute(sql.raw(statement));
  return { orgId, accountId, spareAccountId, orderId, spareOrderId, targetUserId: target.sub };
}


/** Rows affected, or the SQLSTATE of the error, as the connection's own role. Always rolled back. */
export async function attemptAsOwner(db: Db, statement: string): Promise<{ rows: number } | { error: string }> {
  let outcome: { rows: number } | { error: string } = { rows: 0 };
  try {
    await db.transaction(async (tx) => {
      outcome = { rows: rowsOf(await tx.execute(sql.raw(statement))).length };
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) outcome = { error: pgErrorCode(e) ?? String(e) };
  }
  return outcome;
}

/** Each tenant child table, with a row of org A that points at org B's parent. */
export function crossTenantChildRows(a: Tenant, b: Tenant): Record<string, string> {
  const o = `'${a.orgId}'`;
  return {
    marketplace_credentials: `insert into public.marketplace_credentials (account_id, org_id, key_id, iv, ciphertext, auth_tag) values ('${b.spareAccountId}', ${o}, 'k1', '\\x00', '\\x00', '\\x00') returning account_id`,
    orders: `insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at) values (${o}, '${b.accountId}', 'walmart', 'X-1', 'unshipped', 'Created', now(), now()) returning id`,
    listings: `insert into public.listings (org_id, marketplace_account_id, marketplace, sku, publish_status) values (${o}, '${b.accountId}', 'walmart', 'X-SKU', 'published') returning id`,
    sync_runs: `insert into public.sync_runs (org_id, marketplace_account_id, kind, trigger) values (${o}, '${b.accountId}', 'orders', 'manual') returning id`,
    jobs: `insert into public.jobs (org_id, marketplace_account_id, kind) values (${o}, '${b.spareAccountId}', 'sync_orders') returning id`,
    order_items: `insert into public.order_items (org_id, order_id, line_id, quantity) values (${o}, '${b.orderId}', '77', 1) returning id`,
    order_buyers: `insert into public.order_buyers (order_id, org_id, name) values ('${b.spareOrderId}', ${o}, 'X') returning order_id`,
    shipments: `insert into public.shipments (org_id, order_id, status) values (${o}, '${b.spareOrderId}', 'purchased') returning id`,
    order_events: `insert into public.order_events (org_id, order_id, kind, actor_type) values (${o}, '${b.orderId}', 'held', 'system') returning id`,
  };
}
