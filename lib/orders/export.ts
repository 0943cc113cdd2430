import 'server-only';
// Orders as CSV: the selection or every order matching the filter (up to EXPORT_MAX), read in
// chunks of CHUNK along the sort's index (keyset), one short transaction per chunk, and streamed.
// Cells are formula-escaped like the reports' CSV; an anonymized buyer's name is never written.
import { and, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { orders } from '@/lib/db/schema';
import { csvCell, csvLine } from '@/lib/reports/csv';
import { afterCursor, cursorColumns } from './keyset';
import { loadRows, type OrderListRow } from './list';
import { conditions, orderBy } from './query';
import { searchWhere } from './search';
import type { OrderListParams } from './url';

export const EXPORT_MAX = 50_000;
const CHUNK = 1_000;

type Run = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

const HEADER = ['Order', 'Marketplace', 'Account', 'Status', 'Ordered (UTC)', 'Ship by (UTC)', 'Total', 'Currency', 'Items', 'Buyer', 'On hold'];

function line(r: OrderListRow): string {
  return csvLine([
    csvCell(r.externalOrderId),
    csvCell(r.marketplace),
    csvCell(r.accountName),
    csvCell(r.status),
    csvCell(r.orderedAt.toISOString()),
    csvCell(r.shipBy ? r.shipBy.toISOString() : null),
    csvCell(r.total.toFixed(2), 'money'),
    csvCell(r.currency),
    csvCell(r.itemCount, 'int'),
    csvCell(r.buyerAnonymized ? null : r.buyerName),
    csvCell(r.onHold ? 'yes' : 'no'),
  ]);
}

export async function* orderCsvLines(
  run: Run,
  orgId: string,
  sel: { ids: string[] } | { filter: OrderListParams; timeZone?: string },
  now = new Date(),
): AsyncGenerator<string> {
  yield csvLine(HEADER.map((h) => csvCell(h)));
  if ('ids' in sel) {
    for (let i = 0; i < sel.ids.length; i += CHUNK) {
      const rows = await run((tx) => loadRows(tx, orgId, sel.ids.slice(i, i + CHUNK), now));
      for (const r of rows) yield line(r);
    }
    return;
  }
  const p = sel.filter;
  const search = await run((tx) => searchWhere(tx, orgId, p.q));
  const where = conditions({ orgId, now, timeZone: sel.timeZone, search }, p);
  let after: { s: string; d: string; v: Array<string | null>; id: string } | null = null;
  for (let written = 0; written < EXPORT_MAX; ) {
    const cursor = after;
    const rows = await run(async (tx) => {
      const ids = await tx
        .select({ id: orders.id, keys: sql<Array<string | null>>`array[${sql.join(cursorColumns(p), sql`, `)}]` })
        .from(orders)
        .where(cursor ? and(where, afterCursor(p, cursor)) : where)
        .orderBy(...orderBy(p))
        .limit(Math.min(CHUNK, EXPORT_MAX - written));
      const last = ids[ids.length - 1];
      after = last ? { s: p.sort, d: p.dir, v: last.keys, id: last.id } : null;
      return loadRows(tx, orgId, ids.map((r) => r.id), now);
    });
    for (const r of rows) yield line(r);
    written += rows.length;
    if (rows.length < CHUNK || !after) break;
  }
}

/** The lines as a byte stream for a Response. */
export function toStream(lines: AsyncGenerator<string>, onError: (e: unknown) => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (e) {
        onError(e);
        controller.error(e);
      }
    },
  });
}
