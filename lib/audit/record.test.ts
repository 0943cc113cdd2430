// recordAudit picks its way in by the transaction's role: a person's transaction goes through
// private.record_audit (people cannot insert audit rows), the service path inserts directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { pgErrorCode } from '@/lib/db/connect';
import { runAsService, runAsUser, type Claims } from '@/lib/db/session';
import { auditEvents } from '@/lib/db/schema';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { recordAudit } from './index';

describe.each(backends)('recordAudit on $name', (backend) => {
  let t: TestDatabase;
  let viewer: Claims;
  let orgId: string;
  let otherOrg: string;
  beforeAll(async () => {
    t = await backend.open();
    viewer = await createUser(t.database.db);
    orgId = await createOrg(t.database.db, 'Audited', [[viewer, 'viewer']]);
    otherOrg = await createOrg(t.database.db, 'Elsewhere', [[await createUser(t.database.db), 'owner']]);
  });
  afterAll(() => t?.cleanup());

  const events = (action: string) =>
    runAsService(t.database.db, 'tests', (tx) => tx.select().from(auditEvents).where(eq(auditEvents.action, action)));
  const asViewer = (fn: Parameters<typeof runAsUser>[2]) => runAsUser(t.database.db, viewer, fn);

  it("a person's event is recorded through the function, as that person", async () => {
    await asViewer((tx) =>
      recordAudit(tx, { orgId, actor: { type: 'user', userId: viewer.sub }, action: 'report.exported', targetType: 'report', targetId: 'r1', details: { rows: 3 } }),
    );
    expect(await events('report.exported')).toMatchObject([
      { orgId, actorType: 'user', actorUserId: viewer.sub, targetType: 'report', targetId: 'r1', details: { rows: 3 } },
    ]);
  });

  it("a person's transaction cannot record system events, other organizations' events or malformed actions", async () => {
    await expect(asViewer((tx) => recordAudit(tx, { orgId, actor: { type: 'system' }, action: 'account.connected' }))).rejects.toThrow(/cannot record a system/);
    const code = (p: Promise<unknown>) => p.then(() => 'ok', (e) => pgErrorCode(e));
    expect(await code(asViewer((tx) => recordAudit(tx, { orgId: otherOrg, actor: { type: 'user', userId: viewer.sub }, action: 'report.exported' })))).toBe('42501');
    expect(await code(asViewer((tx) => recordAudit(tx, { orgId, actor: { type: 'user', userId: viewer.sub }, action: 'Anything Goes' })))).toBe('22023');
    expect(await code(asViewer((tx) => recordAudit(tx, { orgId, actor: { type: 'user', userId: viewer.sub }, action: 'report.big', details: { blob: 'x'.repeat(5000) } })))).toBe('23514');
    expect(await events('report.big')).toEqual([]);
  });

  it('the service path records system events and what a person did through it', async () => {
    await runAsService(t.database.db, 'tests', async (tx) => {
      await recordAudit(tx, { orgId, actor: { type: 'system' }, action: 'account.needs_reconnect', targetType: 'marketplace_account', targetId: 'a1' });
      await recordAudit(tx, { orgId, actor: { type: 'user', userId: viewer.sub }, action: 'account.connected' });
    });
    expect(await events('account.needs_reconnect')).toMatchObject([{ actorType: 'system', actorUserId: null }]);
    expect(await events('account.connected')).toMatchObject([{ actorType: 'user', actorUserId: viewer.sub }]);
  });
});
