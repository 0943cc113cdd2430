-- The Listings page at large listing counts (lib/listings/list.ts). Paging by SKU, the default,
-- is served by listings_org_sku_idx; the stock flags (quantity = 0, 1-10) and the stock sort by
-- the quantity index, the status filter by the status index. Counts on the page stop at 10,001.
-- No index for the other sorts (title, price, updated): each would cost every listings sync a
-- write, and a top-50 sort of an organization's listings is cheap next to the counts.
create index if not exists listings_org_quantity_idx on public.listings (org_id, quantity, sku);
create index if not exists listings_org_status_idx on public.listings (org_id, publish_status, sku);
