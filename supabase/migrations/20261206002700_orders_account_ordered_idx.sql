-- orders (org_id, marketplace_account_id, marketplace_updated_at desc), from the foundation, served
-- only its (org_id, marketplace_account_id) prefix: nothing orders by marketplace_updated_at. And
-- every sync update changes that column, so every update rewrote the entry. The same prefix
-- followed by the Orders page's default order (ordered_at desc, id desc) also serves the account
-- filter: a page walks the account's newest orders instead of sorting all of them. ordered_at
-- never changes after an order is created.
create index orders_org_account_ordered_idx on public.orders (org_id, marketplace_account_id, ordered_at desc, id desc);
drop index public.orders_org_account_idx;
