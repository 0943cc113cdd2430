-- Grants that hold without the app (issue 7 §4). On Supabase every signed-in user can reach
-- `public` through the Data API with their JWT, so what `authenticated` may do must be safe on its
-- own, not only through ESM's code paths:
--   1. child rows reference their parent by (id, org_id): no row can point at another tenant's
--      parent, whoever writes it (the service path and the table owner included);
--   2. people never write `shipments`: the shipping service path does, after its own role check;
--   3. audit rows are written by private.record_audit (actor = auth.uid(), membership required,
--      created_at = now()) or by the service path; `authenticated` cannot insert them directly;
--   4. text people can write is bounded, and label/tracking URLs cannot be `javascript:`.

-- 1. Composite foreign keys. The parent-side unique indexes have fixed names: other migrations
-- create the same ones with `if not exists`.
create unique index if not exists marketplace_accounts_id_org_uidx on public.marketplace_accounts (id, org_id);
create unique index if not exists orders_id_org_uidx on public.orders (id, org_id);

-- The single-column keys are replaced (same cascade), so deleting a parent still removes its rows.
alter table public.marketplace_credentials drop constraint marketplace_credentials_account_id_fkey,
  add constraint marketplace_credentials_account_org_fkey foreign key (account_id, org_id)
    references public.marketplace_accounts (id, org_id) on delete cascade;
alter table public.orders drop constraint orders_marketplace_account_id_fkey,
  add constraint orders_account_org_fkey foreign key (marketplace_account_id, org_id)
    references public.marketplace_accounts (id, org_id) on delete cascade;
alter table public.listings drop constraint listings_marketplace_account_id_fkey,
  add constraint listings_account_org_fkey foreign key (marketplace_account_id, org_id)
    references public.marketplace_accounts (id, org_id) on delete cascade;
alter table public.sync_runs drop constraint sync_runs_marketplace_account_id_fkey,
  add constraint sync_runs_account_org_fkey foreign key (marketplace_account_id, org_id)
    references public.marketplace_accounts (id, org_id) on delete cascade;
-- Org-level jobs have no account: MATCH SIMPLE skips the check when marketplace_account_id is null.
alter table public.jobs drop constraint jobs_marketplace_account_id_fkey,
  add constraint jobs_account_org_fkey foreign key (marketplace_account_id, org_id)
    references public.marketplace_accounts (id, org_id) on delete cascade;
alter table public.order_items drop constraint order_items_order_id_fkey,
  add constraint order_items_order_org_fkey foreign key (order_id, org_id)
    references public.orders (id, org_id) on delete cascade;
alter table public.order_buyers drop constraint order_buyers_order_id_fkey,
  add constraint order_buyers_order_org_fkey foreign key (order_id, org_id)
    references public.orders (id, org_id) on delete cascade;
alter table public.shipments drop constraint shipments_order_id_fkey,
  add constraint shipments_order_org_fkey foreign key (order_id, org_id)
    references public.orders (id, org_id) on delete cascade;

-- 2. Shipments are read by people and written by the shipping service path only. (Revoking the
-- table-level UPDATE also revokes the column-level grants.)
drop policy if exists shipments_insert on public.shipments;
drop policy if exists shipments_update on public.shipments;
revoke insert, update on public.shipments from authenticated;

-- A label or tracking link is opened from the page: https only, except loopback http so the
-- embedded sandbox (Shippo simulator on 127.0.0.1) keeps working. Never `javascript:` or `data:`.
alter table public.shipments
  add constraint shipments_label_url_https check (label_url is null or label_url = '' or (length(label_url) <= 2048
    and label_url ~ '^(https://[^\s/?#]+|http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?)([/?#][^\s]*)?$')),
  add constraint shipments_tracking_url_https check (tracking_url is null or tracking_url = '' or (length(tracking_url) <= 2048
    and tracking_url ~ '^(https://[^\s/?#]+|http://(localhost|127\.0\.0\.1|\[::1\])(:[0-9]+)?)([/?#][^\s]*)?$'));

-- 3. The audit trail. Bounded for everyone (the service path included); people go through the
-- function below.
alter table public.audit_events
  add constraint audit_events_action_bounded check (length(action) between 1 and 100),
  add constraint audit_events_target_bounded check (coalesce(length(target_type), 0) <= 100 and coalesce(length(target_id), 0) <= 200),
  add constraint audit_events_details_bounded check (jsonb_typeof(details) = 'object' and octet_length(details::text) <= 4096);

drop policy if exists audit_events_insert on public.audit_events;
revoke insert, update, delete on public.audit_events from authenticated;

-- A person records what they did in an organization they belong to. The actor is the caller,
-- the time is now; the action must look like `thing.verb` (lower case, dots and underscores).
create or replace function private.record_audit(
  p_org_id uuid, p_action text, p_target_type text default null, p_target_id text default null, p_details jsonb default '{}'
) returns uuid
language plpgsql security definer set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_id uuid;
begin
  if v_uid is null then
    raise exception 'record_audit needs a signed-in user' using errcode = '42501';
  end if;
  if p_org_id is null or not exists (select 1 from private.my_org_ids() o where o = p_org_id) then
    raise exception 'not a member of this organization' using errcode = '42501';
  end if;
  if p_action is null or length(p_action) > 100 or p_action !~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$' then
    raise exception 'invalid audit action' using errcode = '22023';
  end if;
  insert into public.audit_events (org_id, actor_type, actor_user_id, action, target_type, target_id, details, created_at)
    values (p_org_id, 'user', v_uid, p_action, p_target_type, p_target_id, coalesce(p_details, '{}'::jsonb), now())
    returning id into v_id;
  return v_id;
end
$$;
revoke all on function private.record_audit(uuid, text, text, text, jsonb) from public, anon;
grant execute on function private.record_audit(uuid, text, text, text, jsonb) to authenticated;

-- 4. Free text people can write through their grants is bounded (names and hold reasons were
-- already). Generous limits: marketplaces send these too, and a sync must not trip on them.
alter table public.marketplace_accounts
  add constraint marketplace_accounts_status_reason_bounded check (status_reason is null or length(status_reason) <= 500),
  add constraint marketplace_accounts_ids_bounded check (length(external_account_id) between 1 and 200
    and coalesce(length(marketplace_code), 0) <= 50);
-- Admins may insert an account row (the app itself connects on the service path), but only the
-- columns a connection names: not its sync state, failure counters or who connected it.
revoke insert on public.marketplace_accounts from authenticated;
grant insert (org_id, marketplace, display_name, external_account_id, marketplace_code) on public.marketplace_accounts to authenticated;
alter table public.order_buyers
  add constraint order_buyers_text_bounded check (
    coalesce(length(name), 0) <= 300 and coalesce(length(address_line1), 0) <= 300
    and coalesce(length(address_line2), 0) <= 300 and coalesce(length(address_line3), 0) <= 300
    and coalesce(length(city), 0) <= 200 and coalesce(length(region), 0) <= 200
    and coalesce(length(postal_code), 0) <= 40 and coalesce(length(phone), 0) <= 60);
