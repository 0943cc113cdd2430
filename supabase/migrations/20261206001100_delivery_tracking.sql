-- Delivery (issue 11) and issue 10 leftovers: where each package is (Shippo track_updated webhook
-- and a polling fallback), its carrier events, pending refunds polled by a job, and ship-to
-- corrections that a later sync must not overwrite.

-- Tracking state of a label, apart from the label's own status (purchased, refunded, ...).
alter table public.shipments
  add column delivery_status text
    check (delivery_status is null or delivery_status in ('unknown', 'pre_transit', 'in_transit', 'delivered', 'returned', 'exception')),
  add column delivery_status_at timestamptz,
  add column delivery_eta timestamptz,
  add column delivered_at timestamptz,
  -- Last time Shippo was asked or told about this package: the polling fallback skips fresh ones.
  add column tracking_checked_at timestamptz;

create unique index if not exists shipments_id_org_uidx on public.shipments (id, org_id);
-- The webhook finds shipments by tracking number (one per label; several orgs never share one, but
-- the lookup does not assume it).
create index if not exists shipments_tracking_number_idx on public.shipments (tracking_number) where tracking_number is not null;
create index if not exists shipments_undelivered_idx on public.shipments (org_id, created_at)
  where status = 'purchased' and delivery_status is distinct from 'delivered';

-- The carrier's scans, one row per Shippo tracking status object. Carrier text only: no address,
-- no location (the delivery city is the buyer's).
create table public.shipment_tracking_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  shipment_id uuid not null,
  shippo_status_id text not null check (length(shippo_status_id) between 1 and 64),
  status text not null check (status in ('unknown', 'pre_transit', 'in_transit', 'delivered', 'returned', 'exception')),
  substatus text check (substatus is null or length(substatus) <= 64),
  details text check (details is null or length(details) <= 300),
  occurred_at timestamptz not null,
  created_at timestamptz not null default now(),
  unique (shipment_id, shippo_status_id),
  foreign key (shipment_id, org_id) references public.shipments (id, org_id) on delete cascade
);
create index shipment_tracking_events_org_idx on public.shipment_tracking_events (org_id);
revoke all on public.shipment_tracking_events from anon, authenticated;
-- Written by the service path only (webhook, polling job); members read their organization's.
grant select on public.shipment_tracking_events to authenticated;
alter table public.shipment_tracking_events enable row level security;
create policy shipment_tracking_events_select on public.shipment_tracking_events for select to authenticated
  using (org_id in (select private.my_org_ids()));

-- An operator's ship-to correction wins over the marketplace's later copies (lib/sync/upsert-orders.ts).
alter table public.order_buyers add column address_corrected_at timestamptz;
grant update (address_corrected_at) on public.order_buyers to authenticated;

-- A new job kind, added to whatever list the constraint holds by now (other migrations add kinds too).
do $$
declare def text;
begin
  select pg_get_constraintdef(oid) into def from pg_constraint where conname = 'jobs_kind_check' and conrelid = 'public.jobs'::regclass;
  if def is not null and position('''refund_poll''' in def) = 0 then
    execute 'alter table public.jobs drop constraint jobs_kind_check';
    execute 'alter table public.jobs add constraint jobs_kind_check ' || replace(def, '::text])', '::text, ''refund_poll''::text])');
  end if;
end $$;

-- Every label bought leaves its organization with the polling fallback (one recurring job per
-- org); every void leaves a job that asks Shippo how the refund ended. Triggers, so every path
-- that buys or voids (one order, bulk, Check again) gets them; security definer because only the
-- service path writes shipments and people cannot insert jobs.
create or replace function private.shipment_watch_jobs() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  if new.status = 'purchased' and (tg_op = 'INSERT' or old.status is distinct from 'purchased') then
    insert into public.jobs (org_id, kind, run_at, recurring, max_attempts)
    values (new.org_id, 'tracking_poll', now() + interval '1 hour', true, null)
    on conflict do nothing;
  end if;
  if new.status = 'refund_pending' and (tg_op = 'INSERT' or old.status is distinct from 'refund_pending') then
    insert into public.jobs (org_id, kind, run_at, recurring, max_attempts, payload, dedupe_key)
    values (new.org_id, 'refund_poll', now() + interval '1 minute', false, 5,
      jsonb_build_object('shipmentId', new.id, 'poll', 1),
      'refund:' || new.id || ':' || floor(extract(epoch from clock_timestamp()) * 1000)::bigint || ':1')
    on conflict do nothing;
  end if;
  return new;
end $$;
revoke all on function private.shipment_watch_jobs() from public;
create trigger shipments_watch_jobs after insert or update of status on public.shipments
  for each row execute function private.shipment_watch_jobs();

-- A delivered order never moves back: a later marketplace copy (still "Shipped", without a
-- delivery date) keeps the delivered status and the retention clock's start. A cancellation
-- still lands.
create or replace function private.orders_keep_delivered() returns trigger
language plpgsql set search_path = '' as $$
begin
  if old.status = 'delivered' and new.status in ('pending', 'unshipped', 'partially_shipped', 'shipped') then
    new.status := 'delivered';
  end if;
  if new.status = 'delivered' then
    new.delivered_at := coalesce(new.delivered_at, old.delivered_at);
  end if;
  return new;
end $$;
revoke all on function private.orders_keep_delivered() from public;
create trigger orders_keep_delivered before update of status, delivered_at on public.orders
  for each row execute function private.orders_keep_delivered();
