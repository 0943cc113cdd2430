-- The general job runner (lib/jobs): every kind of background work is a row in `jobs`.
-- Recurring jobs (sync) stay one per account and kind; one-off jobs (a label batch, a tracking
-- push, an anonymization) may be many per organization and kind, made idempotent by a dedupe key.
-- A job is claimable when due, unleased and queued/running (a running job whose lease expired was
-- left by a dead worker); done and dead rows stay visible with their error.

-- The kinds; lib/jobs/kinds.ts holds the same list (a test compares them).
alter table public.jobs add constraint jobs_kind_check check (kind in (
  'sync_orders', 'sync_listings', 'label_batch', 'tracking_push', 'walmart_acknowledge',
  'tracking_poll', 'privacy_anonymize', 'ebay_account_deletion', 'retention_cleanup'));

alter table public.jobs
  add column status text not null default 'queued' check (status in ('queued', 'running', 'done', 'dead')),
  -- Rows inserted without saying are the schedule rows, as the sync code has always inserted them.
  add column recurring boolean not null default true,
  -- Null: no limit (a recurring job's schedule is its retry).
  add column max_attempts int check (max_attempts is null or max_attempts >= 1),
  add column dedupe_key text check (dedupe_key is null or length(dedupe_key) between 1 and 200),
  add column payload jsonb not null default '{}',
  add column finished_at timestamptz;

-- One recurring job per account and kind; one-off jobs are free, deduplicated by their key.
drop index if exists public.jobs_one_per_account_kind;
create unique index jobs_one_recurring_per_account_kind on public.jobs
  (org_id, kind, coalesce(marketplace_account_id, '00000000-0000-0000-0000-000000000000'::uuid)) where recurring;
create unique index jobs_dedupe_key_uidx on public.jobs (org_id, kind, dedupe_key) where dedupe_key is not null;

-- The claim scans due rows of a kind; the concurrency limit counts live leases of a kind.
-- (jobs_due_idx stays for lib/sync's claim until sync runs on lib/jobs.)
create index jobs_claim_idx on public.jobs (kind, run_at) where status in ('queued', 'running');
create index jobs_lease_idx on public.jobs (kind, locked_until) where locked_until is not null;
create index jobs_account_idx on public.jobs (marketplace_account_id) where marketplace_account_id is not null;
