-- Consent to join an organization (issue 7 §1). Nobody is put into an organization any more:
-- an owner/admin invites an e-mail with a role, and only the invitee, signed in as that e-mail,
-- accepts (or declines) through private.accept_invitation / decline_invitation. Memberships are
-- no longer insertable by people at all, so the rule holds through the Data API as well as the
-- app. The current organization is a per-user preference stored here, never a sort order.

-- The e-mail lookup was an account-existence oracle and the way to add people without consent.
drop function if exists private.user_id_by_email(text);

-- Memberships come only from sign-up (the home organization) and accepted invitations, both
-- security-definer paths. Any member may leave (delete their own row); the keep_an_owner
-- trigger still refuses the last owner.
drop policy if exists memberships_insert on public.memberships;
revoke insert on public.memberships from authenticated;
create policy memberships_delete_self on public.memberships for delete to authenticated
  using (user_id = (select auth.uid()));

create table public.invitations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- Stored normalized so every comparison is case-insensitive by construction.
  email text not null check (email = lower(btrim(email)) and length(email) between 3 and 254 and email like '%_@_%'),
  role text not null check (role in ('owner', 'admin', 'operator', 'viewer')),
  -- SHA-256 (hex) of the link's random token; the token itself is never stored.
  token_hash text not null unique check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid references auth.users (id) on delete set null,
  status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'revoked', 'expired')),
  expires_at timestamptz not null default now() + interval '7 days',
  decided_at timestamptz,
  decided_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
create index invitations_org_status_idx on public.invitations (org_id, status);
-- One open invitation per address and organization.
create unique index invitations_one_pending on public.invitations (org_id, email) where status = 'pending';

-- Admins create invitations (owners alone for the owner role); the link's secrecy plus the
-- e-mail check in accept_invitation decide who may use one. Status, expiry and decisions are
-- written only by the functions below.
-- Supabase's default privileges hand new tables to anon/authenticated: take them back first.
revoke all on public.invitations from anon, authenticated;
grant select on public.invitations to authenticated;
grant insert (org_id, email, role, token_hash, invited_by) on public.invitations to authenticated;
alter table public.invitations enable row level security;
create policy invitations_select on public.invitations for select to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')));
create policy invitations_insert on public.invitations for insert to authenticated
  with check (org_id in (select private.my_org_ids_with_role('admin'))
    and (role <> 'owner' or org_id in (select private.my_org_ids_with_role('owner')))
    and invited_by = (select auth.uid()));

-- The organization a user last chose in the switcher; they may only point it at one they belong to.
create table public.user_preferences (
  user_id uuid primary key references auth.users (id) on delete cascade,
  current_org_id uuid references public.organizations (id) on delete set null,
  updated_at timestamptz not null default now()
);
create trigger user_preferences_touch before update on public.user_preferences
  for each row execute function private.touch_updated_at();
revoke all on public.user_preferences from anon, authenticated;
grant select, insert (user_id, current_org_id) on public.user_preferences to authenticated;
grant update (current_org_id) on public.user_preferences to authenticated;
alter table public.user_preferences enable row level security;
create policy user_preferences_select on public.user_preferences for select to authenticated
  using (user_id = (select auth.uid()));
create policy user_preferences_insert on public.user_preferences for insert to authenticated
  with check (user_id = (select auth.uid())
    and (current_org_id is null or current_org_id in (select private.my_org_ids())));
create policy user_preferences_update on public.user_preferences for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid())
    and (current_org_id is null or current_org_id in (select private.my_org_ids())));

-- ---------------------------------------------------------------------------------------------
-- Invitation lifecycle. Audit details carry the role and user ids only, never the invitee's
-- e-mail (the invitation id names it for those allowed to read the invitation).

-- Marks a pending invitation past its expiry as expired, audited as the system. Not callable
-- directly; the functions below use it.
create or replace function private.settle_invitation(p_id uuid) returns text
language plpgsql security definer set search_path = ''
as $$
declare
  v public.invitations;
begin
  select * into v from public.invitations where id = p_id for update;
  if not found then return null; end if;
  if v.status = 'pending' and v.expires_at <= now() then
    update public.invitations set status = 'expired', decided_at = now() where id = p_id;
    insert into public.audit_events (org_id, actor_type, action, target_type, target_id, details)
      values (v.org_id, 'system', 'invitation.expired', 'invitation', v.id::text, jsonb_build_object('role', v.role));
    return 'expired';
  end if;
  return v.status;
end
$$;

-- Whether the signed-in caller is the invitee: the verified JWT e-mail and the account's own
-- (confirmed) e-mail must both be the invited address.
create or replace function private.caller_is_invitee(p_email text) returns boolean
language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from auth.users u
    where u.id = (select auth.uid()) and u.email_confirmed_at is not null
      and lower(u.email) = p_email and lower(coalesce((select auth.jwt()) ->> 'email', '')) = p_email
  )
$$;

-- What the invitation page shows. The organization, role and inviter are told only to the
-- invitee; anyone else holding the link learns that it is not theirs.
create or replace function private.invitation_preview(p_token_hash text)
returns table (id uuid, status text, for_me boolean, already_member boolean, org_name text, role text,
  inviter_email text, expires_at timestamptz)
language plpgsql security definer set search_path = ''
as $$
declare
  v public.invitations;
  v_status text;
  v_mine boolean;
begin
  select * into v from public.invitations i where i.token_hash = p_token_hash;
  if not found or (select auth.uid()) is null then return; end if;
  v_status := private.settle_invitation(v.id);
  v_mine := private.caller_is_invitee(v.email);
  return query
    select v.id, v_status, v_mine,
      exists (select 1 from public.memberships m where m.org_id = v.org_id and m.user_id = (select auth.uid())),
      case when v_mine then o.name end, case when v_mine then v.role end,
      case when v_mine then (select u.email::text from auth.users u where u.id = v.invited_by) end,
      v.expires_at
    from public.organizations o where o.id = v.org_id;
end
$$;

-- Accept or decline. Outcomes: accepted, already_member, declined, not_found, wrong_email,
-- expired, revoked, used. Only the invitee's answer changes anything.
create or replace function private.answer_invitation(p_token_hash text, p_accept boolean)
returns table (outcome text, org_id uuid)
language plpgsql security definer set search_path = ''
as $$
declare
  v public.invitations;
  v_uid uuid := (select auth.uid());
  v_status text;
  v_member boolean;
begin
  select * into v from public.invitations i where i.token_hash = p_token_hash for update;
  if not found or v_uid is null then return query select 'not_found'::text, null::uuid; return; end if;
  v_status := private.settle_invitation(v.id);
  if v_status in ('expired', 'revoked') then return query select v_status, null::uuid; return; end if;
  if v_status <> 'pending' then return query select 'used'::text, null::uuid; return; end if;
  if not private.caller_is_invitee(v.email) then return query select 'wrong_email'::text, null::uuid; return; end if;
  v_member := exists (select 1 from public.memberships m where m.org_id = v.org_id and m.user_id = v_uid);
  if p_accept and not v_member then
    insert into public.memberships (org_id, user_id, role) values (v.org_id, v_uid, v.role);
  end if;
  update public.invitations set status = case when p_accept then 'accepted' else 'declined' end,
    decided_at = now(), decided_by = v_uid where id = v.id;
  insert into public.audit_events (org_id, actor_type, actor_user_id, action, target_type, target_id, details)
    values (v.org_id, 'user', v_uid, case when p_accept then 'invitation.accepted' else 'invitation.declined' end,
      'invitation', v.id::text,
      jsonb_build_object('role', v.role, 'user_id', v_uid::text) || case when p_accept and v_member then '{"already_member":true}'::jsonb else '{}'::jsonb end);
  return query select case when not p_accept then 'declined' when v_member then 'already_member' else 'accepted' end,
    v.org_id;
end
$$;

create or replace function private.accept_invitation(p_token_hash text)
returns table (outcome text, org_id uuid)
language sql volatile security definer set search_path = ''
as $$ select * from private.answer_invitation(p_token_hash, true) $$;

create or replace function private.decline_invitation(p_token_hash text)
returns table (outcome text, org_id uuid)
language sql volatile security definer set search_path = ''
as $$ select * from private.answer_invitation(p_token_hash, false) $$;

-- An admin withdraws a pending invitation (owners alone withdraw owner invitations).
-- Outcomes: revoked, not_found (not theirs to see or no longer pending), owner_only.
create or replace function private.revoke_invitation(p_org_id uuid, p_id uuid) returns text
language plpgsql security definer set search_path = ''
as $$
declare
  v public.invitations;
begin
  select * into v from public.invitations i
    where i.id = p_id and i.org_id = p_org_id and i.org_id in (select private.my_org_ids_with_role('admin'))
    for update;
  if not found or private.settle_invitation(v.id) <> 'pending' then return 'not_found'; end if;
  if v.role = 'owner' and v.org_id not in (select private.my_org_ids_with_role('owner')) then return 'owner_only'; end if;
  update public.invitations set status = 'revoked', decided_at = now(), decided_by = (select auth.uid()) where id = v.id;
  insert into public.audit_events (org_id, actor_type, actor_user_id, action, target_type, target_id, details)
    values (v.org_id, 'user', (select auth.uid()), 'invitation.revoked', 'invitation', v.id::text,
      jsonb_build_object('role', v.role));
  return 'revoked';
end
$$;

-- Settles every overdue invitation of an organization the caller administers (the Settings
-- page calls it before listing, so expiry reaches the audit trail without a scheduler).
create or replace function private.expire_invitations(p_org_id uuid) returns int
language plpgsql security definer set search_path = ''
as $$
declare
  v_id uuid;
  n int := 0;
begin
  if p_org_id not in (select private.my_org_ids_with_role('admin')) then return 0; end if;
  for v_id in select i.id from public.invitations i
      where i.org_id = p_org_id and i.status = 'pending' and i.expires_at <= now() loop
    perform private.settle_invitation(v_id);
    n := n + 1;
  end loop;
  return n;
end
$$;

revoke all on function private.settle_invitation(uuid), private.caller_is_invitee(text),
  private.answer_invitation(text, boolean) from public, anon, authenticated;
revoke all on function private.invitation_preview(text), private.accept_invitation(text),
  private.decline_invitation(text), private.revoke_invitation(uuid, uuid), private.expire_invitations(uuid)
  from public, anon;
grant execute on function private.invitation_preview(text), private.accept_invitation(text),
  private.decline_invitation(text), private.revoke_invitation(uuid, uuid), private.expire_invitations(uuid)
  to authenticated;
