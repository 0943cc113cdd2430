-- Orders page tab counts (issue 14): Shipped, Delivered, Cancelled and the open total (All is
-- their sum) from the report rollup report_order_days, whose per-day rows count every order of
-- the organization by status, instead of counting up to 10,001 orders each: a million-order
-- organization's page read four capped index ranges (about 8 ms) for figures that one scan of a
-- few thousand rollup rows gives exactly (about 2 ms; under 1 ms at 10k orders). The rollup
-- changes with its orders in the same transaction at commit (migration 20261206002100); within a
-- transaction that inserted orders they count from its commit on. Awaiting, On hold, Needs
-- attention, Late and Due today still count the orders themselves (they depend on holds, labels
-- and the clock, which the rollup does not hold).
create or replace function private.order_tab_counts(p_org_id uuid, p_now timestamptz, p_day_end timestamptz, p_cap int)
returns table (awaiting int, hold int, attention int, shipped int, delivered int, cancelled int, open int, late int, due_today int)
language plpgsql stable security definer set search_path = ''
as $$
begin
  if p_org_id is null or p_org_id not in (select private.my_org_ids()) then
    return;
  end if;
  -- Static SQL, its plan kept by the session: every count an index range with a LIMIT or the
  -- rollup's rows of one organization, good for any organization's size.
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
      from public.report_order_days d where d.org_id = p_org_id) s;
end
$$;
revoke all on function private.order_tab_counts(uuid, timestamptz, timestamptz, int) from public;
grant execute on function private.order_tab_counts(uuid, timestamptz, timestamptz, int) to authenticated;
