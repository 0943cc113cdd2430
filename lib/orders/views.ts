import 'server-only';
// Saved views: a person's named orders filters in an organization. Stored as the list's own query
// string, normalized through the list parser (so a saved view is always a valid list URL).
import { and, asc, eq } from 'drizzle-orm';
import { pgErrorCode, type Tx } from '@/lib/db';
import { savedOrderViews } from '@/lib/db/schema';
import { parseOrderListParams } from './params';
import { orderListQuery } from './url';

export const VIEW_NAME_MAX = 60;
export const VIEWS_MAX = 30;

export interface SavedView {
  id: string;
  name: string;
  query: string;
}

export async function listViews(tx: Tx, orgId: string, userId: string): Promise<SavedView[]> {
  return tx
    .select({ id: savedOrderViews.id, name: savedOrderViews.name, query: savedOrderViews.query })
    .from(savedOrderViews)
    .where(and(eq(savedOrderViews.orgId, orgId), eq(savedOrderViews.userId, userId)))
    .orderBy(asc(savedOrderViews.name));
}

export type SaveViewResult = { ok: true; id: string } | { ok: false; reason: 'duplicate' | 'too_many' };

/** Saves (or, under the same name, replaces) a view of the list at `query`. */
export async function saveView(tx: Tx, input: { orgId: string; userId: string; name: string; query: string }): Promise<SaveViewResult> {
  const p = parseOrderListParams(new URLSearchParams(input.query));
  const query = orderListQuery({ ...p, page: 1, after: undefined }).replace(/^\?/, '');
  const mine = await listViews(tx, input.orgId, input.userId);
  const same = mine.find((v) => v.name === input.name);
  if (same) {
    await tx.update(savedOrderViews).set({ query }).where(eq(savedOrderViews.id, same.id));
    return { ok: true, id: same.id };
  }
  if (mine.length >= VIEWS_MAX) return { ok: false, reason: 'too_many' };
  try {
    const [row] = await tx.transaction((sp) =>
      sp.insert(savedOrderViews).values({ orgId: input.orgId, userId: input.userId, name: input.name, query }).returning({ id: savedOrderViews.id }),
    );
    return { ok: true, id: row.id };
  } catch (e) {
    if (pgErrorCode(e) === '23505') return { ok: false, reason: 'duplicate' };
    throw e;
  }
}

export async function deleteView(tx: Tx, orgId: string, userId: string, id: string): Promise<boolean> {
  const gone = await tx
    .delete(savedOrderViews)
    .where(and(eq(savedOrderViews.id, id), eq(savedOrderViews.orgId, orgId), eq(savedOrderViews.userId, userId)))
    .returning({ id: savedOrderViews.id });
  return gone.length > 0;
}
