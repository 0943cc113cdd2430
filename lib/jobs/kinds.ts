// Every kind of background job, in one place. The migration's `jobs_kind_check` holds the same
// list (kinds.test.ts compares them): a new kind is added here and in a migration together.
export const JOB_KINDS = [
  'sync_orders',
  'sync_listings',
  'label_batch',
  'tracking_push',
  'walmart_acknowledge',
  'tracking_poll',
  'privacy_anonymize',
  'ebay_account_deletion',
  'retention_cleanup',
  'refund_poll',
] as const;

export type JobKind = (typeof JOB_KINDS)[number];

export function isJobKind(v: unknown): v is JobKind {
  return typeof v === 'string' && (JOB_KINDS as readonly string[]).includes(v);
}

export type JobStatus = 'queued' | 'running' | 'done' | 'dead';
