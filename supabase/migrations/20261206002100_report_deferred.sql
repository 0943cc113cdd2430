-- Report rollups at commit, once per transaction (issues 13 and 14: the sync's cost).
--
-- Before: every statement that wrote orders, items or buyers recomputed the SKU and geography
-- rollups of every (account, local day) it touched from the raw rows. A sync page writes three
-- statements, so each page recomputed its days three times, each time reading the whole day: a
-- 20k-order sync took four times as long as without rollups (bench:sync, 4 s -> 16 s).
--
-- Now the triggers only note what changed, in transaction-local work lists, and one deferred
-- trigger settles them at commit:
--   * an order inserted by this transaction adds its share to every rollup (order days, flow
--     days, SKU days, geography days): nothing of it was counted before, so its share is exact
--     and costs a read of that order alone. Later updates and deletes of it in the same
--     transaction are left to that final read.
--   * an order that existed before the transaction keeps its additive order/flow deltas in the
--     statement trigger (they need the old row), and a change to what SKU or geography reads (its
--     day, account, currency, total, cancelled-ness, items, buyer's country or region) notes its
--     (account, local day) keys, recomputed once at commit from the raw rows.
-- A transaction's work lists are rows only it can see (no other transaction sees them before
-- commit, and the flush deletes them before commit), keyed by its transaction id so concurrent
-- writers never wait on each other's keys. The flush takes a transaction-scoped advisory lock
-- per account before it writes SKU and geography rows, so a recompute and another transaction's
-- additive share of the same day cannot overwrite each other.

create unlogged table private.report_pending_tx (txid bigint primary key);
create unlogged table private.report_pending_orders (txid bigint not null, order_id uuid not null, primary key (txid, order_id));
create unlogged table private.report_pending_days (txid bigint not null, account_id uuid not null, day date not null,
  primary key (txid, account_id, day));
do $$
declare t text;
begin
  foreach t in array array['report_pending_tx', 'report_pending_orders', 'report_pending_days'] loop
    execute format('alter table private.%I enable row level security', t);
    execute format('revoke all on private.%I from public, anon, authenticated', t);
  end loop;
end
$$;

-- Notes (account, local day) keys for a recompute at commit.
create or replace function private.report_note_days(p_accounts uuid[], p_days date[]) returns void
language sql security definer set search_path = ''
as $$
  insert into private.report_pending_tx values (txid_current()) on conflict do nothing;
  insert into private.report_pending_days (txid, account_id, day)
    select distinct txid_current(), u.a, u.d from unnest(p_accounts, p_days) as u(a, d) where u.a is not null and u.d is not null
    on conflict do nothing;
$$;
revoke all on function private.report_note_days(uuid[], date[]) from public, anon, authenticated;

-- The day recompute (migration 20261206001600), joining items and buyers on order_id alone: their
-- organization is the order's by foreign key (order_id, org_id), and the extra equality let the
-- planner, misled by a young table's statistics, read the organization's every item per order.
create or replace function private.report_refresh_days(p_accounts uuid[], p_days date[]) returns void
language plpgsql security definer set search_path = '' set jit = off
as $$
begin
  -- Lateral, so each key reads its own day through orders_org_ordered_idx.
  with k as (select * from private.report_day_keys(p_accounts, p_days)),
  fresh as (
    select k.org_id, k.account_id, x.marketplace, k.day, x.currency, x.sku, x.title, x.units, x.revenue, x.orders
    from k cross join lateral (
      select o.marketplace, o.currency, coalesce(i.sku, '') as sku, max(i.title) as title, sum(i.quantity) as units,
        sum(i.quantity * i.unit_price) as revenue, count(distinct o.id)::int as orders
      from public.orders o join public.order_items i on i.order_id = o.id
      where o.org_id = k.org_id and o.ordered_at >= k.lo and o.ordered_at < k.hi
        and o.marketplace_account_id = k.account_id and o.status <> 'cancelled'
      group by o.marketplace, o.currency, coalesce(i.sku, '')) x),
  gone as (
    delete from public.report_sku_days t using k where t.org_id = k.org_id and t.day = k.day and t.marketplace_account_id = k.account_id
      and not exists (select 1 from fresh f where f.account_id = t.marketplace_account_id and f.day = t.day and f.currency = t.currency and f.sku = t.sku))
  insert into public.report_sku_days as t select * from fresh
  on conflict (org_id, day, marketplace_account_id, currency, sku) do update set
    marketplace = excluded.marketplace, title = excluded.title, units = excluded.units, revenue = excluded.revenue, orders = excluded.orders
    where (t.marketplace, t.title, t.units, t.revenue, t.orders) is distinct from (excluded.marketplace, excluded.title, excluded.units, excluded.revenue, excluded.orders);

  with k as (select * from private.report_day_keys(p_accounts, p_days)),
  fresh as (
    select k.org_id, k.account_id, x.marketplace, k.day, x.currency, x.country, x.region, x.orders, x.sales
    from k cross join lateral (
      select o.marketplace, o.currency, coalesce(b.country, '') as country, coalesce(b.region, '') as region,
        count(*)::int as orders, sum(o.total) as sales
      from public.orders o left join public.order_buyers b on b.order_id = o.id
      where o.org_id = k.org_id and o.ordered_at >= k.lo and o.ordered_at < k.hi
        and o.marketplace_account_id = k.account_id and o.status <> 'cancelled'
      group by o.marketplace, o.currency, coalesce(b.country, ''), coalesce(b.region, '')) x),
  gone as (
    delete from public.report_geo_days t using k where t.org_id = k.org_id and t.day = k.day and t.marketplace_account_id = k.account_id
      and not exists (select 1 from fresh f where f.account_id = t.marketplace_account_id and f.day = t.day and f.currency = t.currency
        and f.country = t.country and f.region = t.region))
  insert into public.report_geo_days as t select * from fresh
  on conflict (org_id, day, marketplace_account_id, currency, country, region) do update set
    marketplace = excluded.marketplace, orders = excluded.orders, sales = excluded.sales
    where (t.marketplace, t.orders, t.sales) is distinct from (excluded.marketplace, excluded.orders, excluded.sales);
end
$$;
revoke all on function private.report_refresh_days(uuid[], date[]) from public, anon, authenticated;

-- ---------------------------------------------------------------- the flush
create or replace function private.report_flush() returns void
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  tx bigint := txid_current();
  q text;
  accounts uuid[];
  days date[];
  orders uuid[];
begin
  delete from private.report_pending_tx where txid = tx;
  with d as (delete from private.report_pending_days where txid = tx returning account_id, day)
    select array_agg(d.account_id), array_agg(d.day) into accounts, days from d;
  with d as (delete from private.report_pending_orders p where p.txid = tx returning p.order_id)
    select array_agg(d.order_id) into orders from d;

  -- New orders' share of the order and flow days (additive: safe beside any other writer).
  if orders is not null then
    foreach q in array private.report_order_delta_sql('select 1 as sign, o.* from unnest($1::uuid[]) as x(id) join public.orders o on o.id = x.id') loop
      execute q using orders;
    end loop;
  end if;

  -- One account at a time (ordered, so two flushes never wait on each other in a cycle).
  perform pg_advisory_xact_lock(hashtextextended('report_rollups/' || x.a::text, 0))
  from (select distinct a from (
      select unnest(accounts) as a
      union select o.marketplace_account_id from unnest(orders) as x(id) join public.orders o on o.id = x.id) y
    where a is not null order by 1) x;

  if orders is not null then
    -- New orders' share of the SKU and geography days, except days recomputed below anyway.
    -- Orders read by id (unnest first, whatever the table's statistics say); their items and
    -- buyer belong to the same organization by foreign key (order_id, org_id), and their account
    -- to it by another, so neither is checked again. An order deleted since has no row to read.
    insert into public.report_sku_days as t (org_id, marketplace_account_id, marketplace, day, currency, sku, title, units, revenue, orders)
      select o.org_id, o.marketplace_account_id, o.marketplace, (o.ordered_at at time zone g.time_zone)::date, o.currency, coalesce(i.sku, ''),
        max(i.title), sum(i.quantity), sum(i.quantity * i.unit_price), count(distinct o.id)::int
      from unnest(orders) as x(id) join public.orders o on o.id = x.id join public.organizations g on g.id = o.org_id
        join public.order_items i on i.order_id = o.id
      where o.status <> 'cancelled'
        and not exists (select 1 from unnest(accounts, days) as k(a, d)
          where k.a = o.marketplace_account_id and k.d = (o.ordered_at at time zone g.time_zone)::date)
      group by 1, 2, 3, 4, 5, 6
    on conflict (org_id, day, marketplace_account_id, currency, sku) do update set
      marketplace = excluded.marketplace, title = greatest(t.title, excluded.title), units = t.units + excluded.units,
      revenue = t.revenue + excluded.revenue, orders = t.orders + excluded.orders;

    insert into public.report_geo_days as t (org_id, marketplace_account_id, marketplace, day, currency, country, region, orders, sales)
      select o.org_id, o.marketplace_account_id, o.marketplace, (o.ordered_at at time zone g.time_zone)::date, o.currency,
        coalesce(b.country, ''), coalesce(b.region, ''), count(*)::int, sum(o.total)
      from unnest(orders) as x(id) join public.orders o on o.id = x.id join public.organizations g on g.id = o.org_id
        left join public.order_buyers b on b.order_id = o.id
      where o.status <> 'cancelled'
        and not exists (select 1 from unnest(accounts, days) as k(a, d)
          where k.a = o.marketplace_account_id and k.d = (o.ordered_at at time zone g.time_zone)::date)
      group by 1, 2, 3, 4, 5, 6, 7
    on conflict (org_id, day, marketplace_account_id, currency, country, region) do update set
      marketplace = excluded.marketplace, orders = t.orders + excluded.orders, sales = t.sales + excluded.sales;
  end if;

  if accounts is not null then
    perform private.report_refresh_days(accounts, days);
  end if;
end
$$;
revoke all on function private.report_flush() from public, anon, authenticated;

create or replace function private.report_flush_trigger() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.report_flush();
  return null;
end
$$;
revoke all on function private.report_flush_trigger() from public, anon, authenticated;
create constraint trigger report_pending_flush after insert on private.report_pending_tx
  deferrable initially deferred for each row execute function private.report_flush_trigger();

-- ---------------------------------------------------------------- the statement triggers
create or replace function private.report_orders_changed() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  tx bigint := txid_current();
  src text;
  q text;
  accounts uuid[];
  days date[];
begin
  if tg_op = 'INSERT' then
    insert into private.report_pending_orders (txid, order_id) select tx, n.id from new_rows n on conflict do nothing;
    if found then
      insert into private.report_pending_tx values (tx) on conflict do nothing;
    end if;
    return null;
  end if;
  if tg_op = 'UPDATE' then
    perform 1 from new_rows limit 1;
  else
    perform 1 from old_rows limit 1;
  end if;
  if not found then
    return null;
  end if;
  -- Orders inserted by this transaction are counted whole at commit: their updates and
  -- deletion here change nothing yet.
  src := case tg_op
    when 'DELETE' then 'select -1 as sign, o.* from old_rows o where not exists (select 1 from private.report_pending_orders p where p.txid = $1 and p.order_id = o.id)'
    else 'select 1 as sign, n.* from new_rows n where not exists (select 1 from private.report_pending_orders p where p.txid = $1 and p.order_id = n.id)
      union all select -1 as sign, o.* from old_rows o where not exists (select 1 from private.report_pending_orders p where p.txid = $1 and p.order_id = o.id)' end;
  foreach q in array private.report_order_delta_sql(src) loop
    execute q using tx;
  end loop;
  -- SKU and geography keys: every deleted order's day; on update only the orders whose day,
  -- account, currency, total or cancelled-ness changed (a status step does not).
  if tg_op = 'UPDATE' then
    select array_agg(x.account_id), array_agg(x.day) into accounts, days from (
      select distinct v.account_id, (v.at at time zone g.time_zone)::date as day
      from new_rows n join old_rows o on o.id = n.id
        cross join lateral (values (n.org_id, n.marketplace_account_id, n.ordered_at), (o.org_id, o.marketplace_account_id, o.ordered_at)) as v(org_id, account_id, at)
        join public.organizations g on g.id = v.org_id
      where (n.ordered_at is distinct from o.ordered_at or n.marketplace_account_id is distinct from o.marketplace_account_id
        or n.currency is distinct from o.currency or n.total is distinct from o.total
        or (n.status = 'cancelled') is distinct from (o.status = 'cancelled'))
        and not exists (select 1 from private.report_pending_orders p where p.txid = tx and p.order_id = n.id)) x;
  else
    select array_agg(x.account_id), array_agg(x.day) into accounts, days from (
      select distinct o.marketplace_account_id as account_id, (o.ordered_at at time zone g.time_zone)::date as day
      from old_rows o join public.organizations g on g.id = o.org_id
      where not exists (select 1 from private.report_pending_orders p where p.txid = tx and p.order_id = o.id)) x;
  end if;
  if accounts is not null then
    perform private.report_note_days(accounts, days);
  end if;
  return null;
end
$$;

-- For order_items and order_buyers (both carry order_id): the touched orders' keys, except
-- orders inserted by this transaction (counted whole at commit).
create or replace function private.report_order_children_changed() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  src text;
  orders uuid[];
  accounts uuid[];
  days date[];
begin
  if tg_op = 'DELETE' then
    perform 1 from old_rows limit 1;
  else
    perform 1 from new_rows limit 1;
  end if;
  if not found then
    return null;
  end if;
  src := case tg_op
    when 'INSERT' then 'select n.order_id from new_rows n'
    when 'DELETE' then 'select o.order_id from old_rows o'
    else 'select n.order_id from new_rows n union select o.order_id from old_rows o' end;
  -- An anonymization (or any update that leaves what reports read alone) recomputes nothing.
  if tg_op = 'UPDATE' and tg_table_name = 'order_buyers' then
    src := 'select n.order_id from new_rows n join old_rows o on o.order_id = n.order_id
      where n.country is distinct from o.country or n.region is distinct from o.region or n.org_id is distinct from o.org_id';
  elsif tg_op = 'UPDATE' then
    src := 'select n.order_id from new_rows n join old_rows o on o.id = n.id
      where n.sku is distinct from o.sku or n.title is distinct from o.title or n.quantity is distinct from o.quantity
        or n.unit_price is distinct from o.unit_price or n.order_id is distinct from o.order_id
      union select o.order_id from new_rows n join old_rows o on o.id = n.id where n.order_id is distinct from o.order_id';
  end if;
  -- Orders this transaction inserted are counted whole at commit: a sync page of new orders
  -- stops here. An order already deleted has no key left: its deletion noted its day.
  execute format('select array_agg(distinct s.order_id) from (%s) s
    where not exists (select 1 from private.report_pending_orders p where p.txid = $1 and p.order_id = s.order_id)', src)
    into orders using txid_current();
  if orders is null then
    return null;
  end if;
  select array_agg(x.account_id), array_agg(x.day) into accounts, days from (
    select distinct o.marketplace_account_id as account_id, (o.ordered_at at time zone g.time_zone)::date as day
    from unnest(orders) as u(id) join public.orders o on o.id = u.id join public.organizations g on g.id = o.org_id) x;
  if accounts is not null then
    perform private.report_note_days(accounts, days);
  end if;
  return null;
end
$$;
revoke all on function private.report_orders_changed() from public, anon, authenticated;
revoke all on function private.report_order_children_changed() from public, anon, authenticated;

-- The label rollups' parent trigger (migration 20261206001600), unchanged but for returning at
-- once on an empty transition table: the update half of every sync page's insert ... on conflict
-- is empty when the page holds only new orders.
create or replace function private.report_label_parents_changed() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  src text;
  orders uuid[];
begin
  if tg_op = 'DELETE' then
    perform 1 from old_rows limit 1;
  else
    perform 1 from new_rows limit 1;
  end if;
  if not found then
    return null;
  end if;
  if tg_table_name = 'orders' then
    src := 'select n.id as order_id from new_rows n join old_rows o on o.id = n.id
      where (n.shipping_total, n.currency, n.marketplace_account_id, n.marketplace, n.external_order_id)
        is distinct from (o.shipping_total, o.currency, o.marketplace_account_id, o.marketplace, o.external_order_id)';
  elsif tg_op = 'UPDATE' then
    src := 'select n.order_id from new_rows n join old_rows o on o.order_id = n.order_id
      where (n.country, n.region) is distinct from (o.country, o.region)
      union select o.order_id from new_rows n join old_rows o on o.order_id = n.order_id where n.order_id is distinct from o.order_id';
  elsif tg_op = 'INSERT' then
    src := 'select n.order_id from new_rows n';
  else
    src := 'select o.order_id from old_rows o';
  end if;
  execute format('select array_agg(distinct x.order_id) from (%s) x where exists (select 1 from public.shipments s where s.order_id = x.order_id)', src)
    into orders;
  if orders is not null then
    perform private.report_label_refresh(orders, null, null);
  end if;
  return null;
end
$$;
revoke all on function private.report_label_parents_changed() from public, anon, authenticated;

-- ---------------------------------------------------------------- rebuild
-- A rebuild reads every order of the organization as it is now, including those this
-- transaction inserted or changed: what is pending for them is settled by it.
create or replace function private.report_rebuild(p_org uuid) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  delete from private.report_pending_orders p using public.orders o
    where p.txid = txid_current() and o.id = p.order_id and o.org_id = p_org;
  delete from private.report_pending_days p using public.marketplace_accounts a
    where p.txid = txid_current() and a.id = p.account_id and a.org_id = p_org;
  perform private.report_rebuild_orders(p_org);
  perform private.report_label_rebuild(p_org);
end
$$;
revoke all on function private.report_rebuild(uuid) from public, anon, authenticated;
