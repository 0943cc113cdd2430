-- eBay Marketplace Account Deletion (marketplace-apis.md §4). A verified notification is recorded
-- by eBay's notificationId (a redelivery changes nothing) and acknowledged at once; the deletion
-- itself runs afterwards on the service path. The eBay identifiers are kept only until the
-- deletion has run; what stays proves it was honoured (when, and how much was touched).
-- A system table: RLS on, no policy, no grant: no person reads or writes it.
create table public.ebay_deletion_notifications (
  notification_id text primary key check (length(notification_id) between 1 and 200),
  event_date timestamptz,
  publish_attempt_count int,
  received_at timestamptz not null default now(),
  username text check (length(username) <= 200),
  user_id text check (length(user_id) <= 200),
  eias_token text check (length(eias_token) <= 500),
  status text not null default 'pending' check (status in ('pending', 'done')),
  attempts int not null default 0,
  last_error text check (length(last_error) <= 500),
  processed_at timestamptz,
  orgs_touched int,
  buyers_anonymized int,
  accounts_disconnected int,
  -- Honoured means forgotten: a done row keeps no identifier of the eBay user.
  check (status <> 'done' or (username is null and user_id is null and eias_token is null and processed_at is not null)),
  check (status <> 'pending' or username is not null or user_id is not null)
);
create index ebay_deletion_notifications_pending_idx on public.ebay_deletion_notifications (received_at)
  where status = 'pending';

alter table public.ebay_deletion_notifications enable row level security;
revoke all on public.ebay_deletion_notifications from anon, authenticated;

