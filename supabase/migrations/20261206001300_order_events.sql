-- An order's history, for the order page: status changes seen by sync, holds, labels bought and
-- voided, tracking pushes, the buyer's anonymization — who and when. Filled by triggers, so every
-- writer (sync, the shipping service path, a person's hold, the privacy run) is recorded the same
-- way and none can forget. Members read it; nobody writes it but the triggers (security definer).
-- Only columns that exist before this round are read, so later shipment columns change nothing.
create unique index if not exists orders_id_org_uidx on public.orders (id, org_id);

create table public.order_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  order_id uuid not null,
  kind text not null check (kind in ('status_changed', 'held', 'released', 'label_bought', 'label_failed',
    'void_requested', 'void_rejected', 'label_voided', 'tracking_pushed', 'tracking_push_failed', 'buyer_anonymized')),
  -- A person when one is known (the session's user, or the one the service path acted for);
  -- otherwise the system (sync, tracking push, the privacy run).
  actor_type text not null check (actor_type in ('user', 'system')),
  actor_user_id uuid references auth.users (id) on delete set null,
  -- Codes and identifiers only (statuses, carrier, tracking number): never free text or buyer data.
  details jsonb not null default '{}',
  -- The moment of the change, not of its transaction: one transaction's events keep their order.
  created_at timestamptz not null default clock_timestamp(),
  foreign key (order_id, org_id) references public.orders (id, org_id) on delete cascade
);
create index order_events_order_idx on public.order_events (org_id, order_id, created_at);

revoke all on public.order_events from anon, authenticated;
grant select on public.order_events to authenticated;
alter table public.order_events enable row level security;
create policy order_events_select on public.order_events for select to authenticated
  using (org_id in (select private.my_org_ids()));

-- Who acts: the signed-in user; else the user the service path names for this transaction
-- (`esm.actor_user_id`, set by the shipping path when a person voided a label); else the system.
create or replace function private.order_event(p_org_id uuid, p_order_id uuid, p_kind text, p_details jsonb, p_user uuid default null)
returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_uid uuid := coalesce(auth.uid(), p_user, nullif(current_setting('esm.actor_user_id', true), '')::uuid);
begin
  insert into public.order_events (org_id, order_id, kind, actor_type, actor_user_id, details)
    values (p_org_id, p_order_id, p_kind, case when v_uid is null then 'system' else 'user' end, v_uid,
      jsonb_strip_nulls(coalesce(p_details, '{}')));
end
$$;
revoke all on function private.order_event(uuid, uuid, text, jsonb, uuid) from public, anon, authenticated;

create or replace function private.orders_record_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.status is distinct from new.status then
    perform private.order_event(new.org_id, new.id, 'status_changed', jsonb_build_object(
      'from', old.status, 'to', new.status,
      'marketplaceFrom', old.marketplace_status, 'marketplaceTo', new.marketplace_status));
  end if;
  if old.on_hold is distinct from new.on_hold then
    perform private.order_event(new.org_id, new.id, case when new.on_hold then 'held' else 'released' end, '{}',
      case when new.on_hold then new.held_by end);
  end if;
  return null;
end
$$;
revoke all on function private.orders_record_event() from public, anon, authenticated;
-- The WHEN clause keeps sync's ordinary updates (timestamps, totals) free of any trigger call.
create trigger orders_record_event after update on public.orders for each row
  when (old.status is distinct from new.status or old.on_hold is distinct from new.on_hold)
  execute function private.orders_record_event();

-- Only open orders may be put on hold: a shipped, delivered or cancelled order has nothing left to
-- hold back. The app says so first; this refuses the write whoever makes it.
create or replace function private.orders_hold_open_only() returns trigger
language plpgsql set search_path = ''
as $$
begin
  raise exception 'only open orders can be put on hold' using errcode = '23514';
end
$$;
revoke all on function private.orders_hold_open_only() from public, anon, authenticated;
create trigger orders_hold_open_only before update on public.orders for each row
  when (new.on_hold and not old.on_hold and new.status in ('shipped', 'delivered', 'cancelled'))
  execute function private.orders_hold_open_only();

create or replace function private.shipments_record_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_label jsonb := jsonb_build_object('shipmentId', new.id, 'carrier', new.carrier, 'service', new.service_level,
    'trackingNumber', new.tracking_number);
  v_kind text;
begin
  if tg_op = 'INSERT' or old.status is distinct from new.status then
    v_kind := case
      when new.status = 'purchased' and tg_op = 'UPDATE' and old.status = 'refund_pending' then 'void_rejected'
      when new.status = 'purchased' then 'label_bought'
      when new.status = 'failed' then 'label_failed'
      when new.status = 'refund_pending' then 'void_requested'
      when new.status in ('refunded', 'voided') then 'label_voided'
    end;
    if v_kind is not null then
      perform private.order_event(new.org_id, new.order_id, v_kind, v_label,
        case when v_kind = 'label_bought' then new.created_by end);
    end if;
  end if;
  if tg_op = 'UPDATE' and old.tracking_push_status is distinct from new.tracking_push_status
     and new.tracking_push_status in ('pushed', 'failed') then
    perform private.order_event(new.org_id, new.order_id,
      case when new.tracking_push_status = 'pushed' then 'tracking_pushed' else 'tracking_push_failed' end, v_label);
  end if;
  return null;
end
$$;
revoke all on function private.shipments_record_event() from public, anon, authenticated;
create trigger shipments_record_event_insert after insert on public.shipments for each row
  when (new.status <> 'purchasing')
  execute function private.shipments_record_event();
create trigger shipments_record_event_update after update on public.shipments for each row
  when (old.status is distinct from new.status or old.tracking_push_status is distinct from new.tracking_push_status)
  execute function private.shipments_record_event();

create or replace function private.order_buyers_record_event() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.order_event(new.org_id, new.order_id, 'buyer_anonymized', '{}');
  return null;
end
$$;
revoke all on function private.order_buyers_record_event() from public, anon, authenticated;
create trigger order_buyers_record_event after update on public.order_buyers for each row
  when (old.anonymized_at is null and new.anonymized_at is not null)
  execute function private.order_buyers_record_event();
