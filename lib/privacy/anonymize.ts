// Clearing buyer PII. Name, address lines, city, postal code, phone, e-mail and the marketplace's
// buyer reference go; country and region stay (reports by geography survive). One statement per
// call: callers bound how many orders one call touches, so no transaction grows without limit.
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';

/** The SET list of an anonymizing update of `public.order_buyers`. */
export const ANONYMIZED_SET = (now: Date): SQL => sql`name = null, address_line1 = null, address_line2 = null,
  address_line3 = null, city = null, postal_code = null, phone = null, email = null, marketplace_buyer_ref = null,
  anonymized_at = ${now.toISOString()}::timestamptz`;

export interface AnonymizedCount {
  orgId: string;
  buyers: number;
}

/**
 * Anonymizes the buyers of the orders `orderIds` selects (a subquery returning order ids) that
 * are not anonymized yet; answers how many per organization.
 */
export async function anonymizeBuyers(tx: Tx, orderIds: SQL, now: Date = new Date()): Promise<AnonymizedCount[]> {
  const rows = rowsOf<{ org_id: string; n: number | string }>(
    await tx.execute(sql`
      with done as (
        update public.order_buyers b
           set ${ANONYMIZED_SET(now)}
         where b.anonymized_at is null and b.order_id in (${orderIds})
        returning b.org_id)
      select org_id, count(*) as n from done group by org_id`),
  );
  return rows.map((r) => ({ orgId: r.org_id, buyers: Number(r.n) }));
}
