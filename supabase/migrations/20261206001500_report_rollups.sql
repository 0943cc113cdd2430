-- Report rollups (DESIGN §9, issue 13): per account and local day of the organization's time
-- zone, so a year of reports reads a few thousand rows instead of a million orders.
--
-- Kept by triggers on the tables themselves, so every writer (sync, tracking push, delivery
-- webhooks, manual edits, deletions) keeps them right without knowing they exist:
--   * report_order_days and report_flow_days depend on the order row alone: statement triggers
--     on orders add the new rows' share and subtract the old rows' (transition tables).
--   * report_sku_days and report_geo_days also read order_items / order_buyers: a change to any
--     of the three recomputes the touched (account, local day) keys from the raw rows, which is
--     right whatever order the cascades of a deletion fire in.
-- Keyed by local day, not UTC hour, because zones such as Asia/Kolkata (+05:30) and
-- Asia/Kathmandu (+05:45) cut days inside an hour: changing an organization's time zone rebuilds
-- its rollups (a rare, owner/admin action; seconds at a million orders).

create unique index if not exists marketplace_accounts_id_org_uidx on public.marketplace_accounts (id, org_id);

create table public.report_order_days (
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null,
  marketplace text not null,
  day date not null,
  status text not null,
  currency char(3) not null,
  orders int not null,
  units bigint not null,
  subtotal numeric not null,
  shipping numeric not null,
  tax numeric not null,
  total numeric not null,
  primary key (org_id, day, marketplace_account_id, status, currency),
  foreign key (marketplace_account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade
);

-- event: placed, shipped, delivered, cancelled, each on its own local day. For shipped:
-- with_ship_by had a ship-by date, on_time shipped by it.
create table public.report_flow_days (
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null,
  marketplace text not null,
  day date not null,
  event text not null check (event in ('placed', 'shipped', 'delivered', 'cancelled')),
  orders int not null,
  with_ship_by int not null,
  on_time int not null,
  primary key (org_id, day, marketplace_account_id, event),
  foreign key (marketplace_account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade
);

-- Items of orders not cancelled, by the order's local day and currency. orders: distinct orders
-- with the SKU that day (an order has one day, so the sum over days stays distinct).
create table public.report_sku_days (
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null,
  marketplace text not null,
  day date not null,
  currency char(3) not null,
  sku text not null,
  title text,
  units bigint not null,
  revenue numeric not null,
  orders int not null,
  primary key (org_id, day, marketplace_account_id, currency, sku),
  foreign key (marketplace_account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade
);

-- Orders not cancelled by the buyer's country and region ('' when unknown), which survive
-- anonymization.
create table public.report_geo_days (
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null,
  marketplace text not null,
  day date not null,
  currency char(3) not null,
  country text not null,
  region text not null,
  orders int not null,
  sales numeric not null,
  primary key (org_id, day, marketplace_account_id, currency, country, region),
  foreign key (marketplace_account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade
);

-- Readable by members (viewers included); written only by the triggers below.
do $$
declare t text;
begin
  foreach t in array array['report_order_days', 'report_flow_days', 'report_sku_days', 'report_geo_days'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on public.%I from public, anon, authenticated', t);
    execute format('grant select on public.%I to authenticated', t);
    execute format('create policy %I on public.%I for select to authenticated using (org_id in (select private.my_org_ids()))', t || '_select', t);
  end loop;
end
$$;


-- ---------------------------------------------------------------- orders: additive deltas
-- The statements that add the share of `p_src` (order rows with a `sign` column, +1 or -1) to
-- report_order_days and report_flow_days. Text, because the trigger runs it against its
-- transition tables and the rebuild against public.orders. Rows of a deleted account are
-- skipped: the cascade removes that account's rollup rows itself, in whichever order it fires.
create or replace function private.report_order_delta_sql(p_src text) returns text[]
language sql immutable set search_path = ''
as $$
  select array[format($q$
    with r as (
      select s.*, (s.ordered_at at time zone g.time_zone)::date as placed_day
      from (%s) s join public.organizations g on g.id = s.org_id
      where exists (select 1 from public.marketplace_accounts a where a.id = s.marketplace_account_id and a.org_id = s.org_id)
    ), d as (
      select org_id, marketplace_account_id, marketplace, placed_day as day, status, currency,
        sum(sign)::int as orders, sum(sign * item_count) as units, sum(sign * subtotal) as subtotal,
        sum(sign * shipping_total) as shipping, sum(sign * tax_total) as tax, sum(sign * total) as total
      from r group by 1, 2, 3, 4, 5, 6
      having sum(sign) <> 0 or sum(sign * item_count) <> 0 or sum(sign * subtotal) <> 0
        or sum(sign * shipping_total) <> 0 or sum(sign * tax_total) <> 0 or sum(sign * total) <> 0
    )
    insert into public.report_order_days as t select * from d
      on conflict (org_id, day, marketplace_account_id, status, currency) do update set
        orders = t.orders + excluded.orders, units = t.units + excluded.units, subtotal = t.subtotal + excluded.subtotal,
        shipping = t.shipping + excluded.shipping, tax = t.tax + excluded.tax, total = t.total + excluded.total$q$, p_src),
  format($q$
    with r as (
      select s.*, g.time_zone as tz from (%s) s join public.organizations g on g.id = s.org_id
      where exists (select 1 from public.marketplace_accounts a where a.id = s.marketplace_account_id and a.org_id = s.org_id)
    ), e as (
      select r.org_id, r.marketplace_account_id, r.marketplace, (v.at at time zone r.tz)::date as day, v.event, r.sign,
        case when v.event = 'shipped' and r.ship_by is not null then 1 else 0 end as with_ship_by,
        case when v.event = 'shipped' and r.shipped_at <= r.ship_by then 1 else 0 end as on_time
      from r cross join lateral (values ('placed', r.ordered_at), ('shipped', r.shipped_at),
        ('delivered', r.delivered_at), ('cancelled', r.cancelled_at)) as v(event, at)
      where v.at is not null
    ), d as (
      select org_id, marketplace_account_id, marketplace, day, event, sum(sign)::int as orders,
        sum(sign * with_ship_by)::int as with_ship_by, sum(sign * on_time)::int as on_time
      from e group by 1, 2, 3, 4, 5
      having sum(sign) <> 0 or sum(sign * with_ship_by) <> 0 or sum(sign * on_time) <> 0
    )
    insert into public.report_flow_days as t select * from d
    on conflict (org_id, day, marketplace_account_id, event) do update set
      orders = t.orders + excluded.orders, with_ship_by = t.with_ship_by + excluded.with_ship_by, on_time = t.on_time + excluded.on_time$q$, p_src),
  -- A key whose orders all left is empty (every sum of +x and -x is exactly 0): drop it. The
  -- partial indexes below hold only such rows, so this costs nothing when there are none.
  format($q$delete from public.report_order_days t where t.orders = 0 and t.org_id in (select s.org_id from (%s) s)$q$, p_src),
  format($q$delete from public.report_flow_days t where t.orders = 0 and t.org_id in (select s.org_id from (%s) s)$q$, p_src)]
$$;
revoke all on function private.report_order_delta_sql(text) from public, anon, authenticated;
create index report_order_days_empty_idx on public.report_order_days (org_id) where orders = 0;
create index report_flow_days_empty_idx on public.report_flow_days (org_id) where orders = 0;

-- ---------------------------------------------------------------- items and buyers: recompute
-- Recomputes report_sku_days and report_geo_days for the (account, local day) keys given, from
-- the raw rows as they are now. Keys per account, so syncs of different accounts never touch the
-- same rollup rows. Stale rows go first, then the fresh ones are upserted.
-- The (account, local day) keys given, with their organization and the day's bounds as instants.
create or replace function private.report_day_keys(p_accounts uuid[], p_days date[])
returns table (org_id uuid, account_id uuid, day date, lo timestamptz, hi timestamptz)
language sql stable rows 20 set search_path = ''
as $$
  select distinct a.org_id, a.id, u.day, (u.day::timestamp at time zone g.time_zone), ((u.day + 1)::timestamp at time zone g.time_zone)
  from unnest(p_accounts, p_days) as u(account_id, day)
    join public.marketplace_accounts a on a.id = u.account_id
    join public.organizations g on g.id = a.org_id
  where u.day is not null
$$;
revoke all on function private.report_day_keys(uuid[], date[]) from public, anon, authenticated;

create or replace function private.report_refresh_days(p_accounts uuid[], p_days date[]) returns void
language plpgsql security definer set search_path = '' set jit = off
as $$
begin
  with k as (select * from private.report_day_keys(p_accounts, p_days))
  delete from public.report_sku_days t using k
    where t.org_id = k.org_id and t.day = k.day and t.marketplace_account_id = k.account_id;
  -- Lateral, so each key reads its own day through orders_org_ordered_idx (a plain join may
  -- hash the whole organization's orders for every statement: quadratic over a sync).
  with k as (select * from private.report_day_keys(p_accounts, p_days))
  insert into public.report_sku_days
    select k.org_id, k.account_id, x.marketplace, k.day, x.currency, x.sku, x.title, x.units, x.revenue, x.orders
    from k cross join lateral (
      select o.marketplace, o.currency, coalesce(i.sku, '') as sku, max(i.title) as title, sum(i.quantity) as units,
        sum(i.quantity * i.unit_price) as revenue, count(distinct o.id)::int as orders
      from public.orders o join public.order_items i on i.order_id = o.id and i.org_id = o.org_id
      where o.org_id = k.org_id and o.ordered_at >= k.lo and o.ordered_at < k.hi
        and o.marketplace_account_id = k.account_id and o.status <> 'cancelled'
      group by o.marketplace, o.currency, coalesce(i.sku, '')) x;

  with k as (select * from private.report_day_keys(p_accounts, p_days))
  delete from public.report_geo_days t using k
    where t.org_id = k.org_id and t.day = k.day and t.marketplace_account_id = k.account_id;
  with k as (select * from private.report_day_keys(p_accounts, p_days))
  insert into public.report_geo_days
    select k.org_id, k.account_id, x.marketplace, k.day, x.currency, x.country, x.region, x.orders, x.sales
    from k cross join lateral (
      select o.marketplace, o.currency, coalesce(b.country, '') as country, coalesce(b.region, '') as region,
        count(*)::int as orders, sum(o.total) as sales
      from public.orders o left join public.order_buyers b on b.order_id = o.id and b.org_id = o.org_id
      where o.org_id = k.org_id and o.ordered_at >= k.lo and o.ordered_at < k.hi
        and o.marketplace_account_id = k.account_id and o.status <> 'cancelled'
      group by o.marketplace, o.currency, coalesce(b.country, ''), coalesce(b.region, '')) x;
end
$$;
revoke all on function private.report_refresh_days(uuid[], date[]) from public, anon, authenticated;

-- ---------------------------------------------------------------- triggers
-- The trigger path runs small statements once per write: JIT off (compiling them took longer than
-- running them, and made a sync several times slower).
create or replace function private.report_orders_changed() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  src text;
  q text;
  accounts uuid[];
  days date[];
begin
  src := case tg_op
    when 'INSERT' then 'select 1 as sign, n.* from new_rows n'
    when 'DELETE' then 'select -1 as sign, o.* from old_rows o'
    else 'select 1 as sign, n.* from new_rows n union all select -1 as sign, o.* from old_rows o' end;
  foreach q in array private.report_order_delta_sql(src) loop
    execute q;
  end loop;
  -- SKU and geography keys: every inserted or deleted order's day; on update only the orders
  -- whose day, account, currency, total or cancelled-ness changed (a status step does not).
  if tg_op = 'UPDATE' then
    select array_agg(x.account_id), array_agg(x.day) into accounts, days from (
      select distinct v.account_id, (v.at at time zone g.time_zone)::date as day
      from new_rows n join old_rows o on o.id = n.id
        cross join lateral (values (n.org_id, n.marketplace_account_id, n.ordered_at), (o.org_id, o.marketplace_account_id, o.ordered_at)) as v(org_id, account_id, at)
        join public.organizations g on g.id = v.org_id
      where n.ordered_at is distinct from o.ordered_at or n.marketplace_account_id is distinct from o.marketplace_account_id
        or n.currency is distinct from o.currency or n.total is distinct from o.total
        or (n.status = 'cancelled') is distinct from (o.status = 'cancelled')) x;
  else
    execute format($q$select array_agg(x.account_id), array_agg(x.day) from (
      select distinct s.marketplace_account_id as account_id, (s.ordered_at at time zone g.time_zone)::date as day
      from (%s) s join public.organizations g on g.id = s.org_id) x$q$, src) into accounts, days;
  end if;
  if accounts is not null then
    perform private.report_refresh_days(accounts, days);
  end if;
  return null;
end
$$;

-- For order_items and order_buyers (both carry order_id): the touched orders' keys.
create or replace function private.report_order_children_changed() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  src text;
  accounts uuid[];
  days date[];
begin
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
  -- An order already deleted has no key left: its deletion recomputed its day.
  execute format($q$select array_agg(x.account_id), array_agg(x.day) from (
    select distinct o.marketplace_account_id as account_id, (o.ordered_at at time zone g.time_zone)::date as day
    from (%s) s join public.orders o on o.id = s.order_id join public.organizations g on g.id = o.org_id) x$q$, src)
    into accounts, days;
  if accounts is not null then
    perform private.report_refresh_days(accounts, days);
  end if;
  return null;
end
$$;
revoke all on function private.report_orders_changed() from public, anon, authenticated;
revoke all on function private.report_order_children_changed() from public, anon, authenticated;

create trigger report_orders_insert after insert on public.orders
  referencing new table as new_rows for each statement execute function private.report_orders_changed();
create trigger report_orders_update after update on public.orders
  referencing new table as new_rows old table as old_rows for each statement execute function private.report_orders_changed();
create trigger report_orders_delete after delete on public.orders
  referencing old table as old_rows for each statement execute function private.report_orders_changed();
create trigger report_items_insert after insert on public.order_items
  referencing new table as new_rows for each statement execute function private.report_order_children_changed();
create trigger report_items_update after update on public.order_items
  referencing new table as new_rows old table as old_rows for each statement execute function private.report_order_children_changed();
create trigger report_items_delete after delete on public.order_items
  referencing old table as old_rows for each statement execute function private.report_order_children_changed();
create trigger report_buyers_insert after insert on public.order_buyers
  referencing new table as new_rows for each statement execute function private.report_order_children_changed();
create trigger report_buyers_update after update on public.order_buyers
  referencing new table as new_rows old table as old_rows for each statement execute function private.report_order_children_changed();
create trigger report_buyers_delete after delete on public.order_buyers
  referencing old table as old_rows for each statement execute function private.report_order_children_changed();

-- ---------------------------------------------------------------- rebuild
-- An organization's rollups from scratch: after a time zone change (every local day moves), and
-- once here for the orders that exist before this migration.
create or replace function private.report_rebuild(p_org uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  q text;
  accounts uuid[];
  days date[];
begin
  delete from public.report_order_days where org_id = p_org;
  delete from public.report_flow_days where org_id = p_org;
  foreach q in array private.report_order_delta_sql(format('select 1 as sign, o.* from public.orders o where o.org_id = %L', p_org)) loop
    execute q;
  end loop;
  select array_agg(x.account_id), array_agg(x.day) into accounts, days from (
    select distinct o.marketplace_account_id as account_id, (o.ordered_at at time zone g.time_zone)::date as day
    from public.orders o join public.organizations g on g.id = o.org_id where o.org_id = p_org) x;
  delete from public.report_sku_days where org_id = p_org;
  delete from public.report_geo_days where org_id = p_org;
  if accounts is not null then
    perform private.report_refresh_days(accounts, days);
  end if;
end
$$;
revoke all on function private.report_rebuild(uuid) from public, anon, authenticated;

create or replace function private.report_time_zone_changed() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.report_rebuild(new.id);
  return null;
end
$$;
revoke all on function private.report_time_zone_changed() from public, anon, authenticated;
create trigger report_time_zone_changed after update of time_zone on public.organizations
  for each row when (old.time_zone is distinct from new.time_zone) execute function private.report_time_zone_changed();

select private.report_rebuild(id) from public.organizations;

-- Late and at risk reads open orders per account; sync health reads runs per account and day
-- (counts, failures and API calls from the index alone).
create index if not exists sync_runs_report_idx on public.sync_runs (org_id, marketplace_account_id, started_at) include (status, api_calls);
create index if not exists orders_open_account_idx on public.orders (org_id, marketplace_account_id, ship_by)
  include (total, currency) where status in ('pending', 'unshipped', 'partially_shipped');
