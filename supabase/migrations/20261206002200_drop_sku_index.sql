-- order_items (org_id, sku) from the foundation: nothing reads it any more. The SKU search uses
-- order_items_org_sku_lower_idx (prefix, case-insensitive) and Top SKUs reads the report
-- rollups, so it only cost every synced item an index entry (issue 14: what indexes cost a sync).
drop index if exists public.order_items_org_sku_idx;
