-- Records a sync could not read (an order with an empty status array, a price without an amount,
-- a value beyond its column's range) are quarantined here instead of failing their whole page:
-- the rest of the page is stored and the cursor moves on. The record's external id and a
-- sanitized reason (ESM's own wording and schema paths: no buyer data, no raw values) are kept,
-- shown on the account's health, retried on later runs and deleted once the record parses.
-- Only the sync (service path) writes it; members read their organization's rows.
create unique index if not exists marketplace_accounts_id_org_uidx on public.marketplace_accounts (id, org_id);

create table public.sync_quarantine (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  account_id uuid not null,
  kind text not null check (kind in ('order', 'listing')),
  external_id text not null check (length(external_id) between 1 and 120),
  reason text not null check (length(reason) between 1 and 300),
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  attempts int not null default 1 check (attempts >= 1),
  foreign key (account_id, org_id) references public.marketplace_accounts (id, org_id) on delete cascade,
  unique (account_id, kind, external_id)
);
create index sync_quarantine_org_idx on public.sync_quarantine (org_id);

revoke all on public.sync_quarantine from anon, authenticated;
grant select on public.sync_quarantine to authenticated;

alter table public.sync_quarantine enable row level security;
create policy sync_quarantine_select on public.sync_quarantine for select to authenticated
  using (org_id in (select private.my_org_ids()));
