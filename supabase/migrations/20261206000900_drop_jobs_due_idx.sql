-- Sync now claims through lib/jobs (jobs_claim_idx); the old sync claim's index serves nothing.
drop index if exists public.jobs_due_idx;
