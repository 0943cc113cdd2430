-- The scheduled anonymization walks each organization's buyers not yet anonymized in order id
-- order, a batch at a time: this index makes each batch a short range read, however many buyers
-- the organization (and the others) hold.
create index if not exists order_buyers_pending_idx on public.order_buyers (org_id, order_id)
  where anonymized_at is null;
