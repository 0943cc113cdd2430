// Scheduled anonymization: buyer PII is kept `pii_retention_days` (1–30, per organization) after
// delivery or cancellation. Marketplaces that never report delivery are covered by backstops:
// a shipped order counts as delivered SHIPPED_TO_DELIVERED_DAYS after it shipped, and any order,
// whatever its state, is anonymized HARD_LIMIT_DAYS after it was placed. Work goes in batches of
// committed transactions walking each organization's pending buyers by order id, so a million
// eligible buyers never hold one long transaction, and a killed run resumes where it stopped.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/lib/db/connect';
import { recordAudit } from '@/lib/audit';
import { ANONYMIZED_SET } from './anonymize';

export const SHIPPED_TO_DELIVERED_DAYS = 14;
export const HARD_LIMIT_DAYS = 180;
export const RETENTION_BATCH = 2_000;
const DAY_MS = 86_400_000;

export interface RetentionOptions {
  now?: Date;
  batchSize?: number;
  /** Stop starting new batches after this instant (ms); the next run continues. */
  deadline?: number;
  /** Only this organization (tests, and an owner's "anonymize now"). */
  orgId?: string;
  /** Called with each batch's duration (ms): each batch is one committed transaction. */
  onBatch?(ms: number, buyers: number): void;
}

export interface RetentionResult {
  buyersAnonymized: number;
  organizations: number;
  batches: number;
  /** False when the deadline stopped the run before every organization was done. */
  complete: boolean;
}

/** The eligibility rule, for one organization's retention, as SQL over `o` (orders). */
export function eligible(now: Date, retentionDays: number) {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
  const shippedCutoff = new Date(now.getTime() - (retentionDays + SHIPPED_TO_DELIVERED_DAYS) * DAY_MS).toISOString();
  const hardCutoff = new Date(now.getTime() - HARD_LIMIT_DAYS * DAY_MS).toISOString();
  return sql`(o.delivered_at <= ${cutoff}::timestamptz
    or (o.status = 'cancelled' and coalesce(o.cancelled_at, o.marketplace_updated_at) <= ${cutoff}::timestamptz)
    or (o.delivered_at is null and o.shipped_at <= ${shippedCutoff}::timestamptz)
    or o.ordered_at <= ${hardCutoff}::timestamptz)`;
}

export async function runRetention(db: Db, o: RetentionOptions = {}): Promise<RetentionResult> {
  const now = o.now ?? new Date();
  const batchSize = o.batchSize ?? RETENTION_BATCH;
  const orgs = rowsOf<{ id: string; days: number }>(
    await db.execute(sql`select id, pii_retention_days as days from public.organizations
      ${o.orgId ? sql`where id = ${o.orgId}` : sql``} order by id`),
  );
  const result: RetentionResult = { buyersAnonymized: 0, organizations: 0, batches: 0, complete: true };
  for (const org of orgs) {
    let last = '00000000-0000-0000-0000-000000000000';
    let count = 0;
    for (;;) {
      if (o.deadline !== undefined && Date.now() >= o.deadline) {
        result.complete = false;
        break;
      }
      // One committed batch: of the next `batchSize` pending buyers after `last`, the eligible ones.
      const batchStarted = performance.now();
      const [row] = rowsOf<{ n: number | string; last: string | null }>(
        await db.execute(sql`
          with candidates as (
            -- The next pending buyers by order id (order_buyers_pending_idx): each batch reads a
            -- bounded range, eligible or not, so a run is linear in the organization's size.
            select b.order_id from public.order_buyers b
             where b.org_id = ${org.id} and b.anonymized_at is null and b.order_id > ${last}::uuid
             order by b.order_id limit ${batchSize}),
          batch as (
            select c.order_id from candidates c join public.orders o on o.id = c.order_id
             where ${eligible(now, org.days)}),
          done as (
            update public.order_buyers b set ${ANONYMIZED_SET(now)}
              from batch where b.order_id = batch.order_id and b.anonymized_at is null
            returning b.order_id)
          select (select count(*) from done) as n, (select max(order_id::text) from candidates) as last`),
      );
      result.batches += 1;
      count += Number(row.n);
      o.onBatch?.(performance.now() - batchStarted, Number(row.n));
      if (!row.last) break;
      last = row.last;
    }
    // Counts of a run stopped midway are audited too: the batches it committed are done.
    if (count > 0) {
      result.organizations += 1;
      result.buyersAnonymized += count;
      await db.transaction((tx) =>
        recordAudit(tx, {
          orgId: org.id,
          actor: { type: 'system' },
          action: 'privacy.buyers_anonymized',
          targetType: 'organization',
          targetId: org.id,
          details: { buyers: count, retention_days: org.days },
        }),
      );
    }
    if (!result.complete) break;
    await db.execute(sql`update public.organizations set pii_checked_at = ${now.toISOString()}::timestamptz where id = ${org.id}`);
  }
  return result;
}
