// Settings → Privacy in the person's own transaction: who may change the retention (audited),
// what the summary counts, and that another organization's figures stay out of reach.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Db } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { privacySummary, setRetentionDays } from './settings';

const NOW = new Date('2026-12-06T12:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();

describe.each(backends)('privacy settings on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let orgId: string, otherOrg: string;
  let owner: Claims, admin: Claims, operator: Claims, viewer: Claims, outsider: Claims;
  const retention = async () => rowsOf<{ d: number }>(await db.execute(sql`select pii_retention_days as d from public.organizations where id = ${orgId}`))[0].d;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    [owner, admin, operator, viewer, outsider] = await Promise.all([1, 2, 3, 4, 5].map(() => createUser(db)));
    orgId = await createOrg(db, 'Private', [[owner, 'owner'], [admin, 'admin'], [operator, 'operator'], [viewer, 'viewer']]);
    otherOrg = await createOrg(db, 'Other', [[outsider, 'owner']]);
    const [{ id: acct }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${orgId}, 'walmart', 'W', 'ext') returning id`));
    const order = async (ext: string, delivered: string | null, anonymized = false) => {
      const [{ id }] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at, delivered_at)
        values (${orgId}, ${acct}, 'walmart', ${ext}, ${delivered ? 'delivered' : 'unshipped'}, 'x', ${ago(40)}, ${ago(1)}, ${delivered}) returning id`));
      await db.execute(sql`insert into public.order_buyers (order_id, org_id, name, anonymized_at) values (${id}, ${orgId}, ${anonymized ? null : 'B'}, ${anonymized ? ago(2) : null})`);
    };
    await order('due-in-3-days', ago(27));
    await order('due-in-10-days', ago(20));
    await order('open', null);
    await order('gone', ago(60), true);
  });
  afterAll(() => t?.cleanup());

  it('summarizes what holds buyer data, what goes within a week, and what is anonymized', async () => {
    const s = await runAsUser(db, viewer, (tx) => privacySummary(tx, orgId, NOW));
    expect(s).toEqual({ retentionDays: 30, withBuyerData: 3, dueWithin7Days: 1, anonymized: 1, lastCheckedAt: null });
    expect(await runAsUser(db, outsider, (tx) => privacySummary(tx, orgId, NOW))).toBeNull();
  });

  it('owners and admins change the retention, audited with from and to; others cannot', async () => {
    expect(await runAsUser(db, admin, (tx) => setRetentionDays(tx, orgId, 14))).toEqual({ ok: true });
    expect(await retention()).toBe(14);
    expect(await runAsUser(db, owner, (tx) => setRetentionDays(tx, orgId, 30))).toEqual({ ok: true });
    for (const who of [operator, viewer, outsider]) {
      expect(await runAsUser(db, who, (tx) => setRetentionDays(tx, orgId, 2))).toEqual({ ok: false, reason: 'forbidden' });
    }
    expect(await runAsUser(db, outsider, (tx) => setRetentionDays(tx, otherOrg, 5))).toEqual({ ok: true });
    expect(await retention()).toBe(30);
    const events = rowsOf<{ actor_user_id: string; details: unknown }>(await db.execute(sql`select actor_user_id, details from public.audit_events
      where org_id = ${orgId} and action = 'privacy.retention_changed' order by created_at`));
    expect(events).toEqual([
      { actor_user_id: admin.sub, details: { from: 30, to: 14 } },
      { actor_user_id: owner.sub, details: { from: 14, to: 30 } },
    ]);
  });

  it('refuses days outside 1–30 in the app and in the database', async () => {
    for (const d of [0, 31, -1, 2.5, Number.NaN]) {
      expect(await runAsUser(db, owner, (tx) => setRetentionDays(tx, orgId, d))).toEqual({ ok: false, reason: 'out_of_range' });
    }
    await expect(runAsUser(db, owner, (tx) => tx.execute(sql`select private.set_pii_retention(${orgId}::uuid, 45)`))).rejects.toThrow();
    await expect(runAsUser(db, owner, (tx) => tx.execute(sql`update public.organizations set pii_retention_days = 2 where id = ${orgId}`))).rejects.toThrow();
    expect(await retention()).toBe(30);
  });
});
