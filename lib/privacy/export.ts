// An owner's copy of the organization's data: a ZIP of CSV files (accounts, orders, items, buyers
// not yet anonymized, listings, shipments, orders' histories, audit trail), streamed as it is read. Never credentials.
// Rows are read in pages by keyset, each page in a short transaction of its own under the person's
// RLS, so a large organization neither holds a long transaction nor sits in memory.
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';
import { csvRow } from '@/lib/export/csv';
import { ZipWriter } from '@/lib/export/zip';

export const EXPORT_PAGE = 2_000;

interface TableSpec {
  file: string;
  table: string;
  key: string;
  columns: string[];
  where?: string;
}

/** What goes in the archive. Column lists are explicit: a new secret column never slips in. */
export const EXPORT_TABLES: TableSpec[] = [
  { file: 'marketplace_accounts.csv', table: 'marketplace_accounts', key: 'id',
    columns: ['id', 'marketplace', 'display_name', 'external_account_id', 'marketplace_code', 'status', 'connected_at', 'disconnected_at'] },
  { file: 'orders.csv', table: 'orders', key: 'id',
    columns: ['id', 'marketplace_account_id', 'marketplace', 'external_order_id', 'status', 'marketplace_status', 'ordered_at', 'ship_by', 'deliver_by',
      'shipped_at', 'delivered_at', 'cancelled_at', 'currency', 'subtotal', 'shipping_total', 'tax_total', 'total', 'item_count', 'on_hold', 'hold_reason'] },
  { file: 'order_items.csv', table: 'order_items', key: 'id',
    columns: ['id', 'order_id', 'line_id', 'sku', 'title', 'quantity', 'quantity_shipped', 'unit_price', 'currency', 'marketplace_status'] },
  { file: 'buyers.csv', table: 'order_buyers', key: 'order_id', where: 'anonymized_at is null',
    columns: ['order_id', 'name', 'address_line1', 'address_line2', 'address_line3', 'city', 'region', 'postal_code', 'country', 'phone', 'email'] },
  { file: 'listings.csv', table: 'listings', key: 'id',
    columns: ['id', 'marketplace_account_id', 'marketplace', 'sku', 'external_listing_id', 'title', 'price', 'currency', 'quantity', 'publish_status',
      'marketplace_status', 'marketplace_updated_at'] },
  { file: 'shipments.csv', table: 'shipments', key: 'id',
    columns: ['id', 'order_id', 'status', 'carrier', 'service_level', 'tracking_number', 'tracking_url', 'label_cost', 'currency', 'created_at'] },
  { file: 'order_events.csv', table: 'order_events', key: 'id',
    columns: ['id', 'order_id', 'created_at', 'kind', 'actor_type', 'actor_user_id', 'details'] },
  { file: 'audit_events.csv', table: 'audit_events', key: 'id',
    columns: ['id', 'created_at', 'actor_type', 'actor_user_id', 'action', 'target_type', 'target_id', 'details'] },
];

export type ReadAs = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

async function* tableRows(read: ReadAs, orgId: string, t: TableSpec): AsyncGenerator<string> {
  yield csvRow(t.columns);
  let after: string | null = null;
  for (;;) {
    const cols = sql.raw(t.columns.map((c) => `"${c}"`).join(', '));
    const key = sql.raw(`"${t.key}"`);
    const extra = t.where ? sql.raw(`and ${t.where}`) : sql``;
    const rows: Record<string, unknown>[] = await read(async (tx) =>
      rowsOf<Record<string, unknown>>(
        await tx.execute(sql`select ${cols}, ${key}::text as __key from ${sql.raw(`public."${t.table}"`)}
          where org_id = ${orgId} ${extra} ${after ? sql`and ${key} > ${after}::uuid` : sql``}
          order by ${key} limit ${EXPORT_PAGE}`),
      ),
    );
    for (const r of rows) yield csvRow(t.columns.map((c) => r[c]));
    if (rows.length < EXPORT_PAGE) return;
    after = String(rows[rows.length - 1].__key);
  }
}

/** Writes the archive to `out` chunk by chunk. */
export async function exportOrganization(read: ReadAs, orgId: string, out: (chunk: Uint8Array) => Promise<void> | void): Promise<void> {
  const zip = new ZipWriter(out);
  for (const t of EXPORT_TABLES) await zip.add(t.file, tableRows(read, orgId, t));
  await zip.finish();
}
