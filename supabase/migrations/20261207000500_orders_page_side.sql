-- The Orders page's side data in one function: the tab counts (private.order_tab_counts, which
-- checks membership itself), the organization's accounts and the person's own saved views, read
-- as the caller under RLS (security invoker), in the order the page lists them. One row always:
-- for a non-member the counts are null (the page reads them as 0) and RLS shows no account or
-- view.
-- Why a function and not the same select sent by the app: plpgsql keeps the plan of its static
-- SQL for the session, where the app's statement was planned on every page (about 0.5 ms of each
-- page on PGlite, 0.15 ms on PostgreSQL).
create or replace function private.orders_page_side(p_org_id uuid, p_user_id uuid, p_now timestamptz, p_day_end timestamptz, p_cap int)
returns table (awaiting int, hold int, attention int, shipped int, delivered int, cancelled int, open int, late int, due_today int,
  accounts json, views json)
language plpgsql stable set search_path = ''
as $$
begin
  return query
    select c.awaiting, c.hold, c.attention, c.shipped, c.delivered, c.cancelled, c.open, c.late, c.due_today,
      (select coalesce(json_agg(json_build_object('id', a.id, 'name', a.display_name, 'marketplace', a.marketplace,
          'lastSyncedAt', a.last_sync_succeeded_at) order by a.display_name), '[]')
        from public.marketplace_accounts a where a.org_id = p_org_id),
      (select coalesce(json_agg(json_build_object('id', v.id, 'name', v.name, 'query', v.query) order by v.name), '[]')
        from public.saved_order_views v where v.org_id = p_org_id and v.user_id = p_user_id)
    from (select) one left join private.order_tab_counts(p_org_id, p_now, p_day_end, p_cap) c on true;
end
$$;
revoke all on function private.orders_page_side(uuid, uuid, timestamptz, timestamptz, int) from public;
grant execute on function private.orders_page_side(uuid, uuid, timestamptz, timestamptz, int) to authenticated;
