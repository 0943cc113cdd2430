// The one rank table and membership lookup, read under the asking user's RLS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, type TestDatabase } from '@/tests/support/db';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { runAsUser, type Claims } from '@/lib/db/session';
import { ROLES } from '@/lib/model';
import { hasRole, requireRole, roleIn } from './roles';

describe('hasRole', () => {
  it('orders viewer < operator < admin < owner; no role is never enough', () => {
    const order = ['viewer', 'operator', 'admin', 'owner'] as const;
    for (const [i, role] of order.entries()) {
      for (const [j, min] of order.entries()) expect(hasRole(role, min)).toBe(i >= j);
    }
    for (const min of ROLES) {
      expect(hasRole(undefined, min)).toBe(false);
      expect(hasRole(null, min)).toBe(false);
    }
  });
});

describe.each(backends)('roleIn / requireRole on $name', (backend) => {
  let t: TestDatabase;
  let admin: Claims, viewer: Claims, stranger: Claims;
  let orgId: string, otherOrg: string;
  const as = <T>(who: Claims, fn: Parameters<typeof runAsUser<T>>[2]) => runAsUser(t.database.db, who, fn);

  beforeAll(async () => {
    t = await backend.open();
    [admin, viewer, stranger] = [await createUser(t.database.db), await createUser(t.database.db), await createUser(t.database.db)];
    orgId = await createOrg(t.database.db, 'Acme', [[admin, 'admin'], [viewer, 'viewer']]);
    otherOrg = await createOrg(t.database.db, 'Other', [[stranger, 'owner']]);
  });
  afterAll(() => t?.cleanup());

  it('answers the role, not a member, or too low', async () => {
    expect(await as(admin, (tx) => roleIn(tx, orgId, admin.sub))).toBe('admin');
    expect(await as(admin, (tx) => requireRole(tx, orgId, admin.sub, 'admin'))).toBe('ok');
    expect(await as(viewer, (tx) => requireRole(tx, orgId, viewer.sub, 'operator'))).toBe('forbidden');
    expect(await as(viewer, (tx) => requireRole(tx, orgId, viewer.sub, 'viewer'))).toBe('ok');
    expect(await as(admin, (tx) => requireRole(tx, otherOrg, admin.sub, 'viewer'))).toBe('not_member');
    // Under RLS nobody reads another organization's memberships: the stranger is not "seen" as owner.
    expect(await as(admin, (tx) => roleIn(tx, otherOrg, stranger.sub))).toBeUndefined();
  });
});
