-- The foundation's orders (org_id, ordered_at desc, id) sorts ids ascending within a timestamp,
-- but the Orders page's default order is ordered_at desc, id desc. A page found its rows by the
-- index and then re-sorted every run of equal timestamps by id: cheap on page 1, but a deep page
-- by offset sorted every order before it (10,000 at 10k orders, about 3 ms). With the id in the
-- page's own direction the index gives the order as is. Range reads by ordered_at (the report
-- rollups' day reads) use it as before.
create index orders_org_ordered_id_idx on public.orders (org_id, ordered_at desc, id desc);
drop index public.orders_org_ordered_idx;
alter index public.orders_org_ordered_id_idx rename to orders_org_ordered_idx;

-- The status tabs (Shipped, Delivered, Cancelled) and the status filter read
-- orders (org_id, status, ordered_at desc) and sorted each run of equal timestamps by id. With the
-- id in that index too, a status tab is read straight from it. Without it, the planner now
-- preferred walking the index above and filtering by status, which is right only when a status is
-- spread evenly over time: "delivered" is not among an organization's newest orders, and the walk
-- read 50,000 of them for a page of the million-order organization (45 ms).
create index orders_org_status_id_idx on public.orders (org_id, status, ordered_at desc, id desc);
drop index public.orders_org_status_idx;
alter index public.orders_org_status_id_idx rename to orders_org_status_idx;
