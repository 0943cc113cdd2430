// The organization's time zone: owners and admins set a valid IANA zone (audited, no PII);
// operators, viewers and strangers cannot, and Postgres refuses what the app might miss.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgErrorCode } from '@/lib/db/connect';
import { runAsUser, type Claims } from '@/lib/db/session';
import { auditEvents, organizations } from '@/lib/db/schema';
import { isTimeZone, timeZones } from '@/lib/time-zone';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { getTimeZone, setTimeZone, TimeZoneError } from './time-zone';

describe('time zone list', () => {
  it('accepts IANA zones and UTC, refuses the rest', () => {
    expect(timeZones()[0]).toBe('UTC');
    for (const z of ['UTC', 'America/New_York', 'Europe/Paris', 'Asia/Kolkata']) expect(isTimeZone(z), z).toBe(true);
    for (const z of ['', 'Mars/Olympus', 'EST5EDT ', 'UTC+5', 'america/new_york', null, 42]) expect(isTimeZone(z), String(z)).toBe(false);
  });
});

describe.each(backends)('organization time zone on $name', (backend) => {
  let t: TestDatabase;
  const u = {} as Record<'owner' | 'admin' | 'operator' | 'viewer' | 'stranger', Claims>;
  let orgId: string;
  let otherOrg: string;
  beforeAll(async () => {
    t = await backend.open();
    const db = t.database.db;
    for (const k of ['owner', 'admin', 'operator', 'viewer', 'stranger'] as const) u[k] = await createUser(db);
    orgId = await createOrg(db, 'Zoned', [[u.owner, 'owner'], [u.admin, 'admin'], [u.operator, 'operator'], [u.viewer, 'viewer']]);
    otherOrg = await createOrg(db, 'Other', [[u.stranger, 'owner']]);
  });
  afterAll(() => t?.cleanup());

  const set = (who: Claims, zone: string, org = orgId) => runAsUser(t.database.db, who, (tx) => setTimeZone(tx, { userId: who.sub }, org, zone));
  const zoneOf = async (org = orgId) => (await t.database.db.select().from(organizations).where(eq(organizations.id, org)))[0].timeZone;
  const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof TimeZoneError ? e.code : e));

  it('defaults to UTC, readable by every member', async () => {
    expect(await zoneOf()).toBe('UTC');
    expect(await runAsUser(t.database.db, u.viewer, (tx) => getTimeZone(tx, orgId))).toBe('UTC');
  });

  it('owners and admins set it; each change is audited with the zones only', async () => {
    await set(u.owner, 'America/New_York');
    expect(await zoneOf()).toBe('America/New_York');
    await set(u.admin, 'Europe/Paris');
    expect(await zoneOf()).toBe('Europe/Paris');
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, orgId), eq(auditEvents.action, 'organization.time_zone_changed')));
    expect(audit.map((a) => [a.actorUserId, a.details])).toEqual([
      [u.owner.sub, { from: 'UTC', to: 'America/New_York' }],
      [u.admin.sub, { from: 'America/New_York', to: 'Europe/Paris' }],
    ]);
    await set(u.admin, 'Europe/Paris'); // unchanged: no audit row
    expect((await t.database.db.select().from(auditEvents).where(eq(auditEvents.orgId, orgId))).length).toBe(2);
  });

  it('operators, viewers, strangers and unknown zones are refused and nothing changes', async () => {
    const before = await zoneOf();
    expect(await refusal(set(u.operator, 'Asia/Tokyo'))).toBe('forbidden');
    expect(await refusal(set(u.viewer, 'Asia/Tokyo'))).toBe('forbidden');
    expect(await refusal(set(u.stranger, 'Asia/Tokyo'))).toBe('forbidden');
    expect(await refusal(set(u.admin, 'Mars/Olympus'))).toBe('invalid');
    expect(await refusal(set(u.admin, 'Asia/Tokyo', otherOrg))).toBe('forbidden');
    expect(await zoneOf()).toBe(before);
    expect(await zoneOf(otherOrg)).toBe('UTC');
  });

  it('Postgres refuses a zone it does not know, even on the service path', async () => {
    const err = await t.database.db
      .execute(sql`update public.organizations set time_zone = 'Not/AZone' where id = ${orgId}::uuid`)
      .then(() => null, (e: unknown) => pgErrorCode(e));
    expect(err).toBe('23514');
  });
});
