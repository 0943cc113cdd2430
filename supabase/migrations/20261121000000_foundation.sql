-- ESM foundation: tenancy (organizations, memberships), marketplace accounts and their encrypted
-- credentials, orders with items and buyers (PII kept apart), listings, shipments, sync runs,
-- jobs and the audit trail. Row-level security on every table, policies TO authenticated in the
-- set form `org_id in (select private.…())` so Postgres evaluates the membership once per query.

create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

-- Roles are ranked; a policy asks "at least this role".
create or replace function private.role_rank(p_role text) returns int
language sql immutable set search_path = ''
as $$
  select case p_role when 'owner' then 4 when 'admin' then 3 when 'operator' then 2 when 'viewer' then 1 else 0 end
$$;

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(btrim(name)) between 1 and 100),
  created_by uuid references auth.users (id) on delete set null,
  -- Days after delivery (or cancellation) that buyer PII is kept; Amazon allows at most 30.
  pii_retention_days int not null default 30 check (pii_retention_days between 1 and 30),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.memberships (
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'operator', 'viewer')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, user_id)
);
create index memberships_user_idx on public.memberships (user_id, org_id);

-- Security definer so the policies below do not recurse into memberships' own RLS.
create or replace function private.my_org_ids() returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.org_id from public.memberships m where m.user_id = (select auth.uid())
$$;

create or replace function private.my_org_ids_with_role(p_min_role text) returns setof uuid
language sql stable security definer set search_path = ''
as $$
  select m.org_id from public.memberships m
  where m.user_id = (select auth.uid())
    and private.role_rank(m.role) >= private.role_rank(p_min_role)
$$;

-- Members of an organization with their e-mail (auth.users is not readable by authenticated).
create or replace function private.org_members(p_org_id uuid)
returns table (user_id uuid, email text, role text, created_at timestamptz)
language sql stable security definer set search_path = ''
as $$
  select m.user_id, u.email::text, m.role, m.created_at
  from public.memberships m join auth.users u on u.id = m.user_id
  where m.org_id = p_org_id and p_org_id in (select private.my_org_ids())
  order by private.role_rank(m.role) desc, u.email
$$;

-- An admin adds an existing user by e-mail; only admins (of some organization) may look one up.
create or replace function private.user_id_by_email(p_email text) returns uuid
language sql stable security definer set search_path = ''
as $$
  select u.id from auth.users u
  where lower(u.email) = lower(btrim(p_email))
    and exists (select 1 from private.my_org_ids_with_role('admin'))
$$;

revoke all on all functions in schema private from public;
grant execute on function private.role_rank(text), private.my_org_ids(), private.my_org_ids_with_role(text),
  private.org_members(uuid), private.user_id_by_email(text) to authenticated;

-- An organization always keeps an owner; deleting the organization itself is the exception.
create or replace function private.keep_an_owner() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  if old.role = 'owner' and (tg_op = 'DELETE' or new.role <> 'owner' or new.org_id <> old.org_id)
     and exists (select 1 from public.organizations o where o.id = old.org_id)
     and not exists (
       select 1 from public.memberships m
       where m.org_id = old.org_id and m.role = 'owner' and m.user_id <> old.user_id
     ) then
    raise exception 'an organization must keep at least one owner' using errcode = '23514';
  end if;
  return coalesce(new, old);
end
$$;
create trigger memberships_keep_an_owner before update or delete on public.memberships
  for each row execute function private.keep_an_owner();

create or replace function private.touch_updated_at() returns trigger
language plpgsql set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create table public.marketplace_accounts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace text not null check (marketplace in ('walmart', 'amazon', 'ebay')),
  display_name text not null check (length(btrim(display_name)) between 1 and 100),
  -- The seller's id at the marketplace (Walmart partner id, Amazon selling partner id, eBay user id).
  external_account_id text not null,
  -- Amazon marketplace id / eBay marketplace id / Walmart market.
  marketplace_code text,
  status text not null default 'active' check (status in ('active', 'needs_reconnect', 'disconnected')),
  status_reason text,
  consecutive_auth_failures int not null default 0,
  last_sync_started_at timestamptz,
  last_sync_succeeded_at timestamptz,
  last_sync_error text,
  connected_by uuid references auth.users (id) on delete set null,
  connected_at timestamptz not null default now(),
  disconnected_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, marketplace, external_account_id)
);
create index marketplace_accounts_org_idx on public.marketplace_accounts (org_id, marketplace);

-- Encrypted by the app (AES-256-GCM); the key id names the key so keys can rotate.
-- No policy and no grant for anon or authenticated: only the service path ever reads it.
create table public.marketplace_credentials (
  account_id uuid primary key references public.marketplace_accounts (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  key_id text not null,
  iv bytea not null,
  ciphertext bytea not null,
  auth_tag bytea not null,
  updated_at timestamptz not null default now()
);
create index marketplace_credentials_org_idx on public.marketplace_credentials (org_id);

create table public.orders (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null references public.marketplace_accounts (id) on delete cascade,
  marketplace text not null check (marketplace in ('walmart', 'amazon', 'ebay')),
  external_order_id text not null,
  status text not null check (status in ('pending', 'unshipped', 'partially_shipped', 'shipped', 'delivered', 'cancelled')),
  marketplace_status text not null,
  ordered_at timestamptz not null,
  marketplace_updated_at timestamptz not null,
  ship_by timestamptz,
  deliver_by timestamptz,
  shipped_at timestamptz,
  delivered_at timestamptz,
  cancelled_at timestamptz,
  currency char(3) not null default 'USD',
  subtotal numeric(12, 2) not null default 0,
  shipping_total numeric(12, 2) not null default 0,
  tax_total numeric(12, 2) not null default 0,
  total numeric(12, 2) not null default 0,
  item_count int not null default 0,
  on_hold boolean not null default false,
  hold_reason text check (hold_reason is null or length(hold_reason) <= 500),
  held_by uuid references auth.users (id) on delete set null,
  held_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (marketplace_account_id, external_order_id)
);
create index orders_org_ordered_idx on public.orders (org_id, ordered_at desc, id);
create index orders_org_status_idx on public.orders (org_id, status, ordered_at desc);
create index orders_org_ship_by_idx on public.orders (org_id, ship_by) where status in ('pending', 'unshipped', 'partially_shipped');
create index orders_org_account_idx on public.orders (org_id, marketplace_account_id, marketplace_updated_at desc);

create table public.order_items (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  order_id uuid not null references public.orders (id) on delete cascade,
  line_id text not null,
  sku text,
  title text,
  quantity int not null check (quantity >= 0),
  quantity_shipped int not null default 0 check (quantity_shipped >= 0),
  unit_price numeric(12, 2) not null default 0,
  currency char(3) not null default 'USD',
  marketplace_status text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (order_id, line_id)
);
create index order_items_org_sku_idx on public.order_items (org_id, sku);

-- Buyer PII, apart from orders so it can be anonymized and is never selected by accident.
create table public.order_buyers (
  order_id uuid primary key references public.orders (id) on delete cascade,
  org_id uuid not null references public.organizations (id) on delete cascade,
  -- The marketplace's buyer reference (eBay username or user id, Amazon buyer id): what an
  -- eBay account-deletion notification is matched on.
  marketplace_buyer_ref text,
  name text,
  address_line1 text,
  address_line2 text,
  address_line3 text,
  city text,
  region text,
  postal_code text,
  country char(2),
  phone text,
  email text,
  anonymized_at timestamptz,
  updated_at timestamptz not null default now()
);
create index order_buyers_org_idx on public.order_buyers (org_id);
create index order_buyers_buyer_ref_idx on public.order_buyers (marketplace_buyer_ref) where marketplace_buyer_ref is not null;

create table public.listings (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null references public.marketplace_accounts (id) on delete cascade,
  marketplace text not null check (marketplace in ('walmart', 'amazon', 'ebay')),
  sku text not null,
  external_listing_id text,
  title text,
  image_urls text[] not null default '{}',
  attributes jsonb not null default '{}',
  price numeric(12, 2),
  currency char(3) not null default 'USD',
  quantity int,
  publish_status text not null check (publish_status in ('published', 'unpublished', 'pending', 'error', 'retired')),
  marketplace_status text,
  marketplace_updated_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (marketplace_account_id, sku)
);
create index listings_org_sku_idx on public.listings (org_id, sku);

create table public.shipments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  order_id uuid not null references public.orders (id) on delete cascade,
  status text not null check (status in ('purchasing', 'purchased', 'failed', 'unknown', 'voided', 'refund_pending', 'refunded')),
  shippo_shipment_id text,
  shippo_rate_id text,
  shippo_transaction_id text unique,
  carrier text,
  service_level text,
  tracking_number text,
  tracking_url text,
  label_url text,
  label_cost numeric(12, 2),
  currency char(3),
  tracking_push_status text not null default 'pending'
    check (tracking_push_status in ('pending', 'pushed', 'failed', 'not_required')),
  tracking_pushed_at timestamptz,
  tracking_push_error text,
  error text,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
-- One active label per order: a double click, a retry or two tabs cannot buy two.
create unique index shipments_one_active_per_order on public.shipments (order_id)
  where status in ('purchasing', 'purchased', 'unknown');
create index shipments_org_created_idx on public.shipments (org_id, created_at desc);

create table public.sync_runs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid not null references public.marketplace_accounts (id) on delete cascade,
  kind text not null check (kind in ('orders', 'listings')),
  trigger text not null check (trigger in ('schedule', 'manual', 'connect')),
  status text not null default 'running' check (status in ('running', 'succeeded', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  pages int not null default 0,
  records_upserted int not null default 0,
  api_calls int not null default 0,
  cursor_from timestamptz,
  cursor_to timestamptz,
  error text
);
create index sync_runs_org_account_idx on public.sync_runs (org_id, marketplace_account_id, started_at desc);

-- The one job queue: rows leased with FOR UPDATE SKIP LOCKED.
create table public.jobs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  marketplace_account_id uuid references public.marketplace_accounts (id) on delete cascade,
  kind text not null,
  run_at timestamptz not null default now(),
  locked_by text,
  locked_until timestamptz,
  attempts int not null default 0,
  last_error text,
  state jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index jobs_one_per_account_kind on public.jobs (org_id, kind, coalesce(marketplace_account_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index jobs_due_idx on public.jobs (run_at);
create index jobs_org_idx on public.jobs (org_id);

-- Append-only trail of what people and the system did. Never holds buyer PII.
create table public.audit_events (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  actor_type text not null check (actor_type in ('user', 'system', 'marketplace')),
  actor_user_id uuid references auth.users (id) on delete set null,
  action text not null,
  target_type text,
  target_id text,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index audit_events_org_created_idx on public.audit_events (org_id, created_at desc);

create trigger organizations_touch before update on public.organizations for each row execute function private.touch_updated_at();
create trigger memberships_touch before update on public.memberships for each row execute function private.touch_updated_at();
create trigger marketplace_accounts_touch before update on public.marketplace_accounts for each row execute function private.touch_updated_at();
create trigger orders_touch before update on public.orders for each row execute function private.touch_updated_at();
create trigger order_items_touch before update on public.order_items for each row execute function private.touch_updated_at();
create trigger order_buyers_touch before update on public.order_buyers for each row execute function private.touch_updated_at();
create trigger listings_touch before update on public.listings for each row execute function private.touch_updated_at();
create trigger shipments_touch before update on public.shipments for each row execute function private.touch_updated_at();
create trigger jobs_touch before update on public.jobs for each row execute function private.touch_updated_at();

-- ---------------------------------------------------------------------------------------------
-- Privileges. Supabase grants anon/authenticated everything on public by default: take it back
-- and give authenticated only what each table's policies are written for (column lists limit
-- which fields an update may touch).
revoke all on all tables in schema public from anon, authenticated;
revoke all on all sequences in schema public from anon, authenticated;

grant select, update (name) on public.organizations to authenticated;
grant delete on public.organizations to authenticated;
grant select, insert, delete on public.memberships to authenticated;
grant update (role) on public.memberships to authenticated;
grant select, insert, delete on public.marketplace_accounts to authenticated;
grant update (display_name, status, status_reason, disconnected_at) on public.marketplace_accounts to authenticated;
grant select on public.orders to authenticated;
grant update (on_hold, hold_reason, held_by, held_at) on public.orders to authenticated;
grant select on public.order_items to authenticated;
grant select on public.order_buyers to authenticated;
grant update (name, address_line1, address_line2, address_line3, city, region, postal_code, country, phone)
  on public.order_buyers to authenticated;
grant select on public.listings to authenticated;
grant select, insert on public.shipments to authenticated;
grant update (status, shippo_shipment_id, shippo_rate_id, shippo_transaction_id, carrier, service_level,
  tracking_number, tracking_url, label_url, label_cost, currency, tracking_push_status, tracking_pushed_at,
  tracking_push_error, error) on public.shipments to authenticated;
grant select on public.sync_runs to authenticated;
grant select on public.jobs to authenticated;
grant update (run_at) on public.jobs to authenticated;
grant select, insert on public.audit_events to authenticated;

-- ---------------------------------------------------------------------------------------------
-- Row-level security.
alter table public.organizations enable row level security;
alter table public.memberships enable row level security;
alter table public.marketplace_accounts enable row level security;
alter table public.marketplace_credentials enable row level security;
alter table public.orders enable row level security;
alter table public.order_items enable row level security;
alter table public.order_buyers enable row level security;
alter table public.listings enable row level security;
alter table public.shipments enable row level security;
alter table public.sync_runs enable row level security;
alter table public.jobs enable row level security;
alter table public.audit_events enable row level security;

create policy organizations_select on public.organizations for select to authenticated
  using (id in (select private.my_org_ids()));
create policy organizations_update on public.organizations for update to authenticated
  using (id in (select private.my_org_ids_with_role('owner')))
  with check (id in (select private.my_org_ids_with_role('owner')));
create policy organizations_delete on public.organizations for delete to authenticated
  using (id in (select private.my_org_ids_with_role('owner')));

-- Admins manage members; only owners grant, change or remove the owner role.
create policy memberships_select on public.memberships for select to authenticated
  using (org_id in (select private.my_org_ids()));
create policy memberships_insert on public.memberships for insert to authenticated
  with check (org_id in (select private.my_org_ids_with_role('admin'))
    and (role <> 'owner' or org_id in (select private.my_org_ids_with_role('owner'))));
create policy memberships_update on public.memberships for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin'))
    and (role <> 'owner' or org_id in (select private.my_org_ids_with_role('owner'))))
  with check (org_id in (select private.my_org_ids_with_role('admin'))
    and (role <> 'owner' or org_id in (select private.my_org_ids_with_role('owner'))));
create policy memberships_delete on public.memberships for delete to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin'))
    and (role <> 'owner' or org_id in (select private.my_org_ids_with_role('owner'))));

create policy marketplace_accounts_select on public.marketplace_accounts for select to authenticated
  using (org_id in (select private.my_org_ids()));
create policy marketplace_accounts_insert on public.marketplace_accounts for insert to authenticated
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy marketplace_accounts_update on public.marketplace_accounts for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')))
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy marketplace_accounts_delete on public.marketplace_accounts for delete to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')));

-- marketplace_credentials: RLS on, no policy: nobody but the service path.

create policy orders_select on public.orders for select to authenticated
  using (org_id in (select private.my_org_ids()));
create policy orders_update on public.orders for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('operator')))
  with check (org_id in (select private.my_org_ids_with_role('operator')));

create policy order_items_select on public.order_items for select to authenticated
  using (org_id in (select private.my_org_ids()));

create policy order_buyers_select on public.order_buyers for select to authenticated
  using (org_id in (select private.my_org_ids()));
-- An address may be corrected before shipping; anonymized buyers stay anonymized.
create policy order_buyers_update on public.order_buyers for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('operator')) and anonymized_at is null)
  with check (org_id in (select private.my_org_ids_with_role('operator')) and anonymized_at is null);

create policy listings_select on public.listings for select to authenticated
  using (org_id in (select private.my_org_ids()));

create policy shipments_select on public.shipments for select to authenticated
  using (org_id in (select private.my_org_ids()));
create policy shipments_insert on public.shipments for insert to authenticated
  with check (org_id in (select private.my_org_ids_with_role('operator')));
create policy shipments_update on public.shipments for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('operator')))
  with check (org_id in (select private.my_org_ids_with_role('operator')));

create policy sync_runs_select on public.sync_runs for select to authenticated
  using (org_id in (select private.my_org_ids()));

create policy jobs_select on public.jobs for select to authenticated
  using (org_id in (select private.my_org_ids()));
-- "Sync now": an operator may pull a job's next run forward.
create policy jobs_update on public.jobs for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('operator')))
  with check (org_id in (select private.my_org_ids_with_role('operator')));

create policy audit_events_select on public.audit_events for select to authenticated
  using (org_id in (select private.my_org_ids()));
create policy audit_events_insert on public.audit_events for insert to authenticated
  with check (org_id in (select private.my_org_ids()) and actor_type = 'user' and actor_user_id = (select auth.uid()));

-- ---------------------------------------------------------------------------------------------
-- Sign-up creates the user's organization with the owner role, in the same transaction as the
-- auth.users row (Supabase Auth and the sandbox stand-in alike), so there is never a user
-- without a home. The organization's name comes from sign-up metadata.
create or replace function private.create_home_organization() returns trigger
language plpgsql security definer set search_path = ''
as $$
declare
  v_org uuid;
  v_name text := nullif(btrim(coalesce(new.raw_user_meta_data ->> 'organization_name', '')), '');
begin
  -- App metadata is writable only by the service role, never by the signing-up user.
  if coalesce(new.raw_app_meta_data ->> 'skip_home_organization', '') = 'true' then
    return new;
  end if;
  v_name := left(coalesce(v_name, split_part(coalesce(new.email, 'My'), '@', 1) || '''s organization'), 100);
  insert into public.organizations (name, created_by) values (v_name, new.id) returning id into v_org;
  insert into public.memberships (org_id, user_id, role) values (v_org, new.id, 'owner');
  insert into public.audit_events (org_id, actor_type, actor_user_id, action, target_type, target_id)
    values (v_org, 'user', new.id, 'organization.created', 'organization', v_org::text);
  return new;
end
$$;
revoke all on function private.create_home_organization() from public;
create trigger on_auth_user_created after insert on auth.users
  for each row execute function private.create_home_organization();

-- Functions default to EXECUTE for PUBLIC: nothing in private is callable except what is
-- granted above (trigger functions need no EXECUTE grant to fire).
revoke all on all functions in schema private from public, anon;
grant execute on function private.role_rank(text), private.my_org_ids(), private.my_org_ids_with_role(text),
  private.org_members(uuid), private.user_id_by_email(text) to authenticated;
