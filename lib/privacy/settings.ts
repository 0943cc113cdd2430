// Settings → Privacy: the organization's retention, what it means today (how many orders still
// hold buyer data, how many will be anonymized within a week), and when the job last looked.
// Runs in the person's transaction under RLS; the change goes through private.set_pii_retention.
import { sql } from 'drizzle-orm';
import { pgErrorCode, rowsOf, type Tx } from '@/lib/db/connect';
import { eligible, HARD_LIMIT_DAYS, SHIPPED_TO_DELIVERED_DAYS } from './retention';

export { HARD_LIMIT_DAYS, SHIPPED_TO_DELIVERED_DAYS };

export interface PrivacySummary {
  retentionDays: number;
  withBuyerData: number;
  dueWithin7Days: number;
  anonymized: number;
  lastCheckedAt: Date | null;
}

const WEEK_MS = 7 * 86_400_000;

export async function privacySummary(tx: Tx, orgId: string, now: Date = new Date()): Promise<PrivacySummary | null> {
  const [org] = rowsOf<{ days: number; checked: string | Date | null }>(
    await tx.execute(sql`select pii_retention_days as days, pii_checked_at as checked from public.organizations where id = ${orgId}`),
  );
  if (!org) return null;
  const [c] = rowsOf<{ held: number | string; due: number | string; anonymized: number | string }>(
    await tx.execute(sql`
      select count(*) filter (where b.anonymized_at is null) as held,
             count(*) filter (where b.anonymized_at is null and ${eligible(new Date(now.getTime() + WEEK_MS), org.days)}) as due,
             count(*) filter (where b.anonymized_at is not null) as anonymized
        from public.order_buyers b join public.orders o on o.id = b.order_id
       where b.org_id = ${orgId}`),
  );
  return {
    retentionDays: org.days,
    withBuyerData: Number(c.held),
    dueWithin7Days: Number(c.due),
    anonymized: Number(c.anonymized),
    lastCheckedAt: org.checked ? new Date(org.checked) : null,
  };
}

export type RetentionChange = { ok: true } | { ok: false; reason: 'forbidden' | 'out_of_range' };

export async function setRetentionDays(tx: Tx, orgId: string, days: number): Promise<RetentionChange> {
  if (!Number.isInteger(days) || days < 1 || days > 30) return { ok: false, reason: 'out_of_range' };
  try {
    // In a savepoint: a refusal must not abort the person's whole transaction.
    await tx.transaction((sp) => sp.execute(sql`select private.set_pii_retention(${orgId}::uuid, ${days}::int)`));
    return { ok: true };
  } catch (e) {
    if (pgErrorCode(e) === '42501') return { ok: false, reason: 'forbidden' };
    if (pgErrorCode(e) === '22023') return { ok: false, reason: 'out_of_range' };
    throw e;
  }
}
