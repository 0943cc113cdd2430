-- Reports (DESIGN §9): the organization's time zone, which sets the reports' day boundaries
-- (and the dates shown in the app). Owners and admins may change it; the name stays owner-only.

-- A zone Postgres knows (the app offers IANA names only). Written so a bad value is a check
-- violation rather than an error from deep inside a query that uses it.
create or replace function private.is_time_zone(p_zone text) returns boolean
language plpgsql immutable set search_path = ''
as $$
begin
  if p_zone is null or length(p_zone) not between 1 and 64 then
    return false;
  end if;
  perform now() at time zone p_zone;
  return true;
exception when others then
  return false;
end
$$;
revoke all on function private.is_time_zone(text) from public, anon;
grant execute on function private.is_time_zone(text) to authenticated;

alter table public.organizations
  add column time_zone text not null default 'UTC'
    constraint organizations_time_zone_valid check (private.is_time_zone(time_zone));

-- Admins get a second update policy (policies are OR'd), and the column grant. A row policy
-- cannot tell columns apart, so a trigger keeps every other granted column (the name) owner-only
-- for people; the service path (not `authenticated`) is not limited by it.
grant update (time_zone) on public.organizations to authenticated;
create policy organizations_update_time_zone on public.organizations for update to authenticated
  using (id in (select private.my_org_ids_with_role('admin')))
  with check (id in (select private.my_org_ids_with_role('admin')));

create or replace function private.organizations_owner_columns() returns trigger
language plpgsql set search_path = ''
as $$
begin
  if current_user = 'authenticated'
     and new.name is distinct from old.name
     and not exists (select 1 from private.my_org_ids_with_role('owner') o where o = old.id) then
    raise exception 'only an owner can rename the organization' using errcode = '42501';
  end if;
  return new;
end
$$;
revoke all on function private.organizations_owner_columns() from public, anon;
create trigger organizations_owner_columns before update on public.organizations
  for each row execute function private.organizations_owner_columns();

-- Day-by-day reads of shipping flow and the on-time rate.
create index if not exists orders_org_shipped_idx on public.orders (org_id, shipped_at) where shipped_at is not null;
