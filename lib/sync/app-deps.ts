import 'server-only';
// The sync handlers' dependencies in the running app: the configured marketplaces and keys, the
// process's rate-limit buckets, the log, and on the embedded default a faster orders schedule.
import { config } from '@/lib/env';
import { log } from '@/lib/log';
import { MarketplaceError } from '@/lib/marketplaces/http';
import { enqueueAcknowledge } from '@/lib/tracking/acknowledge';
import { connectorsFromDatabase, processRateLimits } from './connectors';
import { SANDBOX_ORDERS_EVERY_MS, type SyncDeps } from './handlers';

export const appSyncDeps: SyncDeps = {
  connectorFor: (db, job) => {
    const cfg = config();
    return connectorsFromDatabase(db, cfg.encryptionKeys, { marketplaces: cfg.marketplaces, limits: processRateLimits() })(job);
  },
  // Issue 11: Created Walmart orders are acknowledged after the sync that stored them.
  afterOrders: async (db, job) => {
    await enqueueAcknowledge(db, job);
  },
  // Read when the registry is built (once per process), after configuration was validated.
  get everyMs() {
    return config().sandbox ? { sync_orders: SANDBOX_ORDERS_EVERY_MS } : undefined;
  },
  onError: (job, e) => {
    // Classified marketplace errors carry no body or PII; anything else is logged by type only.
    const err = e instanceof MarketplaceError ? { kind: e.kind, message: e.message } : { name: (e as Error)?.name, message: String((e as Error)?.message).slice(0, 300) };
    log.warn({ jobId: job.id, accountId: job.accountId, kind: job.kind, err }, 'sync job failed');
  },
};
