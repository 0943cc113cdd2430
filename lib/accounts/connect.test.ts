// saveConnection when the same seller account is connected to a second organization: allowed (a
// seller may run two organizations), but the connecting admin is told and both trails record it,
// without either organization learning the other's id or name.
import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAsService, type Claims } from '@/lib/db/session';
import { auditEvents } from '@/lib/db/schema';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { disconnectAccount, saveConnection } from './connect';

const keys = [{ id: 'k1', key: crypto.randomBytes(32) }];
const credentials = { clientId: 'shared-client', clientSecret: 'canary-shared-secret-91c2' };
const identity = (ext: string) => ({ externalAccountId: ext, displayName: 'Shared Seller LLC', marketplaceCode: 'US' });

describe.each(backends)('the same seller account in two organizations on $name', (backend) => {
  let t: TestDatabase;
  let ownerA: Claims;
  let adminB: Claims;
  let orgA: string;
  let orgB: string;
  beforeAll(async () => {
    t = await backend.open();
    ownerA = await createUser(t.database.db);
    adminB = await createUser(t.database.db);
    orgA = await createOrg(t.database.db, 'First Org Name-Canary', [[ownerA, 'owner']]);
    orgB = await createOrg(t.database.db, 'Second Org', [[await createUser(t.database.db), 'owner'], [adminB, 'admin']]);
  });
  afterAll(() => t?.cleanup());

  const connect = (orgId: string, user: Claims, ext: string, accountId?: string) =>
    saveConnection(t.database.db, keys, { orgId, userId: user.sub, marketplace: 'walmart', identity: identity(ext), credentials, accountId });
  const trail = (orgId: string) =>
    runAsService(t.database.db, 'tests', (tx) =>
      tx.select().from(auditEvents).where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'account.seller_shared'))),
    );

  it('a seller account in one organization only is not flagged', async () => {
    expect(await connect(orgA, ownerA, 'seller-only-a')).toMatchObject({ ok: true, sharedSeller: false });
    expect(await trail(orgA)).toEqual([]);
  });

  it('connecting it to a second organization succeeds, warns, and is audited in both without naming the other', async () => {
    const first = await connect(orgA, ownerA, 'seller-shared');
    expect(first).toMatchObject({ ok: true, sharedSeller: false });
    const second = await connect(orgB, adminB, 'seller-shared');
    expect(second).toMatchObject({ ok: true, reconnected: false, sharedSeller: true });
    if (!first.ok || !second.ok) throw new Error('unreachable');

    const [inB] = await trail(orgB);
    expect(inB).toMatchObject({ actorType: 'system', actorUserId: null, targetType: 'marketplace_account', targetId: second.accountId, details: { marketplace: 'walmart', connectedHere: true } });
    const [inA] = await trail(orgA);
    expect(inA).toMatchObject({ actorType: 'system', actorUserId: null, targetType: 'marketplace_account', targetId: first.accountId, details: { marketplace: 'walmart', connectedHere: false } });
    // Neither side carries the other's id, name, people or the credentials.
    const a = JSON.stringify(inA);
    const b = JSON.stringify(inB);
    for (const leak of [orgB, second.accountId, adminB.sub, adminB.email!, credentials.clientSecret]) expect(a).not.toContain(leak);
    for (const leak of [orgA, first.accountId, ownerA.sub, 'First Org Name-Canary', credentials.clientSecret]) expect(b).not.toContain(leak);

    // A reconnect still warns, without auditing the same fact again.
    expect(await connect(orgB, adminB, 'seller-shared', second.accountId)).toMatchObject({ ok: true, reconnected: true, sharedSeller: true });
    expect(await trail(orgA)).toHaveLength(1);
    expect(await trail(orgB)).toHaveLength(1);
  });

  it('an account disconnected in the other organization no longer counts', async () => {
    const first = await connect(orgA, ownerA, 'seller-left-a');
    if (!first.ok) throw new Error('connect failed');
    expect(await disconnectAccount(t.database.db, { orgId: orgA, userId: ownerA.sub, accountId: first.accountId, data: 'anonymize' })).toBe('ok');
    expect(await connect(orgB, adminB, 'seller-left-a')).toMatchObject({ ok: true, sharedSeller: false });
  });
});
