-- When the scheduled anonymization last looked at each organization (Settings → Privacy shows
-- it). Written by the service path only: the column grant for people stays as it was.
alter table public.organizations add column pii_checked_at timestamptz;

-- Owners and admins set how long buyer PII is kept (1–30 days: Amazon allows at most 30 after
-- delivery). A function rather than a column grant: organizations' update policy is the owner's,
-- and the change is audited in the same statement.
create or replace function private.set_pii_retention(p_org_id uuid, p_days int) returns void
language plpgsql security definer set search_path = ''
as $$
declare
  v_uid uuid := auth.uid();
  v_from int;
begin
  if v_uid is null or p_org_id is null or not exists (select 1 from private.my_org_ids_with_role('admin') o where o = p_org_id) then
    raise exception 'only owners and admins set the retention' using errcode = '42501';
  end if;
  if p_days is null or p_days < 1 or p_days > 30 then
    raise exception 'retention must be 1 to 30 days' using errcode = '22023';
  end if;
  select pii_retention_days into v_from from public.organizations where id = p_org_id for update;
  if v_from = p_days then
    return;
  end if;
  update public.organizations set pii_retention_days = p_days where id = p_org_id;
  insert into public.audit_events (org_id, actor_type, actor_user_id, action, target_type, target_id, details)
    values (p_org_id, 'user', v_uid, 'privacy.retention_changed', 'organization', p_org_id::text,
      jsonb_build_object('from', v_from, 'to', p_days));
end
$$;
revoke all on function private.set_pii_retention(uuid, int) from public, anon;
grant execute on function private.set_pii_retention(uuid, int) to authenticated;
