-- Orders search (lib/orders/search.ts), two changes (issue 14).
--
-- 1. search_order_ids read p_limit + 1 rows of each kind and called the union of their order ids
--    complete when it held no more than p_limit. Item titles and SKUs repeat an order (two lines of
--    one order both match), so a kind could stop at its row limit with fewer distinct orders than
--    that and the rest of its matches were never read: a search matching, say, 800 orders through
--    1,600 item lines showed about 500. Now each kind reads up to four times the bound, and a kind
--    that fills its row limit means "too many to collect" (null: the page walks and checks each
--    order instead), never a short answer.
-- 2. search_kind_ids: one substring kind at a time. A term too broad to collect is often broad in
--    one kind only ("bamboo lamp" is in 20,000 item titles of a million-order organization and in
--    no buyer's name). The page takes the narrow kind's ids as they are and checks only the broad
--    kind on each order it walks, instead of probing both per order. search_order_ids' substring
--    kinds are these.
-- Membership is checked in both, once: under RLS Postgres will not use the LIKE / trigram indexes
-- (those operators are not leakproof).

-- p_kind: 'title' (item titles) or 'name' (buyer names, never an anonymized one). The ids of every
-- match, or null when more than p_limit orders match (p_limit null: no bound): known from the
-- planner's estimate (more than ten times the bound: reading them was the cost) or from reading
-- up to four rows per allowed order.
create or replace function private.search_kind_ids(p_org_id uuid, p_q text, p_kind text, p_limit int)
returns uuid[]
-- Volatile only because EXPLAIN is not allowed elsewhere; it writes nothing.
language plpgsql volatile security definer set search_path = ''
as $$
declare
  pat text := '%' || replace(replace(replace(lower(btrim(p_q)), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  lim int := 4 * (greatest(p_limit, 0) + 1);
  q text;
  plan json;
  n int;
  ids uuid[];
begin
  q := case p_kind
    when 'title' then 'select i.order_id from public.order_items i where i.org_id = $1 and i.title ilike $2'
    when 'name' then 'select b.order_id from public.order_buyers b where b.org_id = $1 and b.anonymized_at is null and b.name ilike $2'
  end;
  if q is null then
    raise exception 'search_kind_ids: unknown kind %', p_kind using errcode = '22023';
  end if;
  if p_q is null or length(btrim(p_q)) < 3 or p_org_id is null or p_org_id not in (select private.my_org_ids()) then
    return '{}';
  end if;
  if p_limit is null then
    execute format('select array_agg(distinct m.order_id) from (%s) m', q) into ids using p_org_id, pat;
    return coalesce(ids, '{}');
  end if;
  execute 'explain (format json) ' || replace(replace(q, '$1', quote_literal(p_org_id)), '$2', quote_literal(pat)) into plan;
  if (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8 > 10 * greatest(p_limit, 1) then
    return null;
  end if;
  execute format('select count(*), array_agg(distinct m.order_id) from (%s limit %s) m', q, lim) into n, ids using p_org_id, pat;
  if n >= lim or coalesce(cardinality(ids), 0) > p_limit then
    return null;
  end if;
  return coalesce(ids, '{}');
end
$$;
revoke all on function private.search_kind_ids(uuid, text, text, int) from public;
grant execute on function private.search_kind_ids(uuid, text, text, int) to authenticated;

-- The prefix kinds (order number, SKU, tracking number) here; with p_substring, the two substring
-- kinds from search_kind_ids. Null when any kind, or all of them together, pass p_limit.
create or replace function private.search_order_ids(p_org_id uuid, p_q text, p_substring boolean, p_limit int)
returns uuid[]
language plpgsql volatile security definer set search_path = ''
as $$
declare
  lo text := lower(btrim(p_q));
  -- Every string that starts with lo sorts (bytewise) in [lo, lo || the largest code point).
  hi text := lower(btrim(p_q)) || chr(1114111);
  -- Rows read per kind: four per order allowed for (an order's lines repeat it); reading them all
  -- means "more than we collect".
  lim text := case when p_limit is null then 'all' else (4 * (greatest(p_limit, 0) + 1))::text end;
  overflow boolean;
  ids uuid[];
  more uuid[];
  kind text;
begin
  if p_q is null or length(btrim(p_q)) < 3 or p_org_id is null or p_org_id not in (select private.my_org_ids()) then
    return '{}';
  end if;
  -- Dynamic SQL on purpose: planned with its own values, so a prefix becomes an index range and
  -- the planner weighs the organization's size against the term's.
  execute format($q$
    with m (kind, id) as (
      select 1, * from (select o.id from public.orders o where o.org_id = $1
        and (lower(o.external_order_id) collate "C") >= ($2 collate "C") and (lower(o.external_order_id) collate "C") < ($3 collate "C") limit %1$s) x
      union all select 2, * from (select i.order_id from public.order_items i where i.org_id = $1
        and (lower(i.sku) collate "C") >= ($2 collate "C") and (lower(i.sku) collate "C") < ($3 collate "C") limit %1$s) x
      union all select 3, * from (select s.order_id from public.shipments s where s.org_id = $1 and s.tracking_number is not null
        and (lower(s.tracking_number) collate "C") >= ($2 collate "C") and (lower(s.tracking_number) collate "C") < ($3 collate "C") limit %1$s) x
    )
    select coalesce((select max(n) from (select count(*) as n from m group by kind) k) >= %2$s, false), (select array_agg(distinct id) from m)
  $q$, lim, case when p_limit is null then 'null' else lim end) into overflow, ids using p_org_id, lo, hi;
  if p_limit is not null and (overflow or coalesce(cardinality(ids), 0) > p_limit) then
    return null;
  end if;
  if p_substring then
    foreach kind in array array['title', 'name'] loop
      more := private.search_kind_ids(p_org_id, p_q, kind, p_limit);
      if more is null then
        return null;
      end if;
      ids := array(select distinct x from unnest(coalesce(ids, '{}') || more) x);
    end loop;
    if p_limit is not null and cardinality(ids) > p_limit then
      return null;
    end if;
  end if;
  return coalesce(ids, '{}');
end
$$;
revoke all on function private.search_order_ids(uuid, text, boolean, int) from public;
grant execute on function private.search_order_ids(uuid, text, boolean, int) to authenticated;
