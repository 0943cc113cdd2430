import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg } from '@/tests/support/fixtures';
import { runAsUser, type Claims } from '@/lib/db/session';
import { organizations, userPreferences } from '@/lib/db/schema';
import type { Db } from '@/lib/db/connect';
import { homeOrg, loadOrgContext, pickCurrentOrg, type OrgMembershipRow } from './context';
import { leaveOrganization } from './members';
import { setCurrentOrg } from './switch';
import { confirmedUser, joinByInvitation } from '@/tests/support/users';

const row = (o: Partial<OrgMembershipRow> & { id: string }): OrgMembershipRow => ({
  name: o.id, role: 'viewer', timeZone: 'UTC', createdBy: null, orgCreatedAt: new Date(0), joinedAt: new Date(0), ...o,
});

describe('home organization', () => {
  const me = 'me';
  it('is the first one the user created, whatever the names', () => {
    const orgs = [
      row({ id: 'evil', name: 'AAA Evil Corp', role: 'owner', orgCreatedAt: new Date(1), joinedAt: new Date(5) }),
      row({ id: 'mine', name: 'Zed Goods', role: 'owner', createdBy: me, orgCreatedAt: new Date(3), joinedAt: new Date(3) }),
      row({ id: 'later', name: 'Mine too', role: 'owner', createdBy: me, orgCreatedAt: new Date(4), joinedAt: new Date(4) }),
    ];
    expect(homeOrg(me, orgs)?.id).toBe('mine');
    expect(homeOrg(me, [...orgs].reverse())?.id).toBe('mine');
  });
  it('else the first owned, else the first joined', () => {
    const joined = [
      row({ id: 'b', name: 'AAA', joinedAt: new Date(9) }),
      row({ id: 'a', name: 'ZZZ', joinedAt: new Date(2) }),
    ];
    expect(homeOrg(me, joined)?.id).toBe('a');
    expect(homeOrg(me, [...joined, row({ id: 'c', name: 'Owned', role: 'owner', orgCreatedAt: new Date(50) })])?.id).toBe('c');
    expect(homeOrg(me, [])).toBeNull();
  });
  it('a remembered choice wins only while the user still belongs to it', () => {
    const orgs = [row({ id: 'x', createdBy: me }), row({ id: 'y', name: 'AAA' })];
    expect(pickCurrentOrg(me, orgs, 'y')?.id).toBe('y');
    expect(pickCurrentOrg(me, orgs, 'gone')?.id).toBe('x');
    expect(pickCurrentOrg(me, orgs, null)?.id).toBe('x');
  });
});

describe.each(backends)('current organization on $name', (backend) => {
  let t: TestDatabase;
  let db: Db;
  let victim: Claims, attacker: Claims;
  let homeId: string, evilId: string;
  const as = <T>(who: Claims, fn: Parameters<typeof runAsUser<T>>[2]) => runAsUser(db, who, fn);
  const current = async () => (await as(victim, (tx) => loadOrgContext(tx, victim.sub))).current?.id;

  beforeAll(async () => {
    t = await backend.open();
    db = t.database.db;
    victim = await confirmedUser(db);
    attacker = await confirmedUser(db);
    homeId = await createOrg(db, 'Zed Goods', [[victim, 'owner']]);
    evilId = await createOrg(db, 'AAA Evil Corp', [[attacker, 'owner']]);
  });
  afterAll(() => t?.cleanup());

  it('is the home organization, never the first by name, on a fresh device', async () => {
    await joinByInvitation(db, attacker, evilId, victim, 'admin');
    const ctx = await as(victim, (tx) => loadOrgContext(tx, victim.sub));
    expect(ctx.orgs.map((o) => o.name)).toEqual(['AAA Evil Corp', 'Zed Goods']);
    expect(ctx.current?.id).toBe(homeId);
  });

  it('is the one last chosen, stored server-side, and falls back home after leaving it', async () => {
    await as(victim, (tx) => setCurrentOrg(tx, victim.sub, evilId));
    expect(await current()).toBe(evilId);
    const [pref] = await db.select().from(userPreferences).where(eq(userPreferences.userId, victim.sub));
    expect(pref.currentOrgId).toBe(evilId);
    await as(victim, (tx) => leaveOrganization(tx, { userId: victim.sub }, evilId));
    expect(await current()).toBe(homeId);
  });

  it('cannot be pointed at an organization the user does not belong to, nor at anyone else\'s row', async () => {
    const outsiderOrg = (await db.insert(organizations).values({ name: 'Other' }).returning())[0].id;
    await expect(as(victim, (tx) => setCurrentOrg(tx, victim.sub, outsiderOrg))).rejects.toThrow();
    await expect(as(victim, (tx) => setCurrentOrg(tx, attacker.sub, homeId))).rejects.toThrow();
    expect(await current()).toBe(homeId);
  });
});
