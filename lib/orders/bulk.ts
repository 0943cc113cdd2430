import 'server-only';
// Bulk actions on orders: a selection is either ids picked on the page or "every order matching
// this filter" across pages, resolved here under RLS with the same conditions as the list. Hold
// and release go order by order through setOrderHold (role check, audit entry each).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { orders } from '@/lib/db/schema';
import { getTimeZone } from '@/lib/orgs/time-zone';
import { setOrderHold } from './hold';
import { conditions, OPEN_STATUSES, orderBy } from './query';
import { searchWhere } from './search';
import type { OrderListParams } from './url';

/** The most orders one bulk action takes (the label batch's own bound). */
export const BULK_MAX = 500;

export type Selection = { ids: string[] } | { filter: OrderListParams };

export type Resolved = { ok: true; ids: string[] } | { ok: false; reason: 'empty' | 'too_many' };

/** The selection's order ids (the organization's only, in list order), at most `max`. */
export async function resolveSelection(tx: Tx, orgId: string, sel: Selection, max = BULK_MAX, now = new Date()): Promise<Resolved> {
  let ids: string[];
  if ('ids' in sel) {
    const wanted = [...new Set(sel.ids)];
    if (wanted.length > max) return { ok: false, reason: 'too_many' };
    if (!wanted.length) return { ok: false, reason: 'empty' };
    const found = await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.orgId, orgId), inArray(orders.id, wanted)));
    const known = new Set(found.map((r) => r.id));
    ids = wanted.filter((id) => known.has(id));
  } else {
    const ctx = { orgId, now, timeZone: await getTimeZone(tx, orgId), search: await searchWhere(tx, orgId, sel.filter.q) };
    const rows = await tx.select({ id: orders.id }).from(orders).where(conditions(ctx, sel.filter)).orderBy(...orderBy(sel.filter)).limit(max + 1);
    if (rows.length > max) return { ok: false, reason: 'too_many' };
    ids = rows.map((r) => r.id);
  }
  return ids.length ? { ok: true, ids } : { ok: false, reason: 'empty' };
}

export interface BulkHoldResult {
  changed: number;
  /** Orders the action does not apply to: holds are for open orders only. */
  skipped: number;
  forbidden: boolean;
}

export async function bulkSetHold(
  tx: Tx,
  input: { orgId: string; userId: string; ids: string[]; hold: boolean; reason?: string | null },
): Promise<BulkHoldResult> {
  const { orgId, userId, ids, hold } = input;
  const eligible = await tx
    .select({ id: orders.id })
    .from(orders)
    .where(
      and(
        eq(orders.orgId, orgId),
        inArray(orders.id, ids),
        hold ? inArray(orders.status, [...OPEN_STATUSES]) : sql`true`,
        eq(orders.onHold, !hold),
      ),
    );
  let changed = 0;
  for (const { id } of eligible) {
    const r = await setOrderHold(tx, { orgId, orderId: id, userId, hold, reason: input.reason });
    if (!r.ok) return { changed: 0, skipped: 0, forbidden: true };
    changed++;
  }
  return { changed, skipped: ids.length - changed, forbidden: false };
}
