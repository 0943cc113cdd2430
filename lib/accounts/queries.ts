import 'server-only';
// What the Accounts page and its progress polling read, always inside the person's withUser
// transaction (RLS decides what they may see; the org filter keeps the indexes in play).
import { and, count, eq, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/lib/db/connect';
import { marketplaceAccounts } from '@/lib/db/schema';
import { type Marketplace } from '@/lib/model';

export type AccountStatus = 'active' | 'needs_reconnect' | 'disconnected';

export interface SyncRunView {
  id: string;
  kind: 'orders' | 'listings';
  trigger: 'schedule' | 'manual' | 'connect';
  status: 'running' | 'succeeded' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  records: number;
  /** Already sanitized by the sync engine: no body, credential or buyer data. */
  error: string | null;
}

/** A record the sync holds back (sync_quarantine): id and ESM's own sanitized reason only. */
export interface QuarantinedRecordView {
  kind: 'order' | 'listing';
  externalId: string;
  reason: string;
  attempts: number;
  firstSeenAt: string;
  lastSeenAt: string;
}

/** How many records are held back, and the most recently seen few. */
export interface QuarantineView {
  count: number;
  recent: QuarantinedRecordView[];
}

/** Shown on the card; the count says how many more there are. */
export const QUARANTINE_SHOWN = 5;

export interface AccountSyncView {
  id: string;
  status: AccountStatus;
  statusReason: string | null;
  lastSyncStartedAt: string | null;
  lastSyncSucceededAt: string | null;
  lastSyncError: string | null;
  /** When the orders job is next due (null: no job, e.g. disconnected). */
  nextRunAt: string | null;
  orders: SyncRunView | null;
  listings: SyncRunView | null;
  quarantine: QuarantineView;
}

export interface AccountView extends AccountSyncView {
  marketplace: Marketplace;
  displayName: string;
  externalAccountId: string;
  connectedAt: string;
  disconnectedAt: string | null;
}

interface Row {
  id: string;
  marketplace: Marketplace;
  display_name: string;
  external_account_id: string;
  status: AccountStatus;
  status_reason: string | null;
  last_sync_started_at: string | Date | null;
  last_sync_succeeded_at: string | Date | null;
  last_sync_error: string | null;
  connected_at: string | Date;
  disconnected_at: string | Date | null;
  next_run_at: string | Date | null;
  orders_run: RunJson | string | null;
  listings_run: RunJson | string | null;
  quarantine_count: number | string;
  quarantine_recent: QuarantineJson[] | string | null;
}

interface QuarantineJson {
  kind: 'order' | 'listing';
  external_id: string;
  reason: string;
  attempts: number;
  first_seen_at: string;
  last_seen_at: string;
}

interface RunJson {
  id: string;
  kind: SyncRunView['kind'];
  trigger: SyncRunView['trigger'];
  status: SyncRunView['status'];
  started_at: string;
  finished_at: string | null;
  pages: number;
  records_upserted: number;
  error: string | null;
}

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

function run(v: RunJson | string | null): SyncRunView | null {
  if (v === null) return null;
  const r = typeof v === 'string' ? (JSON.parse(v) as RunJson) : v;
  return {
    id: r.id,
    kind: r.kind,
    trigger: r.trigger,
    status: r.status,
    startedAt: iso(r.started_at)!,
    finishedAt: iso(r.finished_at),
    pages: Number(r.pages),
    records: Number(r.records_upserted),
    error: r.error,
  };
}

// The latest run of each kind per account, through the (org_id, account, started_at desc) index.
const latestRun = (kind: 'orders' | 'listings') => sql`(
  select json_build_object('id', r.id, 'kind', r.kind, 'trigger', r.trigger, 'status', r.status,
    'started_at', r.started_at, 'finished_at', r.finished_at, 'pages', r.pages,
    'records_upserted', r.records_upserted, 'error', r.error)
  from public.sync_runs r
  where r.org_id = a.org_id and r.marketplace_account_id = a.id and r.kind = ${kind}
  order by r.started_at desc limit 1)`;

function quarantine(count: number | string, recent: QuarantineJson[] | string | null): QuarantineView {
  const list = recent === null ? [] : typeof recent === 'string' ? (JSON.parse(recent) as QuarantineJson[]) : recent;
  return {
    count: Number(count),
    recent: list.map((q) => ({
      kind: q.kind,
      externalId: q.external_id,
      reason: q.reason,
      attempts: Number(q.attempts),
      firstSeenAt: iso(q.first_seen_at)!,
      lastSeenAt: iso(q.last_seen_at)!,
    })),
  };
}

const SELECT = sql`select a.id, a.marketplace, a.display_name, a.external_account_id, a.status, a.status_reason,
    a.last_sync_started_at, a.last_sync_succeeded_at, a.last_sync_error, a.connected_at, a.disconnected_at,
    (select j.run_at from public.jobs j where j.org_id = a.org_id and j.marketplace_account_id = a.id and j.kind = 'sync_orders') as next_run_at,
    ${latestRun('orders')} as orders_run,
    ${latestRun('listings')} as listings_run,
    (select count(*) from public.sync_quarantine q where q.org_id = a.org_id and q.account_id = a.id) as quarantine_count,
    (select json_agg(x order by x.last_seen_at desc) from (
      select q.kind, q.external_id, q.reason, q.attempts, q.first_seen_at, q.last_seen_at from public.sync_quarantine q
      where q.org_id = a.org_id and q.account_id = a.id order by q.last_seen_at desc, q.external_id limit ${QUARANTINE_SHOWN}) x) as quarantine_recent
  from public.marketplace_accounts a`;

function toView(r: Row): AccountView {
  return {
    id: r.id,
    marketplace: r.marketplace,
    displayName: r.display_name,
    externalAccountId: r.external_account_id,
    status: r.status,
    statusReason: r.status_reason,
    lastSyncStartedAt: iso(r.last_sync_started_at),
    lastSyncSucceededAt: iso(r.last_sync_succeeded_at),
    lastSyncError: r.last_sync_error,
    connectedAt: iso(r.connected_at)!,
    disconnectedAt: iso(r.disconnected_at),
    nextRunAt: iso(r.next_run_at),
    orders: run(r.orders_run),
    listings: run(r.listings_run),
    quarantine: quarantine(r.quarantine_count, r.quarantine_recent),
  };
}

/** The organization's accounts: connected ones first, then by marketplace and name. */
export async function listAccounts(tx: Tx, orgId: string): Promise<AccountView[]> {
  const rows = rowsOf<Row>(
    await tx.execute(sql`${SELECT} where a.org_id = ${orgId}
      order by (a.status = 'disconnected'), a.marketplace, a.display_name`),
  );
  return rows.map(toView);
}

/** One account's sync state for progress polling; null when it does not exist or is not visible. */
export async function getAccountSync(tx: Tx, accountId: string): Promise<AccountSyncView | null> {
  const [row] = rowsOf<Row>(await tx.execute(sql`${SELECT} where a.id = ${accountId}`));
  if (!row) return null;
  const v = toView(row);
  return {
    id: v.id,
    status: v.status,
    statusReason: v.statusReason,
    lastSyncStartedAt: v.lastSyncStartedAt,
    lastSyncSucceededAt: v.lastSyncSucceededAt,
    lastSyncError: v.lastSyncError,
    nextRunAt: v.nextRunAt,
    orders: v.orders,
    listings: v.listings,
    quarantine: v.quarantine,
  };
}

export async function countNeedsReconnect(tx: Tx, orgId: string): Promise<number> {
  const [r] = await tx
    .select({ n: count() })
    .from(marketplaceAccounts)
    .where(and(eq(marketplaceAccounts.orgId, orgId), eq(marketplaceAccounts.status, 'needs_reconnect')));
  return Number(r?.n ?? 0);
}
