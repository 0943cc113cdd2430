// Sync orders and sync listings as two job kinds of lib/jobs: each kind's rules (schedule,
// concurrency, lease) and what its runs do differently (the SyncSpec that lib/sync/run.ts runs).
// The app registers them once (lib/jobs/app-registry.ts); tests and benchmarks register them in
// a registry of their own with a connector of their choosing.
import type { Db } from '@/lib/db/connect';
import { accountKind, DEFAULT_LEASE_MS, type AccountJob, type JobRegistry } from '@/lib/jobs/registry';
import type { Connector, NormalizedListing, NormalizedOrder } from '@/lib/marketplaces/types';
import { LISTING_RECORDS, ORDER_RECORDS } from './quarantine';
import { retryQuarantinedOrders } from './retry-quarantined';
import { closeInterruptedRuns, OVERLAP_MS, runSync, type SyncSpec } from './run';
import { setListingQuantities, upsertListings } from './upsert-listings';
import { upsertOrders } from './upsert-orders';

export const SYNC_KINDS = ['sync_orders', 'sync_listings'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

export const SCHEDULE_MS: Record<SyncKind, number> = {
  sync_orders: 10 * 60_000,
  sync_listings: 6 * 60 * 60_000,
};

/**
 * Orders on the embedded default: its simulated sellers take an order every few minutes, and a
 * newcomer should see them (and their status changes) on Orders within a couple of minutes.
 */
export const SANDBOX_ORDERS_EVERY_MS = 2 * 60_000;

/**
 * Jobs of one sync kind holding a lease at once, across all workers. Each kind counts only its
 * own leases, so a full quota of another kind (a long label batch) never holds sync back; the
 * limit bounds the database work of many overlapping ticks and "Sync now" requests.
 */
export const SYNC_CONCURRENCY = 10;

export interface SyncDeps {
  /** The account's connector, with its credentials read through `db` (the drain's database). */
  connectorFor(db: Db, job: AccountJob): Promise<Connector>;
  lookbackMs?: number;
  leaseMs?: number;
  /** Overrides of SCHEDULE_MS (the embedded default's faster orders sync). */
  everyMs?: Partial<Record<SyncKind, number>>;
  /** For the log: the raw error of a failed run (the stored one is sanitized). */
  onError?(job: AccountJob, error: unknown): void;
  /** After a completed orders sync (issue 11: queue the Walmart acknowledgement of Created orders). */
  afterOrders?(db: Db, job: AccountJob): Promise<void>;
}

export const ORDERS: SyncSpec<NormalizedOrder> = {
  runKind: 'orders',
  records: ORDER_RECORDS,
  openWindow(state, now, lookbackMs) {
    const from = state.cursor ? Date.parse(state.cursor) - OVERLAP_MS : now - lookbackMs;
    state.window = { from: new Date(from).toISOString(), to: new Date(now).toISOString() };
  },
  beforeRun: retryQuarantinedOrders,
  fetch(connector, state) {
    if (!state.window) throw new Error('An orders sync page was asked for without a window');
    return connector.fetchOrders({ updatedFrom: new Date(state.window.from), updatedTo: new Date(state.window.to) }, state.page ?? null);
  },
  upsert: upsertOrders,
  closeWindow(next, state) {
    if (state.window) next.cursor = state.window.to;
    delete next.window;
    delete next.page;
  },
};

export const LISTINGS: SyncSpec<NormalizedListing> = {
  runKind: 'listings',
  records: LISTING_RECORDS,
  fetch: (connector, state) => connector.fetchListings(state.page ?? null),
  async upsert(tx, scope, records, page) {
    const listed = await upsertListings(tx, scope, records);
    const stocked = page.quantities ? await setListingQuantities(tx, scope, page.quantities) : { written: 0 };
    return { written: listed.written + stocked.written };
  },
};

function syncKind<T>(kind: SyncKind, spec: SyncSpec<T>, deps: SyncDeps) {
  return accountKind({
    schedule: { everyMs: deps.everyMs?.[kind] ?? SCHEDULE_MS[kind] },
    concurrency: SYNC_CONCURRENCY,
    leaseMs: deps.leaseMs ?? DEFAULT_LEASE_MS,
    onTakeover: async (tx, job, now) => (job.accountId ? closeInterruptedRuns(tx, { ...job, accountId: job.accountId }, spec.runKind, now) : undefined),
    handler: async (jc) => {
      const outcome = await runSync(
        {
          db: jc.db,
          jobs: jc,
          connectorFor: (job) => deps.connectorFor(jc.db, job),
          now: jc.now,
          deadline: jc.deadline,
          trigger: jc.trigger,
          lookbackMs: deps.lookbackMs,
          onError: deps.onError,
        },
        jc.job,
        spec,
      );
      if (outcome === 'completed' && kind === 'sync_orders' && deps.afterOrders) await deps.afterOrders(jc.db, jc.job);
      return outcome;
    },
  });
}

export function registerSyncKinds(registry: JobRegistry, deps: SyncDeps): JobRegistry {
  return registry.register('sync_orders', syncKind('sync_orders', ORDERS, deps)).register('sync_listings', syncKind('sync_listings', LISTINGS, deps));
}
