-- Report speed (issue 13): the two reports that still read too many rows over a year.
--
--   * Top SKUs read report_sku_days: at a million orders a year that is ~500k rows. Here the same
--     rows are also summed per calendar month and year (report_sku_periods), so a range reads a
--     year or a month and subtracts or adds the few days at its edges (lib/reports/blocks.ts).
--     Kept additively from report_sku_days' own changes by a statement trigger: every writer of
--     the day rollup (the refresh, a rebuild, a cascade) keeps the periods with it.
--   * Label spend read every shipment of the range joined to its order and buyer. Here:
--       report_label_days: per account, local purchase day, label currency, carrier, service and
--         destination: labels bought, refunded, spend, refunds, net;
--       report_label_orders: per order and local day, the order's shipping charged and what its
--         live labels in its own currency cost (the margin per order, and the lowest 100);
--       report_label_margin_days: per account, day and currency: charged (orders whose labels
--         all fall on one day), cost (all), so the overall margin is a sum of days plus the few
--         orders whose labels span days (read from report_label_orders, days > 1).
--     Recomputed from the raw rows for the orders and local days a write touches (shipments
--     bought, voided, refunded, re-costed; an order's shipping charged, currency or account; a
--     buyer's country or region), which is right whatever order a deletion's cascades fire in.

create unique index if not exists marketplace_accounts_id_org_uidx on public.marketplace_accounts (id, org_id);
create unique index if not exists orders_id_org_uidx on public.orders (id, org_id);
-- An order's shipments, for the label triggers (the existing order_id indexes are partial).
create index if not exists shipments_order_idx on public.shipments (order_id);

-- ---------------------------------------------------------------- SKU months and years
-- One row per period and title: days counts the day rows with that title, so a range's title is
-- the max over titles that still have days after the edges are subtracted (max is not additive).
create table public.report_sku_periods (
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null,
  marketplace text not null,
  grain text not null check (grain in ('month', 'year')),
  start date not null,
  currency char(3) not null,
  sku text not null,
  title text,
  days int not null,
  units bigint not null,
  revenue numeric not null,
  orders int not null,
  constraint report_sku_periods_key unique nulls not distinct (org_id, grain, start, marketplace_account_id, currency, sku, title),
  foreign key (marketplace_account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade
);
create index report_sku_periods_empty_idx on public.report_sku_periods (org_id) where days = 0;

-- The month and year rows follow their day rollup additively: a statement trigger on the day table
-- adds the new rows' share and subtracts the old rows'. Arguments: the period table, its columns
-- after (org_id, account, marketplace, grain, start) that the day rows share, the summed columns
-- (`days` counts day rows), and the sum that is 0 exactly when no day row is left.
create or replace function private.report_periods_changed() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  target text := tg_argv[0];
  keys text := tg_argv[1];
  sums text[] := string_to_array(tg_argv[2], ',');
  src text;
begin
  src := case tg_op
    when 'INSERT' then 'select 1 as sign, 1 as days, n.* from new_rows n'
    when 'DELETE' then 'select -1 as sign, 1 as days, o.* from old_rows o'
    else 'select 1 as sign, 1 as days, n.* from new_rows n union all select -1 as sign, 1 as days, o.* from old_rows o' end;
  -- Rows of a deleted account are skipped: the cascade removes its periods itself.
  execute format($q$
    with d as (
      select s.org_id, s.marketplace_account_id, s.marketplace, g.grain, date_trunc(g.grain, s.day::timestamp)::date as start, %2$s, %3$s
      from (%4$s) s cross join (values ('month'), ('year')) as g(grain)
      where exists (select 1 from public.marketplace_accounts a where a.id = s.marketplace_account_id and a.org_id = s.org_id)
      group by s.org_id, s.marketplace_account_id, s.marketplace, g.grain, 5, %2$s
      having %5$s
    )
    insert into public.%1$I as t (org_id, marketplace_account_id, marketplace, grain, start, %6$s, %7$s) select * from d
    on conflict on constraint %8$I do update set %9$s$q$,
    target,
    (select string_agg('s.' || trim(k), ', ') from unnest(string_to_array(keys, ',')) k),
    (select string_agg(format('sum(s.sign * coalesce(s.%1$I, 0)) as %1$I', c), ', ') from unnest(sums) c),
    src,
    (select string_agg(format('sum(s.sign * coalesce(s.%I, 0)) <> 0', c), ' or ') from unnest(sums) c),
    keys,
    array_to_string(sums, ', '),
    target || '_key',
    (select string_agg(format('%1$I = t.%1$I + excluded.%1$I', c), ', ') from unnest(sums) c));
  -- A period whose day rows all left is empty (every sum of +x and -x is exactly 0).
  execute format('delete from public.%I t where t.%I = 0 and t.org_id in (select s.org_id from (%s) s)', target, tg_argv[3], src);
  return null;
end
$$;
revoke all on function private.report_periods_changed() from public, anon, authenticated;
create trigger report_sku_days_insert after insert on public.report_sku_days referencing new table as new_rows
  for each statement execute function private.report_periods_changed('report_sku_periods', 'currency, sku, title', 'days,units,revenue,orders', 'days');
create trigger report_sku_days_update after update on public.report_sku_days referencing new table as new_rows old table as old_rows
  for each statement execute function private.report_periods_changed('report_sku_periods', 'currency, sku, title', 'days,units,revenue,orders', 'days');
create trigger report_sku_days_delete after delete on public.report_sku_days referencing old table as old_rows
  for each statement execute function private.report_periods_changed('report_sku_periods', 'currency, sku, title', 'days,units,revenue,orders', 'days');

-- The day refresh (migration 20261206001500) deleted a key's rows and inserted them again: every
-- sync page rewrote the day's SKU rows, and the periods above followed each row out and back in.
-- Now only rows that changed are written: rows gone are deleted, new and changed rows upserted
-- (disjoint, so one statement each), and the period trigger sees only the real changes.
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
      from public.orders o join public.order_items i on i.order_id = o.id and i.org_id = o.org_id
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
      from public.orders o left join public.order_buyers b on b.order_id = o.id and b.org_id = o.org_id
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

insert into public.report_sku_periods
  select r.org_id, r.marketplace_account_id, r.marketplace, g.grain, date_trunc(g.grain, r.day::timestamp)::date, r.currency, r.sku, r.title,
    count(*)::int, sum(r.units), sum(r.revenue), sum(r.orders)::int
  from public.report_sku_days r cross join (values ('month'), ('year')) as g(grain)
  group by 1, 2, 3, 4, 5, 6, 7, 8;

-- ---------------------------------------------------------------- label spend and margin
-- carrier, service, country and region keep their nulls (the report groups them apart from '').
create table public.report_label_days (
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null,
  marketplace text not null,
  day date not null,
  currency char(3) not null,
  carrier text,
  service text,
  country text,
  region text,
  labels int not null,
  refunded int not null,
  gross numeric not null,
  refunds numeric not null,
  -- What the live (not refunded or voided) labels cost; null when every label was refunded.
  net numeric,
  constraint report_label_days_key unique nulls not distinct (org_id, day, marketplace_account_id, currency, carrier, service, country, region),
  foreign key (marketplace_account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade
);

-- Live labels in the order's own currency only (a margin never subtracts another currency).
create table public.report_label_orders (
  org_id uuid not null references public.organizations (id) on delete cascade,
  order_id uuid not null,
  day date not null,
  marketplace_account_id uuid not null,
  marketplace text not null,
  currency char(3) not null,
  external_order_id text not null,
  charged numeric not null,
  cost numeric not null,
  -- Local days this order has live labels on: 1 for nearly every order.
  days int not null,
  primary key (order_id, day),
  foreign key (order_id, org_id) references public.orders (id, org_id) on delete cascade,
  foreign key (marketplace_account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade
);
create index report_label_orders_day_idx on public.report_label_orders (org_id, day);
-- The lowest margins first: an index walk stops after the first 100 in range.
create index report_label_orders_margin_idx on public.report_label_orders (org_id, currency, (charged - cost), external_order_id)
  include (day, marketplace_account_id, marketplace, charged, cost) where days = 1;
create index report_label_orders_multi_idx on public.report_label_orders (org_id, day) where days > 1;

create table public.report_label_margin_days (
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null,
  marketplace text not null,
  day date not null,
  currency char(3) not null,
  -- Orders whose live labels all fall on this day, and their shipping charged.
  orders int not null,
  charged numeric not null,
  -- Live label cost of every order on this day (those spanning days included).
  cost numeric not null,
  primary key (org_id, day, marketplace_account_id, currency),
  foreign key (marketplace_account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade
);

-- report_label_days per calendar month and year, like the SKU periods (a year of spend reads a
-- year block, not a row per day). net here is the live labels' cost, 0 when all were refunded.
create table public.report_label_periods (
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null,
  marketplace text not null,
  grain text not null check (grain in ('month', 'year')),
  start date not null,
  currency char(3) not null,
  carrier text,
  service text,
  country text,
  region text,
  labels int not null,
  refunded int not null,
  gross numeric not null,
  refunds numeric not null,
  net numeric not null,
  constraint report_label_periods_key unique nulls not distinct (org_id, grain, start, marketplace_account_id, currency, carrier, service, country, region),
  foreign key (marketplace_account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade
);
create index report_label_periods_empty_idx on public.report_label_periods (org_id) where labels = 0;

create trigger report_label_days_insert after insert on public.report_label_days referencing new table as new_rows
  for each statement execute function private.report_periods_changed('report_label_periods', 'currency, carrier, service, country, region', 'labels,refunded,gross,refunds,net', 'labels');
create trigger report_label_days_update after update on public.report_label_days referencing new table as new_rows old table as old_rows
  for each statement execute function private.report_periods_changed('report_label_periods', 'currency, carrier, service, country, region', 'labels,refunded,gross,refunds,net', 'labels');
create trigger report_label_days_delete after delete on public.report_label_days referencing old table as old_rows
  for each statement execute function private.report_periods_changed('report_label_periods', 'currency, carrier, service, country, region', 'labels,refunded,gross,refunds,net', 'labels');

-- Readable by members (viewers included); written only by the triggers below.
do $$
declare t text;
begin
  foreach t in array array['report_sku_periods', 'report_label_days', 'report_label_periods', 'report_label_orders', 'report_label_margin_days'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on public.%I from public, anon, authenticated', t);
    execute format('grant select on public.%I to authenticated', t);
    execute format('create policy %I on public.%I for select to authenticated using (org_id in (select private.my_org_ids()))', t || '_select', t);
  end loop;
end
$$;

-- Recomputes the label rollups for the orders given and every local day they or `p_orgs`/`p_days`
-- (days of shipment rows that left) touch, from the raw rows as they are now.
create or replace function private.report_label_refresh(p_orders uuid[], p_orgs uuid[], p_days date[]) returns void
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  k_orgs uuid[];
  k_days date[];
begin
  select array_agg(x.org_id), array_agg(x.day) into k_orgs, k_days from (
    select u.org_id, u.day from unnest(p_orgs, p_days) as u(org_id, day) where u.day is not null
    union
    select s.org_id, (s.created_at at time zone g.time_zone)::date
      from unnest(p_orders) as u(id) join public.shipments s on s.order_id = u.id join public.organizations g on g.id = s.org_id
    union
    select r.org_id, r.day from unnest(p_orders) as u(id) join public.report_label_orders r on r.order_id = u.id) x;

  -- Joins on unnest, not = any(): a rebuild passes every order of an organization.
  delete from public.report_label_orders r using unnest(p_orders) as u(id) where r.order_id = u.id;
  insert into public.report_label_orders
    select o.org_id, o.id, x.day, o.marketplace_account_id, o.marketplace, o.currency, o.external_order_id, o.shipping_total, x.cost,
      (count(*) over (partition by o.id))::int
    from unnest(p_orders) as u(id) join public.orders o on o.id = u.id join public.organizations g on g.id = o.org_id
      cross join lateral (
        select (s.created_at at time zone g.time_zone)::date as day, sum(s.label_cost) as cost
        from public.shipments s
        where s.order_id = o.id and s.org_id = o.org_id and s.label_cost is not null and s.status in ('purchased', 'refund_pending')
          and coalesce(s.currency, o.currency) = o.currency
        group by 1) x
    where exists (select 1 from public.marketplace_accounts a where a.id = o.marketplace_account_id and a.org_id = o.org_id);

  if k_orgs is null then
    return;
  end if;
  with k as (select distinct u.org_id, u.day from unnest(k_orgs, k_days) as u(org_id, day))
  delete from public.report_label_days t using k where t.org_id = k.org_id and t.day = k.day;
  -- Lateral, so each day reads its own shipments through shipments_org_created_idx.
  with k as (
    select distinct u.org_id, u.day, (u.day::timestamp at time zone g.time_zone) as lo, ((u.day + 1)::timestamp at time zone g.time_zone) as hi
    from unnest(k_orgs, k_days) as u(org_id, day) join public.organizations g on g.id = u.org_id)
  insert into public.report_label_days
    select k.org_id, x.marketplace_account_id, x.marketplace, k.day, x.currency, x.carrier, x.service_level, x.country, x.region,
      x.labels, x.refunded, x.gross, x.refunds, x.net
    from k cross join lateral (
      select o.marketplace_account_id, o.marketplace, coalesce(s.currency, o.currency) as currency, s.carrier, s.service_level, b.country, b.region,
        count(*)::int as labels, count(*) filter (where s.status in ('refunded', 'voided'))::int as refunded, sum(s.label_cost) as gross,
        coalesce(sum(s.label_cost) filter (where s.status in ('refunded', 'voided')), 0) as refunds,
        sum(s.label_cost) filter (where s.status not in ('refunded', 'voided')) as net
      from public.shipments s join public.orders o on o.id = s.order_id and o.org_id = s.org_id
        left join public.order_buyers b on b.order_id = o.id and b.org_id = o.org_id
      where s.org_id = k.org_id and s.created_at >= k.lo and s.created_at < k.hi
        and s.label_cost is not null and s.status in ('purchased', 'refund_pending', 'refunded', 'voided')
      group by 1, 2, 3, 4, 5, 6, 7) x
    -- After the grouping: inside it the planner would start from the account's every order.
    where exists (select 1 from public.marketplace_accounts a where a.id = x.marketplace_account_id and a.org_id = k.org_id);

  with k as (select distinct u.org_id, u.day from unnest(k_orgs, k_days) as u(org_id, day))
  delete from public.report_label_margin_days t using k where t.org_id = k.org_id and t.day = k.day;
  with k as (select distinct u.org_id, u.day from unnest(k_orgs, k_days) as u(org_id, day))
  insert into public.report_label_margin_days
    select r.org_id, r.marketplace_account_id, r.marketplace, r.day, r.currency, count(*) filter (where r.days = 1)::int,
      coalesce(sum(r.charged) filter (where r.days = 1), 0), sum(r.cost)
    from k join public.report_label_orders r on r.org_id = k.org_id and r.day = k.day
    group by 1, 2, 3, 4, 5;
end
$$;
revoke all on function private.report_label_refresh(uuid[], uuid[], date[]) from public, anon, authenticated;

-- Shipments: the orders and days of rows that came, left or changed what spend reads. Tracking
-- updates (delivery status, pushes) change none of it and recompute nothing.
create or replace function private.report_shipments_changed() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  src text;
  orders uuid[];
  orgs uuid[];
  days date[];
begin
  src := case tg_op
    when 'INSERT' then 'select n.* from new_rows n'
    when 'DELETE' then 'select o.* from old_rows o'
    else 'select n.* from new_rows n join old_rows o on o.id = n.id
      where (n.status, n.label_cost, n.currency, n.carrier, n.service_level, n.created_at, n.order_id, n.org_id)
        is distinct from (o.status, o.label_cost, o.currency, o.carrier, o.service_level, o.created_at, o.order_id, o.org_id)
      union all select o.* from new_rows n join old_rows o on o.id = n.id
      where (n.status, n.label_cost, n.currency, n.carrier, n.service_level, n.created_at, n.order_id, n.org_id)
        is distinct from (o.status, o.label_cost, o.currency, o.carrier, o.service_level, o.created_at, o.order_id, o.org_id)' end;
  execute format($q$select array_agg(distinct s.order_id), array_agg(s.org_id), array_agg((s.created_at at time zone g.time_zone)::date)
    from (%s) s join public.organizations g on g.id = s.org_id$q$, src) into orders, orgs, days;
  if orders is not null then
    perform private.report_label_refresh(orders, orgs, days);
  end if;
  return null;
end
$$;
revoke all on function private.report_shipments_changed() from public, anon, authenticated;
create trigger report_shipments_insert after insert on public.shipments
  referencing new table as new_rows for each statement execute function private.report_shipments_changed();
create trigger report_shipments_update after update on public.shipments
  referencing new table as new_rows old table as old_rows for each statement execute function private.report_shipments_changed();
create trigger report_shipments_delete after delete on public.shipments
  referencing old table as old_rows for each statement execute function private.report_shipments_changed();

-- Orders and buyers: only orders that have shipments, and only changes spend or margin reads
-- (a sync's newer copy of an order with the same money and account recomputes nothing). A
-- deleted order's shipments go with it (their trigger recomputes); a new order has none yet.
create or replace function private.report_label_parents_changed() returns trigger
language plpgsql security definer set search_path = '' set jit = off
as $$
declare
  src text;
  orders uuid[];
begin
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
create trigger report_label_orders_update after update on public.orders
  referencing new table as new_rows old table as old_rows for each statement execute function private.report_label_parents_changed();
create trigger report_label_buyers_insert after insert on public.order_buyers
  referencing new table as new_rows for each statement execute function private.report_label_parents_changed();
create trigger report_label_buyers_update after update on public.order_buyers
  referencing new table as new_rows old table as old_rows for each statement execute function private.report_label_parents_changed();
create trigger report_label_buyers_delete after delete on public.order_buyers
  referencing old table as old_rows for each statement execute function private.report_label_parents_changed();

-- ---------------------------------------------------------------- rebuild
-- The organization's rebuild (a time zone change, the bench seed) now also rebuilds the label
-- rollups; the SKU periods follow report_sku_days through their trigger.
create or replace function private.report_label_rebuild(p_org uuid) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  orders uuid[];
begin
  delete from public.report_label_days where org_id = p_org;
  delete from public.report_label_margin_days where org_id = p_org;
  delete from public.report_label_orders where org_id = p_org;
  select array_agg(distinct s.order_id) into orders from public.shipments s where s.org_id = p_org;
  if orders is not null then
    perform private.report_label_refresh(orders, null, null);
  end if;
end
$$;
revoke all on function private.report_label_rebuild(uuid) from public, anon, authenticated;

alter function private.report_rebuild(uuid) rename to report_rebuild_orders;
create or replace function private.report_rebuild(p_org uuid) returns void
language plpgsql security definer set search_path = ''
as $$
begin
  perform private.report_rebuild_orders(p_org);
  perform private.report_label_rebuild(p_org);
end
$$;
revoke all on function private.report_rebuild(uuid) from public, anon, authenticated;

select private.report_label_rebuild(o.id) from public.organizations o where exists (select 1 from public.shipments s where s.org_id = o.id);
