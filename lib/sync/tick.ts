import 'server-only';
// A sync tick in the running app: the process's database, configuration and rate-limit buckets.
import { getDatabase } from '@/lib/db';
import { config } from '@/lib/env';
import { log } from '@/lib/log';
import { MarketplaceError } from '@/lib/marketplaces/http';
import { connectorsFromDatabase, processRateLimits } from './connectors';
import { runDueJobs, type TickResult } from './worker';
import type { JobKind } from './jobs';

export async function runSyncTick(o: { budgetMs?: number; trigger?: 'schedule' | 'manual' | 'connect'; accountId?: string; kinds?: JobKind[] } = {}): Promise<TickResult> {
  const cfg = config();
  const { db } = await getDatabase();
  return runDueJobs({
    db,
    connectorFor: connectorsFromDatabase(db, cfg.encryptionKeys, { marketplaces: cfg.marketplaces, limits: processRateLimits() }),
    budgetMs: o.budgetMs,
    trigger: o.trigger,
    accountId: o.accountId,
    kinds: o.kinds,
    onError: (job, e) => {
      // Classified marketplace errors carry no body or PII; anything else is logged by type only.
      const err = e instanceof MarketplaceError ? { kind: e.kind, message: e.message } : { name: (e as Error)?.name, message: String((e as Error)?.message).slice(0, 300) };
      log.warn({ jobId: job.id, accountId: job.accountId, kind: job.kind, err }, 'sync job failed');
    },
  });
}
