// The organization's time zone: owners and admins change it (audited); everyone reads it.
// RLS and the column grant enforce the same rule in Postgres (migration 20261206000700_reports).
import { eq } from 'drizzle-orm';
import { pgErrorCode, type Tx } from '@/lib/db/connect';
import { organizations } from '@/lib/db/schema';
import { recordAudit } from '@/lib/audit';
import { DEFAULT_TIME_ZONE, isTimeZone } from '@/lib/time-zone';
import { hasRole, roleIn } from './roles';
import type { Actor } from './members';
import { UserFacingError } from '@/lib/messages';

export const TIME_ZONE_ERRORS = {
  forbidden: 'Only an owner or an admin can change the time zone.',
  invalid: 'Choose a time zone from the list.',
} as const;

export class TimeZoneError extends UserFacingError {
  constructor(readonly code: keyof typeof TIME_ZONE_ERRORS) {
    super(TIME_ZONE_ERRORS[code]);
    this.name = 'TimeZoneError';
  }
}

/** The zone reports use for `orgId`; UTC when the organization is not visible to the caller. */
export async function getTimeZone(tx: Tx, orgId: string): Promise<string> {
  const [row] = await tx.select({ tz: organizations.timeZone }).from(organizations).where(eq(organizations.id, orgId));
  return row?.tz ?? DEFAULT_TIME_ZONE;
}

export async function setTimeZone(tx: Tx, actor: Actor, orgId: string, zone: string): Promise<void> {
  if (!isTimeZone(zone)) throw new TimeZoneError('invalid');
  const role = await roleIn(tx, orgId, actor.userId);
  if (!hasRole(role, 'admin')) throw new TimeZoneError('forbidden');
  const before = await getTimeZone(tx, orgId);
  if (before === zone) return;
  try {
    const updated = await tx
      .update(organizations)
      .set({ timeZone: zone })
      .where(eq(organizations.id, orgId))
      .returning({ id: organizations.id });
    if (updated.length === 0) throw new TimeZoneError('forbidden');
  } catch (e) {
    if (pgErrorCode(e) === '42501') throw new TimeZoneError('forbidden');
    if (pgErrorCode(e) === '23514') throw new TimeZoneError('invalid');
    throw e;
  }
  await recordAudit(tx, {
    orgId,
    actor: { type: 'user', userId: actor.userId },
    action: 'organization.time_zone_changed',
    targetType: 'organization',
    targetId: orgId,
    details: { from: before, to: zone },
  });
}
