-- When the scheduled anonymization last looked at each organization (Settings → Privacy shows
-- it). Written by the service path only: the column grant for people stays as it was.
alter table public.organizations add column pii_checked_at timestamptz;
