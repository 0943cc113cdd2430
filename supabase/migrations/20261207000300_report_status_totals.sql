-- Orders page tab counts (issue 14): Shipped, Delivered, Cancelled and the open total came from
-- summing report_order_days, one row per account, local day, status and currency: about 2,000
-- rows for a year of a 10k-order organization, half a millisecond on every Orders page, and
-- 4-5 ms for a million-order one. report_status_totals keeps those sums per organization and
-- status, changed by statement triggers on report_order_days with it (so in the same
-- transaction, at the same commit), and the counts read four rows.
--
-- Private: only the security-definer counts read it, and only the triggers write it. Concurrent
-- syncs of two accounts of one organization now update the same few rows; each trigger writes
-- them in (org_id, status) order, so they wait for each other at commit and never deadlock.
create table private.report_status_totals (
  org_id uuid not null references public.organizations (id) on delete cascade,
  status text not null,
  orders bigint not null,
  primary key (org_id, status)
);
alter table private.report_status_totals enable row level security;
revoke all on private.report_status_totals from public, anon, authenticated;

-- Adds what a statement did to report_order_days (new rows minus old rows, per organization and
-- status). Rows of an organization being deleted are left to the cascade.
create or replace function private.report_status_totals_apply() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    insert into private.report_status_totals as t (org_id, status, orders)
      select d.org_id, d.status, sum(d.orders) from new_rows d
      where exists (select 1 from public.organizations g where g.id = d.org_id)
      group by 1, 2 having sum(d.orders) <> 0 order by 1, 2
      on conflict (org_id, status) do update set orders = t.orders + excluded.orders;
  elsif tg_op = 'UPDATE' then
    insert into private.report_status_totals as t (org_id, status, orders)
      select d.org_id, d.status, sum(d.orders) from (
        select n.org_id, n.status, n.orders from new_rows n
        union all select o.org_id, o.status, -o.orders from old_rows o) d
      where exists (select 1 from public.organizations g where g.id = d.org_id)
      group by 1, 2 having sum(d.orders) <> 0 order by 1, 2
      on conflict (org_id, status) do update set orders = t.orders + excluded.orders;
  else
    insert into private.report_status_totals as t (org_id, status, orders)
      select d.org_id, d.status, -sum(d.orders) from old_rows d
      where exists (select 1 from public.organizations g where g.id = d.org_id)
      group by 1, 2 having sum(d.orders) <> 0 order by 1, 2
      on conflict (org_id, status) do update set orders = t.orders + excluded.orders;
  end if;
  return null;
end
$$;
revoke all on function private.report_status_totals_apply() from public, anon, authenticated;

create trigger report_status_totals_insert after insert on public.report_order_days
  referencing new table as new_rows for each statement execute function private.report_status_totals_apply();
create trigger report_status_totals_update after update on public.report_order_days
  referencing old table as old_rows new table as new_rows for each statement execute function private.report_status_totals_apply();
create trigger report_status_totals_delete after delete on public.report_order_days
  referencing old table as old_rows for each statement execute function private.report_status_totals_apply();

insert into private.report_status_totals (org_id, status, orders)
  select d.org_id, d.status, sum(d.orders) from public.report_order_days d group by 1, 2 having sum(d.orders) <> 0;

create or replace function private.order_tab_counts(p_org_id uuid, p_now timestamptz, p_day_end timestamptz, p_cap int)
returns table (awaiting int, hold int, attention int, shipped int, delivered int, cancelled int, open int, late int, due_today int)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_org_id is null or p_org_id not in (select private.my_org_ids()) then
    return;
  end if;
  -- Static SQL, its plan kept by the session: every count an index range with a LIMIT or the
  -- organization's few status totals, good for any organization's size.
  return query
    select
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id
        and o.status in ('pending', 'unshipped', 'partially_shipped') and not o.on_hold limit p_cap + 1) t)::int,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id and o.on_hold limit p_cap + 1) t)::int,
      (select count(*) from (select distinct s.order_id from public.shipments s
        where s.org_id = p_org_id and s.tracking_push_status = 'failed' limit p_cap + 1) t)::int,
      s.shipped, s.delivered, s.cancelled, s.open,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id
        and o.status in ('pending', 'unshipped', 'partially_shipped') and o.ship_by < p_now limit p_cap + 1) t)::int,
      (select count(*) from (select 1 from public.orders o where o.org_id = p_org_id
        and o.status in ('pending', 'unshipped', 'partially_shipped') and o.ship_by >= p_now and o.ship_by < p_day_end limit p_cap + 1) t)::int
    from (select coalesce(sum(d.orders) filter (where d.status = 'shipped'), 0)::int as shipped,
        coalesce(sum(d.orders) filter (where d.status = 'delivered'), 0)::int as delivered,
        coalesce(sum(d.orders) filter (where d.status = 'cancelled'), 0)::int as cancelled,
        coalesce(sum(d.orders) filter (where d.status in ('pending', 'unshipped', 'partially_shipped')), 0)::int as open
      from private.report_status_totals d where d.org_id = p_org_id) s;
end
$$;
