-- Tracking push (issue 11): which lines each package covers, packages shipped outside ESM, and
-- the package number Amazon needs to stay stable across retries.

-- A shipment is a Shippo label ('label') or a package an operator shipped outside ESM and
-- recorded by hand ('manual': no Shippo ids, no cost). Existing rows are labels.
alter table public.shipments
  add column source text not null default 'label' check (source in ('label', 'manual')),
  -- 1, 2, … within the order, assigned when the row is written: Amazon's packageReferenceId.
  add column package_number int check (package_number is null or package_number > 0),
  -- When the package left (a manual package's ship date; a label's purchase otherwise).
  add column shipped_at timestamptz;

-- The one-active-label guarantee (issue 10) stays for Shippo labels. Manual packages are outside
-- it: an order split into packages has several, and none of them buys anything.
drop index if exists public.shipments_one_active_per_order;
create unique index shipments_one_active_per_order on public.shipments (order_id)
  where source = 'label' and status in ('purchasing', 'purchased', 'unknown', 'refund_pending');
create unique index shipments_order_package_uidx on public.shipments (order_id, package_number)
  where package_number is not null;
-- The "needs attention" reads: failed pushes of an organization.
create index shipments_org_push_failed_idx on public.shipments (org_id) where tracking_push_status = 'failed';

create unique index if not exists shipments_id_org_uidx on public.shipments (id, org_id);
create unique index if not exists order_items_id_org_uidx on public.order_items (id, org_id);

-- The lines and quantities one package covers. Written by the shipping service path only.
create table public.shipment_lines (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  shipment_id uuid not null,
  order_item_id uuid not null,
  quantity int not null check (quantity > 0 and quantity <= 100000),
  created_at timestamptz not null default now(),
  unique (shipment_id, order_item_id),
  foreign key (shipment_id, org_id) references public.shipments (id, org_id) on delete cascade,
  foreign key (order_item_id, org_id) references public.order_items (id, org_id) on delete cascade
);
create index shipment_lines_item_idx on public.shipment_lines (order_item_id);
create index shipment_lines_org_idx on public.shipment_lines (org_id);

revoke all on public.shipment_lines from anon, authenticated;
grant select on public.shipment_lines to authenticated;
alter table public.shipment_lines enable row level security;
create policy shipment_lines_select on public.shipment_lines for select to authenticated
  using (org_id in (select private.my_org_ids()));
