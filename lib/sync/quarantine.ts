// Records a sync cannot store go to `sync_quarantine` instead of failing their page forever: the
// connector reports the ones it could not read (Page.rejected), and values beyond their column's
// range are caught here before the upsert (Postgres would reject the whole statement). A row keeps
// the record's id, a sanitized reason and how often it was seen; it is deleted as soon as the
// record is stored, whether it comes back in a later window or is re-fetched by id.
import { sql } from 'drizzle-orm';
import { rowsOf, type Db, type Tx } from '@/lib/db/connect';
import type { NormalizedListing, NormalizedOrder } from '@/lib/marketplaces/types';
import type { RecordKind, RejectedRecord } from '@/lib/marketplaces/records';

/** numeric(12,2): at most 10 integer digits. */
const MONEY_IN_RANGE = /^-?\d{1,10}\.\d{2}$/;
const INT_MAX = 2_147_483_647;

const moneyOk = (v: string | null) => v === null || MONEY_IN_RANGE.test(v);
// timestamptz holds years 4713 BC to 294276 AD; an invalid Date cannot even be sent.
const MAX_TIME = Date.UTC(200_000, 0, 1);
const dateOk = (d: Date | null) => d === null || (Number.isFinite(d.getTime()) && Math.abs(d.getTime()) < MAX_TIME);
const intOk = (v: number | null) => v === null || (Number.isInteger(v) && Math.abs(v) <= INT_MAX);

/** The first field of an order beyond its column's range, as a sanitized reason; null if none. */
export function orderOutOfRange(o: NormalizedOrder): string | null {
  for (const [name, d] of [['order date', o.orderedAt], ['update time', o.updatedAt], ['ship-by date', o.shipBy], ['deliver-by date', o.deliverBy],
    ['ship date', o.shippedAt], ['delivery date', o.deliveredAt], ['cancellation date', o.cancelledAt]] as const) {
    if (!dateOk(d)) return `${name} is not a valid time`;
  }
  for (const [name, v] of [['subtotal', o.subtotal], ['shipping total', o.shippingTotal], ['tax total', o.taxTotal], ['total', o.total]] as const) {
    if (!moneyOk(v)) return `${name} beyond the range ESM stores (numeric(12,2))`;
  }
  for (const i of o.items) {
    if (!moneyOk(i.unitPrice)) return 'a line unit price beyond the range ESM stores (numeric(12,2))';
    if (!intOk(i.quantity) || !intOk(i.quantityShipped)) return 'a line quantity beyond the range ESM stores (int)';
  }
  if (!intOk(o.items.reduce((n, i) => n + i.quantity, 0))) return 'item count beyond the range ESM stores (int)';
  return null;
}

export function listingOutOfRange(l: NormalizedListing): string | null {
  if (!moneyOk(l.price)) return 'price beyond the range ESM stores (numeric(12,2))';
  if (!intOk(l.quantity)) return 'quantity beyond the range ESM stores (int)';
  if (!dateOk(l.updatedAt)) return 'update time is not a valid time';
  return null;
}

/** What quarantine needs to know of a record kind: its range checks and its id. */
export interface RecordSpec<T> {
  kind: RecordKind;
  outOfRange(r: T): string | null;
  idOf(r: T): string;
}

export const ORDER_RECORDS: RecordSpec<NormalizedOrder> = { kind: 'order', outOfRange: orderOutOfRange, idOf: (o) => o.externalOrderId };
export const LISTING_RECORDS: RecordSpec<NormalizedListing> = { kind: 'listing', outOfRange: listingOutOfRange, idOf: (l) => l.sku };

/** Splits a page into what can be stored and what goes to quarantine (range checks added). */
export function screenPage<T>(spec: RecordSpec<T>, records: T[], rejected: RejectedRecord[] = []): { ok: T[]; rejected: RejectedRecord[] } {
  const ok: T[] = [];
  const out = [...rejected];
  for (const r of records) {
    const reason = spec.outOfRange(r);
    if (reason) out.push({ kind: spec.kind, externalId: spec.idOf(r), reason });
    else ok.push(r);
  }
  return { ok, rejected: out };
}

/** A page whose every record was rejected: the run fails, loudly, with the first reason. */
export class PageRejectedError extends Error {
  constructor(readonly rejected: RejectedRecord[]) {
    super(`Every record on a page was unreadable (${rejected.length}); the first: ${rejected[0]?.reason ?? 'unknown'}`.slice(0, 400));
    this.name = 'PageRejectedError';
  }
}

/** Ids of this account's quarantined records of a kind. */
export async function quarantinedIds(db: Db | Tx, accountId: string, kind: RecordKind): Promise<Set<string>> {
  const rows = rowsOf<{ external_id: string }>(
    await db.execute(sql`select external_id from public.sync_quarantine where account_id = ${accountId} and kind = ${kind}`),
  );
  return new Set(rows.map((r) => r.external_id));
}

/** Records (or re-records) rejected records; those without a readable id cannot be kept. */
export async function quarantine(tx: Tx, scope: { orgId: string; accountId: string }, rejected: RejectedRecord[], now: number): Promise<void> {
  const byId = new Map(rejected.filter((r) => r.externalId !== null).map((r) => [`${r.kind}|${r.externalId}`, r]));
  const at = new Date(now).toISOString();
  for (const r of byId.values()) {
    await tx.execute(sql`
      insert into public.sync_quarantine as q (org_id, account_id, kind, external_id, reason, first_seen_at, last_seen_at)
      values (${scope.orgId}, ${scope.accountId}, ${r.kind}, ${r.externalId}, ${r.reason.slice(0, 300)}, ${at}::timestamptz, ${at}::timestamptz)
      on conflict (account_id, kind, external_id) do update
        set reason = excluded.reason, last_seen_at = excluded.last_seen_at, attempts = q.attempts + 1`);
  }
}

/** A retry that found nothing to read (the marketplace no longer returns it): counted as a try. */
export async function touchQuarantined(tx: Tx, accountId: string, kind: RecordKind, externalId: string, now: number): Promise<void> {
  await tx.execute(sql`update public.sync_quarantine set attempts = attempts + 1, last_seen_at = ${new Date(now).toISOString()}::timestamptz
    where account_id = ${accountId} and kind = ${kind} and external_id = ${externalId}`);
}

/** Stored records leave quarantine. Only ids known to be quarantined are sent (usually none). */
export async function release(tx: Tx, accountId: string, kind: RecordKind, stored: string[], quarantined: Set<string>): Promise<void> {
  const ids = stored.filter((id) => quarantined.has(id));
  if (!ids.length) return;
  await tx.execute(sql`delete from public.sync_quarantine where account_id = ${accountId} and kind = ${kind}
    and external_id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  for (const id of ids) quarantined.delete(id);
}
