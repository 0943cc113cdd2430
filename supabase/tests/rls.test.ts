// Row-level security, proven table by table. Every table in `public` is found from the catalog:
// a table without an entry in EXPECTED fails the suite, so no new table can escape it. For two
// organizations and each role, every select/insert/update/delete is tried inside a transaction
// that is rolled back, and the outcome compared with what the role may do.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import type { Role } from '@/lib/model';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createUser } from '@/tests/support/fixtures';
import { EXPECTED, PER_USER_TABLES, RANK, ROLES, attempt, seedTenant, statements, type Op, type Tenant } from './rls-support';

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

  it('private tables (the report rollups\' per-transaction work lists, the status totals) are closed to anon and authenticated, RLS on', async () => {
    const found = rowsOf<{ relname: string; on: boolean; anon: boolean; member: boolean }>(
      await db.execute(sql`select c.relname, c.relrowsecurity as on,
          has_table_privilege('anon', c.oid, 'select, insert, update, delete') as anon,
          has_table_privilege('authenticated', c.oid, 'select, insert, update, delete') as member
        from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'private' and c.relkind in ('r', 'p') order by 1`),
    );
    expect(found.map((r) => r.relname)).toEqual(['report_pending_days', 'report_pending_orders', 'report_pending_tx', 'report_status_totals']);
    for (const r of found) expect(r, r.relname).toEqual({ relname: r.relname, on: true, anon: false, member: false });
    const read = await attempt(db, users.owner, `select count(*) from private.report_pending_orders`);
    expect(read).toEqual({ error: '42501' });
  });

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

  it('saved_order_views: each member reads and writes only their own views, only in their own organizations', async () => {
    const insert = (org: string, who = 'auth.uid()', name = 'Late Walmart') =>
      `insert into public.saved_order_views (org_id, user_id, name, query) values ('${org}', ${who}, '${name}', 'tab=awaiting') returning id`;
    for (const role of ROLES) {
      const tried = (statement: string) => attempt(db, users[role], statement);
      await db.execute(sql.raw(`insert into public.saved_order_views (org_id, user_id, name) values ('${a.orgId}', '${users[role].sub}', 'Mine')`));
      expect(await tried(`select id from public.saved_order_views`), `${role} sees only their own`).toEqual({ rows: 1 });
      expect(await tried(insert(a.orgId)), `${role} saves a view in own org`).toEqual({ rows: 1 });
      expect(await tried(insert(b.orgId)), `${role} saves a view in org B`).toEqual({ error: '42501' });
      expect(await tried(insert(a.orgId, `'${newcomer.sub}'`)), `${role} saves another's view`).toEqual({ error: '42501' });
      expect(await tried(`update public.saved_order_views set name = 'x' where user_id <> auth.uid() returning id`)).toEqual({ rows: 0 });
      expect(await tried(`delete from public.saved_order_views where user_id <> auth.uid() returning id`)).toEqual({ rows: 0 });
      expect(await tried(`update public.saved_order_views set user_id = '${newcomer.sub}' returning id`)).toEqual({ error: '42501' });
      expect(await tried(`update public.saved_order_views set query = 'tab=hold' returning id`)).toEqual({ rows: 1 });
      expect(await tried(`delete from public.saved_order_views returning id`)).toEqual({ rows: 1 });
    }
    // Not a member of A: nothing saved there.
    expect(await attempt(db, newcomer, insert(a.orgId))).toEqual({ error: '42501' });
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
