-- Shipping (issue 10): where parcels leave from, the boxes they leave in, and what a void needs.
-- Admins manage ship-from locations and package presets; every member reads them (operators buy
-- labels with them). Shipments stay written by the shipping service path only.

create table public.ship_from_locations (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  company text check (company is null or length(company) <= 100),
  street1 text not null check (length(btrim(street1)) between 1 and 100),
  street2 text check (street2 is null or length(street2) <= 100),
  city text not null check (length(btrim(city)) between 1 and 100),
  state text not null check (length(btrim(state)) between 1 and 50),
  zip text not null check (length(btrim(zip)) between 1 and 20),
  country char(2) not null check (country ~ '^[A-Z]{2}$'),
  phone text check (phone is null or length(phone) <= 30),
  email text check (email is null or length(email) <= 254),
  -- Shippo's address object, kept from the validation that preceded saving.
  shippo_address_id text check (shippo_address_id is null or length(shippo_address_id) <= 64),
  is_default boolean not null default false,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name)
);
create unique index ship_from_locations_id_org_uidx on public.ship_from_locations (id, org_id);
create unique index ship_from_locations_one_default on public.ship_from_locations (org_id) where is_default;
create trigger ship_from_locations_touch before update on public.ship_from_locations
  for each row execute function private.touch_updated_at();

-- Dimensions in inches, weight in ounces: one unit each, converted at the edges. The bounds are
-- what a parcel carrier takes (108 in longest side, 150 lb), so absurd input never reaches Shippo.
create table public.package_presets (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  length_in numeric(6, 2) not null check (length_in > 0 and length_in <= 108),
  width_in numeric(6, 2) not null check (width_in > 0 and width_in <= 108),
  height_in numeric(6, 2) not null check (height_in > 0 and height_in <= 108),
  weight_oz numeric(8, 2) not null check (weight_oz > 0 and weight_oz <= 2400),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, name)
);
create unique index package_presets_id_org_uidx on public.package_presets (id, org_id);
create trigger package_presets_touch before update on public.package_presets
  for each row execute function private.touch_updated_at();

revoke all on public.ship_from_locations, public.package_presets from anon, authenticated;
grant select, delete on public.ship_from_locations, public.package_presets to authenticated;
grant insert (org_id, name, company, street1, street2, city, state, zip, country, phone, email, shippo_address_id, is_default, created_by),
  update (name, company, street1, street2, city, state, zip, country, phone, email, shippo_address_id, is_default)
  on public.ship_from_locations to authenticated;
grant insert (org_id, name, length_in, width_in, height_in, weight_oz, created_by),
  update (name, length_in, width_in, height_in, weight_oz)
  on public.package_presets to authenticated;

alter table public.ship_from_locations enable row level security;
alter table public.package_presets enable row level security;
create policy ship_from_locations_select on public.ship_from_locations for select to authenticated
  using (org_id in (select private.my_org_ids()));
create policy ship_from_locations_insert on public.ship_from_locations for insert to authenticated
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy ship_from_locations_update on public.ship_from_locations for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')))
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy ship_from_locations_delete on public.ship_from_locations for delete to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')));
create policy package_presets_select on public.package_presets for select to authenticated
  using (org_id in (select private.my_org_ids()));
create policy package_presets_insert on public.package_presets for insert to authenticated
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy package_presets_update on public.package_presets for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')))
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy package_presets_delete on public.package_presets for delete to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')));

-- A void is a Shippo refund, answered later: its id is kept to ask again.
alter table public.shipments
  add column shippo_refund_id text check (shippo_refund_id is null or length(shippo_refund_id) <= 64);

-- A label whose refund is still pending may yet be rejected (then it is live again), so it keeps
-- the order's one active slot until Shippo answers: a relabel waits for "refunded".
drop index if exists public.shipments_one_active_per_order;
create unique index shipments_one_active_per_order on public.shipments (order_id)
  where status in ('purchasing', 'purchased', 'unknown', 'refund_pending');

-- SKU defaults: the package and weight of one unit of a SKU; a multi-item order sums the weights.
create table public.sku_defaults (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  sku text not null check (length(btrim(sku)) between 1 and 100),
  preset_id uuid,
  weight_oz numeric(8, 2) not null check (weight_oz > 0 and weight_oz <= 2400),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, sku),
  -- Deleting the package keeps the default's weight.
  foreign key (preset_id, org_id) references public.package_presets (id, org_id) on delete set null (preset_id)
);
create trigger sku_defaults_touch before update on public.sku_defaults
  for each row execute function private.touch_updated_at();

-- Merchant rules, checked before rates and before a purchase. Patterns are plain prefixes and
-- substrings (never a merchant's regular expression: no catastrophic backtracking on our side).
create table public.shipping_rules (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 100),
  effect text not null check (effect in ('block', 'warn')),
  kind text not null check (kind in ('max_weight_oz', 'min_order_value', 'max_order_value', 'max_item_count', 'po_box',
    'postal_code_prefix', 'address_contains', 'country_allow', 'country_deny')),
  value text not null default '' check (length(value) <= 500),
  message text not null check (length(btrim(message)) between 1 and 300),
  enabled boolean not null default true,
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index shipping_rules_org_idx on public.shipping_rules (org_id);
create trigger shipping_rules_touch before update on public.shipping_rules
  for each row execute function private.touch_updated_at();

revoke all on public.sku_defaults, public.shipping_rules from anon, authenticated;
grant select, delete on public.sku_defaults, public.shipping_rules to authenticated;
grant insert (org_id, sku, preset_id, weight_oz), update (preset_id, weight_oz) on public.sku_defaults to authenticated;
grant insert (org_id, name, effect, kind, value, message, enabled, created_by), update (name, effect, kind, value, message, enabled)
  on public.shipping_rules to authenticated;

alter table public.sku_defaults enable row level security;
alter table public.shipping_rules enable row level security;
create policy sku_defaults_select on public.sku_defaults for select to authenticated
  using (org_id in (select private.my_org_ids()));
create policy sku_defaults_insert on public.sku_defaults for insert to authenticated
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy sku_defaults_update on public.sku_defaults for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')))
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy sku_defaults_delete on public.sku_defaults for delete to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')));
create policy shipping_rules_select on public.shipping_rules for select to authenticated
  using (org_id in (select private.my_org_ids()));
create policy shipping_rules_insert on public.shipping_rules for insert to authenticated
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy shipping_rules_update on public.shipping_rules for update to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')))
  with check (org_id in (select private.my_org_ids_with_role('admin')));
create policy shipping_rules_delete on public.shipping_rules for delete to authenticated
  using (org_id in (select private.my_org_ids_with_role('admin')));
