-- The orders workspace (issue 14): an index per sort and per tab, so a page of order ids comes
-- straight from an index even for an organization with a million orders, and a search path.
--
-- Search: under RLS, LIKE/ILIKE and the trigram operators are not leakproof, so Postgres will
-- not use their indexes for role `authenticated`. private.search_order_ids checks membership
-- itself (security definer, owner's role, no RLS) and can use them; it returns only ids of an
-- organization the caller belongs to, which the page then reads under RLS as usual.

create schema if not exists extensions;
create extension if not exists pg_trgm with schema extensions;

-- Sorts (ids first, then the page's rows are joined: every ORDER BY ends in id).
create index if not exists orders_org_ship_by_all_idx on public.orders (org_id, ship_by, id);
create index if not exists orders_org_total_idx on public.orders (org_id, total, id);
create index if not exists orders_org_marketplace_idx on public.orders (org_id, marketplace, ordered_at, id);
-- Order number: sorted and searched by prefix, case-insensitively, in byte order ("C").
create index if not exists orders_org_number_idx on public.orders (org_id, (lower(external_order_id) collate "C"), id);

-- Lifecycle order for the status sort, as an immutable function so an index can hold it.
create or replace function private.order_status_rank(p_status text) returns int
language sql immutable parallel safe set search_path = ''
as $$
  select case p_status when 'pending' then 1 when 'unshipped' then 2 when 'partially_shipped' then 3
    when 'shipped' then 4 when 'delivered' then 5 when 'cancelled' then 6 else 7 end
$$;
revoke all on function private.order_status_rank(text) from public;
grant execute on function private.order_status_rank(text) to authenticated;
create index if not exists orders_org_status_rank_idx on public.orders (org_id, private.order_status_rank(status), ordered_at, id);

-- Tabs: Awaiting shipment (open, not on hold) by ship-by, and On hold.
create index if not exists orders_org_awaiting_idx on public.orders (org_id, ship_by, id)
  where status in ('pending', 'unshipped', 'partially_shipped') and not on_hold;
create index if not exists orders_org_on_hold_idx on public.orders (org_id, ordered_at, id) where on_hold;
-- Needs attention: labels whose tracking could not be pushed to the marketplace.
create index if not exists shipments_org_push_failed_idx on public.shipments (org_id, order_id)
  where tracking_push_status = 'failed';

-- Search kinds.
create index if not exists order_items_org_sku_lower_idx on public.order_items (org_id, (lower(sku) collate "C"));
create index if not exists order_items_title_trgm_idx on public.order_items using gin (title extensions.gin_trgm_ops);
create index if not exists order_buyers_name_trgm_idx on public.order_buyers using gin (name extensions.gin_trgm_ops)
  where anonymized_at is null;
create index if not exists shipments_org_tracking_idx on public.shipments (org_id, (lower(tracking_number) collate "C"))
  where tracking_number is not null;

-- Ids of the organization's orders matching `p_q`: order number or SKU or tracking number by
-- prefix, buyer name (never an anonymized one) or item title by substring. Nothing for an
-- organization the caller is not a member of, nor for a term shorter than 3 characters.
-- Dynamic SQL on purpose: each search is planned with its own values, so a prefix becomes an
-- index range and the planner weighs the organization's size against the term's.
create or replace function private.search_order_ids(p_org_id uuid, p_q text)
returns setof uuid
language plpgsql stable security definer set search_path = ''
as $$
declare
  lo text := lower(p_q);
  -- Every string that starts with lo sorts (bytewise) in [lo, lo || the largest code point).
  hi text := lower(p_q) || chr(1114111);
  pat text := '%' || replace(replace(replace(lower(p_q), '\', '\\'), '%', '\%'), '_', '\_') || '%';
begin
  if p_q is null or length(btrim(p_q)) < 3 or p_org_id not in (select private.my_org_ids()) then
    return;
  end if;
  return query execute $q$
    select o.id from public.orders o
      where o.org_id = $1 and (lower(o.external_order_id) collate "C") >= ($2 collate "C") and (lower(o.external_order_id) collate "C") < ($3 collate "C")
    union
    select i.order_id from public.order_items i
      where i.org_id = $1 and (lower(i.sku) collate "C") >= ($2 collate "C") and (lower(i.sku) collate "C") < ($3 collate "C")
    union
    select i.order_id from public.order_items i where i.org_id = $1 and i.title ilike $4
    union
    select b.order_id from public.order_buyers b where b.org_id = $1 and b.anonymized_at is null and b.name ilike $4
    union
    select s.order_id from public.shipments s
      where s.org_id = $1 and s.tracking_number is not null
        and (lower(s.tracking_number) collate "C") >= ($2 collate "C") and (lower(s.tracking_number) collate "C") < ($3 collate "C")
  $q$ using p_org_id, lo, hi, pat;
end
$$;
revoke all on function private.search_order_ids(uuid, text) from public;
grant execute on function private.search_order_ids(uuid, text) to authenticated;

-- Saved views: a named orders filter (the list's query string) of one person in one organization.
-- Own rows only, and only in an organization the person belongs to (leaving it hides them).
create table public.saved_order_views (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 60),
  query text not null default '' check (length(query) <= 2000),
  created_at timestamptz not null default now(),
  unique (org_id, user_id, name)
);
revoke all on public.saved_order_views from anon, authenticated;
grant select, delete on public.saved_order_views to authenticated;
grant insert on public.saved_order_views to authenticated;
grant update (name, query) on public.saved_order_views to authenticated;
alter table public.saved_order_views enable row level security;
create policy saved_order_views_select on public.saved_order_views for select to authenticated
  using (user_id = (select auth.uid()) and org_id in (select private.my_org_ids()));
create policy saved_order_views_insert on public.saved_order_views for insert to authenticated
  with check (user_id = (select auth.uid()) and org_id in (select private.my_org_ids()));
create policy saved_order_views_update on public.saved_order_views for update to authenticated
  using (user_id = (select auth.uid()) and org_id in (select private.my_org_ids()))
  with check (user_id = (select auth.uid()) and org_id in (select private.my_org_ids()));
create policy saved_order_views_delete on public.saved_order_views for delete to authenticated
  using (user_id = (select auth.uid()) and org_id in (select private.my_org_ids()));
