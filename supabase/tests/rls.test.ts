// Row-level security, proven table by table. Every table in `public` is found from the catalog:
// a table without an entry in EXPECTED fails the suite, so no new table can escape it. For two
// organizations and each role, every select/insert/update/delete is tried inside a transaction
// that is rolled back, and the outcome compared with what the role may do.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgErrorCode, rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import type { Role } from '@/lib/model';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';

type Op = 'select' | 'insert' | 'update' | 'delete';
/** Least role allowed for each operation; null: no role at all (service only). */
type Rule = Record<Op, Role | null>;

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3, owner: 4 };
const ROLES: Role[] = ['viewer', 'operator', 'admin', 'owner'];

const EXPECTED: Record<string, Rule> = {
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
  sync_runs: { select: 'viewer', insert: null, update: null, delete: null },
  jobs: { select: 'viewer', insert: null, update: 'operator', delete: null },
  // People record audit events through private.record_audit only (see "grants that hold without the app").
  audit_events: { select: 'viewer', insert: null, update: null, delete: null },
  // System table (no org): nobody but the service path.
  ebay_deletion_notifications: { select: null, insert: null, update: null, delete: null },
  invitations: { select: 'admin', insert: 'admin', update: null, delete: null },
  sync_quarantine: { select: 'viewer', insert: null, update: null, delete: null },
  // Shipping settings: every member reads them (operators buy with them), admins manage them.
  ship_from_locations: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  package_presets: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  sku_defaults: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  shipping_rules: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
};

/** Tables keyed by user rather than organization, with their own cases below. */
const PER_USER_TABLES = ['user_preferences'];

interface Tenant {
  orgId: string;
  accountId: string;
  spareAccountId: string;
  orderId: string;
  spareOrderId: string;
  targetUserId: string; // a viewer member that membership update/delete act on
}

// Statements per table, for a tenant. Update sets a column the allowed role may touch
// (column grants are part of what is tested).
function statements(t: Tenant, newcomer: string): Record<string, Record<Op, string>> {
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
  };
}

class Rollback extends Error {}

/** Rows affected, or the SQLSTATE of the error. Always rolled back. */
async function attempt(db: Db, user: Claims, statement: string): Promise<{ rows: number } | { error: string }> {
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

async function seedTenant(db: Db, name: string, members: Array<[Claims, Role]>): Promise<Tenant> {
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
    insert into public.shipments (org_id, order_id, status) values ('${orgId}', '${orderId}', 'purchased');
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

describe.each(backends)('row-level security on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let tables: string[];
  const users = {} as Record<Role, Claims>;
  let newcomer: Claims;
  let a: Tenant;
  let b: Tenant;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    tables = rowsOf<{ relname: string }>(
      await db.execute(sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`),
    ).map((r) => r.relname);
    for (const role of ROLES) users[role] = await createUser(db, `${role}-${crypto.randomUUID()}@a.test`);
    newcomer = await createUser(db);
    a = await seedTenant(db, 'Org A', ROLES.map((r) => [users[r], r]));
    b = await seedTenant(db, 'Org B', [[await createUser(db), 'owner']]);
  });
  afterAll(() => t?.cleanup());

  it('every public table has RLS enabled and an expectation in this suite', async () => {
    expect(tables.length).toBeGreaterThanOrEqual(12);
    const rls = rowsOf<{ relname: string; on: boolean }>(
      await db.execute(sql`select c.relname, c.relrowsecurity as on from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')`),
    );
    for (const r of rls) expect(r.on, `RLS on ${r.relname}`).toBe(true);
    expect(tables.filter((x) => !EXPECTED[x] && !PER_USER_TABLES.includes(x)), 'tables missing from EXPECTED').toEqual([]);
  });

  it('nothing in public is granted to anon (tables, columns, sequences, functions)', async () => {
    const grants = rowsOf(
      await db.execute(sql`
        select table_name as name, privilege_type as p from information_schema.role_table_grants
          where table_schema = 'public' and grantee = 'anon'
        union all select table_name || '.' || column_name, privilege_type from information_schema.column_privileges
          where table_schema = 'public' and grantee = 'anon'
        union all select c.relname, 'sequence' from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and case when c.relkind = 'S' then has_sequence_privilege('anon', c.oid, 'usage') else false end`),
    );
    expect(grants).toEqual([]);
    const fns = rowsOf(
      await db.execute(sql`select p.proname from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private') and has_function_privilege('anon', p.oid, 'execute')`),
    );
    expect(fns).toEqual([]);
  });

  for (const table of Object.keys(EXPECTED)) {
    for (const role of ROLES) {
      it(`${table}: ${role} of org A gets exactly what the policy allows, and nothing of org B`, async () => {
        const rule = EXPECTED[table];
        const own = statements(a, newcomer.sub)[table];
        const other = statements(b, newcomer.sub)[table];
        for (const op of ['select', 'insert', 'update', 'delete'] as Op[]) {
          const allowed = rule[op] !== null && RANK[role] >= RANK[rule[op]!];
          const mine = await attempt(db, users[role], own[op]);
          if (allowed) {
            expect(mine, `${role} ${op} own ${table}`).toEqual({ rows: expect.any(Number) });
            expect((mine as { rows: number }).rows, `${role} ${op} own ${table} affects rows`).toBeGreaterThan(0);
          } else if (op === 'insert') {
            expect(mine, `${role} insert own ${table} refused`).toEqual({ error: '42501' });
          } else {
            // Refused either by privilege (42501) or by the policy filtering every row out.
            expect([{ error: '42501' }, { rows: 0 }], `${role} ${op} own ${table} refused`).toContainEqual(mine);
          }
          const theirs = await attempt(db, users[role], other[op]);
          if (op === 'insert') {
            // A role that may insert in its own org is refused in another (policy 42501); inserts
            // with no org column in their values (organizations) are refused for everyone.
            expect(theirs, `${role} insert into org B ${table}`).toEqual({ error: '42501' });
          } else {
            expect([{ error: '42501' }, { rows: 0 }], `${role} ${op} org B ${table}`).toContainEqual(theirs);
          }
        }
      });
    }
  }

  it('organizations: admins may change the time zone but not the name; operators neither; a bad zone is refused', async () => {
    const o = `'${a.orgId}'`;
    const tz = (zone: string) => `update public.organizations set time_zone = '${zone}' where id = ${o} returning id`;
    expect(await attempt(db, users.owner, tz('America/Chicago'))).toEqual({ rows: 1 });
    expect(await attempt(db, users.admin, tz('America/Chicago'))).toEqual({ rows: 1 });
    expect([{ error: '42501' }, { rows: 0 }]).toContainEqual(await attempt(db, users.operator, tz('America/Chicago')));
    expect([{ error: '42501' }, { rows: 0 }]).toContainEqual(await attempt(db, users.viewer, tz('America/Chicago')));
    expect([{ error: '42501' }, { rows: 0 }]).toContainEqual(await attempt(db, users.admin, `update public.organizations set time_zone = 'UTC' where id = '${b.orgId}' returning id`));
    expect(await attempt(db, users.admin, `update public.organizations set name = 'Admin rename' where id = ${o} returning id`)).toEqual({ error: '42501' });
    expect(await attempt(db, users.admin, `update public.organizations set name = 'X', time_zone = 'UTC' where id = ${o} returning id`)).toEqual({ error: '42501' });
    expect(await attempt(db, users.admin, `update public.organizations set pii_retention_days = 5 where id = ${o} returning id`)).toEqual({ error: '42501' });
    expect(await attempt(db, users.owner, tz('Mars/Olympus'))).toEqual({ error: '23514' });
  });

  it("jobs: members may move run_at only, never the queue's own columns (status, attempts, lease, payload, error)", async () => {
    const o = `'${a.orgId}'`;
    for (const set of [`status = 'queued'`, 'attempts = 0', `locked_by = 'me'`, `payload = '{}'`, 'last_error = null', 'max_attempts = 99', 'recurring = false']) {
      expect(await attempt(db, users.owner, `update public.jobs set ${set} where org_id = ${o} returning id`), set).toEqual({ error: '42501' });
    }
  });

  it('user_preferences: each user reads and writes only their own row, pointing only at their own organizations', async () => {
    const pref = (user: Claims, org: string) =>
      db.execute(sql.raw(`insert into public.user_preferences (user_id, current_org_id) values ('${user.sub}', '${org}') on conflict do nothing`));
    for (const role of ROLES) await pref(users[role], a.orgId);
    await pref(newcomer, b.orgId);
    const upsert = (org: string, who = 'auth.uid()') =>
      `insert into public.user_preferences (user_id, current_org_id) values (${who}, '${org}')
       on conflict (user_id) do update set current_org_id = excluded.current_org_id returning user_id`;
    for (const role of ROLES) {
      const me = users[role];
      const tried = async (statement: string) => attempt(db, me, statement);
      expect(await tried(`select user_id from public.user_preferences`), `${role} sees only their row`).toEqual({ rows: 1 });
      expect(await tried(upsert(a.orgId)), `${role} points at own org`).toEqual({ rows: 1 });
      expect(await tried(upsert(b.orgId)), `${role} points at org B`).toEqual({ error: '42501' });
      expect(await tried(`update public.user_preferences set current_org_id = '${b.orgId}' where user_id = auth.uid() returning user_id`)).toEqual({ error: '42501' });
      expect(await tried(upsert(a.orgId, `'${newcomer.sub}'`)), `${role} writes another user's row`).toEqual({ error: '42501' });
      expect(await tried(`update public.user_preferences set current_org_id = null where user_id <> auth.uid() returning user_id`)).toEqual({ rows: 0 });
      expect(await tried(`delete from public.user_preferences returning user_id`)).toEqual({ error: '42501' });
    }
  });

  it('memberships: every member may delete their own row (leave), except the last owner', async () => {
    for (const role of ROLES) {
      const mine = await attempt(db, users[role], `delete from public.memberships where org_id = '${a.orgId}' and user_id = auth.uid() returning user_id`);
      expect(mine, `${role} leaves org A`).toEqual(role === 'owner' ? { error: '23514' } : { rows: 1 });
    }
  });

  it('invitations: admins cannot invite owners, invite in another name, or set status/expiry', async () => {
    const hash = crypto.randomBytes(32).toString('hex');
    const as = (who: Claims, cols: string, vals: string) =>
      attempt(db, who, `insert into public.invitations (org_id, email, token_hash, ${cols}) values ('${a.orgId}', 'x@b.test', '${hash}', ${vals}) returning id`);
    expect(await as(users.admin, 'role, invited_by', `'owner', auth.uid()`), 'admin invites an owner').toEqual({ error: '42501' });
    expect(await as(users.owner, 'role, invited_by', `'owner', auth.uid()`), 'owner invites an owner').toEqual({ rows: 1 });
    expect(await as(users.admin, 'role, invited_by', `'viewer', '${users.owner.sub}'`), 'in another name').toEqual({ error: '42501' });
    expect(await as(users.admin, 'role, invited_by, status', `'viewer', auth.uid(), 'accepted'`), 'status').toEqual({ error: '42501' });
    expect(await as(users.admin, 'role, invited_by, expires_at', `'viewer', auth.uid(), 'infinity'`), 'expiry').toEqual({ error: '42501' });
  });

  it('functions: the e-mail lookup is gone; invitation answers are callable by authenticated only', async () => {
    const [lookup] = rowsOf<{ f: string | null }>(await db.execute(sql`select to_regprocedure('private.user_id_by_email(text)')::text as f`));
    expect(lookup.f).toBeNull();
    const fns = rowsOf<{ proname: string; auth: boolean }>(
      await db.execute(sql`select p.proname, has_function_privilege('authenticated', p.oid, 'execute') as auth
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'private' and p.proname in ('accept_invitation', 'decline_invitation', 'invitation_preview',
          'revoke_invitation', 'expire_invitations', 'answer_invitation', 'settle_invitation', 'caller_is_invitee') order by 1`),
    );
    expect(Object.fromEntries(fns.map((f) => [f.proname, f.auth]))).toEqual({
      accept_invitation: true, answer_invitation: false, caller_is_invitee: false, decline_invitation: true,
      expire_invitations: true, invitation_preview: true, revoke_invitation: true, settle_invitation: false,
    });
  });

  it('the claims do not leak: after a user transaction the connection is back to its own role', async () => {
    await runAsUser(db, users.viewer, async () => {});
    const [r] = rowsOf<{ role: string; uid: string | null }>(await db.execute(sql`select current_user as role, auth.uid() as uid`));
    expect(r.role).not.toBe('authenticated');
    expect(r.uid).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Grants that hold without the app (issue 7 §4): what a signed-in user could do through the Data
// API, and what no writer at all (the table owner included) may do across tenants.

/** Rows affected, or the SQLSTATE of the error, as the connection's own role. Always rolled back. */
async function attemptAsOwner(db: Db, statement: string): Promise<{ rows: number } | { error: string }> {
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
function crossTenantChildRows(a: Tenant, b: Tenant): Record<string, string> {
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
  };
}

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
      ['jobs', 'listings', 'marketplace_credentials', 'order_buyers', 'order_items', 'orders', 'shipments', 'sync_runs'],
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
