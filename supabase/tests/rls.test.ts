// Row-level security, proven table by table. Every table in `public` is found from the catalog:
// a table without an entry in EXPECTED fails the suite, so no new table can escape it. For two
// organizations and each role, every select/insert/update/delete is tried inside a transaction
// that is rolled back, and the outcome compared with what the role may do.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgErrorCode, rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import type { Role } from '@/lib/db/schema';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';

type Op = 'select' | 'insert' | 'update' | 'delete';
/** Least role allowed for each operation; null: no role at all (service only). */
type Rule = Record<Op, Role | null>;

const RANK: Record<Role, number> = { viewer: 1, operator: 2, admin: 3, owner: 4 };
const ROLES: Role[] = ['viewer', 'operator', 'admin', 'owner'];

const EXPECTED: Record<string, Rule> = {
  organizations: { select: 'viewer', insert: null, update: 'owner', delete: 'owner' },
  memberships: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  marketplace_accounts: { select: 'viewer', insert: 'admin', update: 'admin', delete: 'admin' },
  marketplace_credentials: { select: null, insert: null, update: null, delete: null },
  orders: { select: 'viewer', insert: null, update: 'operator', delete: null },
  order_items: { select: 'viewer', insert: null, update: null, delete: null },
  order_buyers: { select: 'viewer', insert: null, update: 'operator', delete: null },
  listings: { select: 'viewer', insert: null, update: null, delete: null },
  shipments: { select: 'viewer', insert: 'operator', update: 'operator', delete: null },
  sync_runs: { select: 'viewer', insert: null, update: null, delete: null },
  jobs: { select: 'viewer', insert: null, update: 'operator', delete: null },
  audit_events: { select: 'viewer', insert: 'viewer', update: null, delete: null },
  sync_quarantine: { select: 'viewer', insert: null, update: null, delete: null },
};

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
    insert into public.audit_events (org_id, actor_type, action) values ('${orgId}', 'system', 'seeded')`;
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
    expect(tables.filter((x) => !EXPECTED[x]), 'tables missing from EXPECTED').toEqual([]);
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

  it('the claims do not leak: after a user transaction the connection is back to its own role', async () => {
    await runAsUser(db, users.viewer, async () => {});
    const [r] = rowsOf<{ role: string; uid: string | null }>(await db.execute(sql`select current_user as role, auth.uid() as uid`));
    expect(r.role).not.toBe('authenticated');
    expect(r.uid).toBeNull();
  });
});
