import 'server-only';
// The tracking kinds in the running app: the same connectors (and process rate-limit buckets) as
// sync, and the log (kind and class of a failure only: stored messages are sanitized separately).
import type { JobRegistry } from '@/lib/jobs/registry';
import { log } from '@/lib/log';
import { MarketplaceError } from '@/lib/marketplaces/http';
import { appSyncDeps } from '@/lib/sync/app-deps';
import { registerAcknowledge } from './acknowledge';
import { registerTrackingPush, type PushDeps } from './push-job';

export const appTrackingDeps: PushDeps = {
  connectorFor: appSyncDeps.connectorFor,
  onError: (job, e) => {
    const err = e instanceof MarketplaceError ? { kind: e.kind, status: e.details.status, operation: e.details.operation } : { name: (e as Error)?.name };
    log.warn({ jobId: job.id, accountId: job.accountId, kind: job.kind, err }, 'tracking push attempt failed');
  },
};

export function registerTrackingKinds(registry: JobRegistry, deps: PushDeps): JobRegistry {
  return registerAcknowledge(registerTrackingPush(registry, deps), deps.connectorFor);
}
