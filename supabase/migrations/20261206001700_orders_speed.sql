-- Orders page speed (issue 14, `npm run bench:orders`). Measured on a 1M-order organization, as
-- `authenticated`: the tab counts were most of every page (each capped count paid the RLS check
-- on every row it counted, and "needs attention" joined every failed label back to its order),
-- and a broad search ("kim") read every matching buyer and item of the organization before a
-- page of 50 could be sorted.

-- Needs attention: the failed pushes' order ids straight from an index. 20261206001000 built an
-- index of the name 20261206001200 meant to widen, so (org_id, order_id) was never created.
create index if not exists shipments_org_order_push_failed_idx on public.shipments (org_id, order_id)
  where tracking_push_status = 'failed';
-- A broad search checks each order it walks (lib/orders/search.ts): its tracking numbers by order.
create index if not exists shipments_order_tracking_idx on public.shipments (order_id, (lower(tracking_number) collate "C"))
  where tracking_number is not null;

-- Open orders by order date: the late and due-today filters under the default sort read this
-- instead of walking every recent order (the newest open ones are not late yet).
create index if not exists orders_org_open_ordered_idx on public.orders (org_id, ordered_at, id) include (ship_by)
  where status in ('pending', 'unshipped', 'partially_shipped');

-- Trigram indexes keyed by organization (btree_gin gives GIN the uuid column): the search's
-- substring kinds then read one organization's matches, not every organization's (a title in a
-- 10k-order organization: 45 ms through the shared index, ~1 ms through this one). They replace
-- the unkeyed ones, so a write still updates one trigram index per table.
create extension if not exists btree_gin with schema extensions;
create index if not exists order_items_org_title_trgm_idx on public.order_items using gin (org_id, title extensions.gin_trgm_ops);
create index if not exists order_buyers_org_name_trgm_idx on public.order_buyers using gin (org_id, name extensions.gin_trgm_ops)
  where anonymized_at is null;
drop index if exists public.order_items_title_trgm_idx;
drop index if exists public.order_buyers_name_trgm_idx;

-- The tab counts in one call: membership checked once, then each count an index range that stops
-- at p_cap + 1 rows (the page shows "10,000+"). The conditions are those of lib/orders/query.ts
-- (tabCondition, lateCondition, dueTodayCondition); lib/orders/workspace.test.ts holds them equal.
create or replace function private.order_tab_counts(p_org_id uuid, p_now timestamptz, p_day_end timestamptz, p_cap int)
returns table (awaiting int, hold int, attention int, shipped int, delivered int, cancelled int, open int, late int, due_today int)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_org_id is null or p_org_id not in (select private.my_org_ids()) then
    return;
  end if;
  -- Static SQL, its plan kept by the session: every count is an index range with a LIMIT, good
  -- for any organization's size, and planning nine of them each time cost as much as counting.
  return query
    select
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id
        and o.status in ('pending', 'unshipped', 'partially_shipped') and not o.on_hold limit p_cap + 1) t)::int,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id and o.on_hold limit p_cap + 1) t)::int,
      (select count(*) from (select distinct s.order_id from public.shipments s
        where s.org_id = p_org_id and s.tracking_push_status = 'failed' limit p_cap + 1) t)::int,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id and o.status = 'shipped' limit p_cap + 1) t)::int,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id and o.status = 'delivered' limit p_cap + 1) t)::int,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id and o.status = 'cancelled' limit p_cap + 1) t)::int,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id
        and o.status in ('pending', 'unshipped', 'partially_shipped') limit p_cap + 1) t)::int,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id
        and o.status in ('pending', 'unshipped', 'partially_shipped') and o.ship_by < p_now limit p_cap + 1) t)::int,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id
        and o.status in ('pending', 'unshipped', 'partially_shipped') and o.ship_by >= p_now and o.ship_by < p_day_end limit p_cap + 1) t)::int;
end
$$;
revoke all on function private.order_tab_counts(uuid, timestamptz, timestamptz, int) from public;
grant execute on function private.order_tab_counts(uuid, timestamptz, timestamptz, int) to authenticated;

-- The search, now in two kinds and bounded. Prefix kinds (order number, SKU, tracking number) are
-- btree ranges; substring kinds (buyer name, never an anonymized one; item title) use the
-- trigram indexes. p_substring false leaves the substring kinds out (a term that looks like a
-- number is looked up by prefix first). The ids of every match, or null when more than p_limit
-- orders match (p_limit null: no bound): known by reading p_limit + 1 rows of each kind, or, for a
-- term the planner expects to match ten times as many, from that estimate alone, since reading
-- them was the cost ('bamboo lamp' in a million-order organization: 20,000 items). Membership is
-- checked here, once: under RLS Postgres will not use the LIKE / trigram indexes (those operators
-- are not leakproof).
drop function if exists private.search_order_ids(uuid, text);
create or replace function private.search_order_ids(p_org_id uuid, p_q text, p_substring boolean, p_limit int)
returns uuid[]
-- Volatile only because EXPLAIN is not allowed elsewhere; it writes nothing.
language plpgsql volatile security definer set search_path = ''
as $$
declare
  lo text := lower(btrim(p_q));
  -- Every string that starts with lo sorts (bytewise) in [lo, lo || the largest code point).
  hi text := lower(btrim(p_q)) || chr(1114111);
  pat text := '%' || replace(replace(replace(lower(btrim(p_q)), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  lim text := case when p_limit is null then 'all' else (greatest(p_limit, 0) + 1)::text end;
  substrings text := '';
  plan json;
  expected float8 := 0;
  ids uuid[];
begin
  if p_q is null or length(btrim(p_q)) < 3 or p_org_id is null or p_org_id not in (select private.my_org_ids()) then
    return '{}';
  end if;
  if p_substring then
    substrings := format($s$
      union (select i.order_id from public.order_items i where i.org_id = $1 and i.title ilike $4 limit %1$s)
      union (select b.order_id from public.order_buyers b where b.org_id = $1 and b.anonymized_at is null and b.name ilike $4 limit %1$s)
    $s$, lim);
    if p_limit is not null then
      execute format('explain (format json) select 1 from public.order_items i where i.org_id = %L and i.title ilike %L', p_org_id, pat) into plan;
      expected := (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
      execute format('explain (format json) select 1 from public.order_buyers b where b.org_id = %L and b.anonymized_at is null and b.name ilike %L', p_org_id, pat) into plan;
      expected := expected + (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
      if expected > 10 * greatest(p_limit, 1) then
        return null;
      end if;
    end if;
  end if;
  -- Dynamic SQL on purpose: planned with its own values, so a prefix becomes an index range and
  -- the planner weighs the organization's size against the term's.
  execute format($q$
    select array_agg(m.id) from (select m.id from (
      (select o.id from public.orders o where o.org_id = $1
        and (lower(o.external_order_id) collate "C") >= ($2 collate "C") and (lower(o.external_order_id) collate "C") < ($3 collate "C") limit %1$s)
      union (select i.order_id from public.order_items i where i.org_id = $1
        and (lower(i.sku) collate "C") >= ($2 collate "C") and (lower(i.sku) collate "C") < ($3 collate "C") limit %1$s)
      union (select s.order_id from public.shipments s where s.org_id = $1 and s.tracking_number is not null
        and (lower(s.tracking_number) collate "C") >= ($2 collate "C") and (lower(s.tracking_number) collate "C") < ($3 collate "C") limit %1$s)
      %2$s
    ) m limit %1$s) m
  $q$, lim, substrings) into ids using p_org_id, lo, hi, pat;
  if p_limit is not null and coalesce(cardinality(ids), 0) > p_limit then
    return null;
  end if;
  return coalesce(ids, '{}');
end
$$;
revoke all on function private.search_order_ids(uuid, text, boolean, int) from public;
grant execute on function private.search_order_ids(uuid, text, boolean, int) to authenticated;

-- Listings search (lib/listings/list.ts): the same membership-checking path, over a trigram index
-- of SKU and title keyed by organization. The ids of every listing whose SKU or title contains
-- p_q (3 characters or more), or null when more than p_limit do (the page then checks each
-- listing as it reads them: a term that common fills a page quickly).
create index if not exists listings_org_search_trgm_idx on public.listings
  using gin (org_id, sku extensions.gin_trgm_ops, title extensions.gin_trgm_ops);
create or replace function private.search_listing_ids(p_org_id uuid, p_q text, p_limit int)
returns uuid[]
language plpgsql stable security definer set search_path = ''
as $$
declare
  pat text := '%' || replace(replace(replace(p_q, '\', '\\'), '%', '\%'), '_', '\_') || '%';
  ids uuid[];
begin
  if p_q is null or length(p_q) < 3 or p_org_id is null or p_org_id not in (select private.my_org_ids()) then
    return '{}';
  end if;
  execute format($q$select array_agg(m.id) from (select l.id from public.listings l
    where l.org_id = $1 and (l.sku ilike $2 or l.title ilike $2) limit %s) m$q$, greatest(p_limit, 0) + 1)
    into ids using p_org_id, pat;
  if coalesce(cardinality(ids), 0) > p_limit then
    return null;
  end if;
  return coalesce(ids, '{}');
end
$$;
revoke all on function private.search_listing_ids(uuid, text, int) from public;
grant execute on function private.search_listing_ids(uuid, text, int) to authenticated;
