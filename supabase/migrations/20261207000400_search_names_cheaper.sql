-- The buyer-name kind of the search, cheaper to read (a broad name such as "kim" at 10k orders:
-- the search statement about 1.6 -> 1.3 ms).
-- - A buyer row per order (order_buyers' key is order_id): its ids need no de-duplicating.
--   array_agg(distinct …) sorted the 1,001 ids it read, about a third of that read's cost.
-- - The planner's estimate is asked (an EXPLAIN, planned on its own, about 0.1 ms) only where it
--   can matter: when the organization holds more orders than ten times p_limit, the most an
--   estimate may say before the kind is walked without being read. In a smaller one a name kind
--   reads at most its bound plus one rows anyway. Item lines can outnumber orders, so titles are
--   still estimated.

create or replace function private.search_kind_collect(p_org_id uuid, p_q text, p_kind text, p_limit int, p_collect int, p_estimate boolean)
returns uuid[]
-- Volatile only because EXPLAIN is not allowed elsewhere; it writes nothing.
language plpgsql volatile security definer set search_path = ''
as $$
declare
  pat text := '%' || replace(replace(replace(lower(btrim(p_q)), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  bound int := greatest(coalesce(p_collect, p_limit), 0);
  lim int := case when p_kind = 'name' then bound + 1 else 4 * (bound + 1) end;
  -- Names are one per order; item lines repeat their order.
  agg text := case when p_kind = 'name' then 'array_agg(m.order_id)' else 'array_agg(distinct m.order_id)' end;
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
    raise exception 'search_kind_collect: unknown kind %', p_kind using errcode = '22023';
  end if;
  if p_limit is null then
    execute format('select %s from (%s) m', agg, q) into ids using p_org_id, pat;
    return coalesce(ids, '{}');
  end if;
  if p_estimate or p_kind <> 'name' then
    execute 'explain (format json) ' || replace(replace(q, '$1', quote_literal(p_org_id)), '$2', quote_literal(pat)) into plan;
    if (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8 > 10 * greatest(p_limit, 1) then
      return null;
    end if;
  end if;
  execute format('select count(*), %s from (%s limit %s) m', agg, q, lim) into n, ids using p_org_id, pat;
  if n >= lim or coalesce(cardinality(ids), 0) > bound then
    return null;
  end if;
  return coalesce(ids, '{}');
end
$$;
revoke all on function private.search_kind_collect(uuid, text, text, int, int, boolean) from public;

-- The five-argument form keeps its callers (search_kind_ids): always estimated.
create or replace function private.search_kind_collect(p_org_id uuid, p_q text, p_kind text, p_limit int, p_collect int)
returns uuid[]
language plpgsql volatile security definer set search_path = ''
as $$
begin
  return private.search_kind_collect(p_org_id, p_q, p_kind, p_limit, p_collect, true);
end
$$;
revoke all on function private.search_kind_collect(uuid, text, text, int, int) from public;

-- As in 20261207000200, but the names kind is estimated only in an organization of more than ten
-- times p_limit orders.
create or replace function private.search_page_kinds(p_org_id uuid, p_q text, p_number boolean, p_limit int, p_collect int)
returns table (few uuid[], titles uuid[], names uuid[])
language plpgsql volatile security definer set search_path = ''
as $$
declare
  lo text := lower(btrim(p_q));
  -- Every string that starts with lo sorts (bytewise) in [lo, lo || the largest code point).
  hi text := lower(btrim(p_q)) || chr(1114111);
  total bigint;
  bound int;
  lim int;
  overflow boolean;
begin
  few := '{}';
  titles := '{}';
  names := '{}';
  if p_q is null or length(btrim(p_q)) < 3 or p_org_id is null or p_limit is null or p_org_id not in (select private.my_org_ids()) then
    return next;
    return;
  end if;
  -- How many orders a kind may collect: p_limit, or up to p_collect as the organization grows.
  -- Past p_limit the page walks its sort's index, reading about 50 x orders / matches of them,
  -- and checks each against the list; without the list it checks each order's rows instead, about
  -- 2 us more per order, while the list costs about 2 us per id to read, carry and bind. For n
  -- matches of N orders the list is worth it while n^2 < 52 N: 720 of 10,000 orders, 7,200 of a
  -- million (measured with bench/orders.ts' "kim" and whole-name searches).
  select coalesce(sum(t.orders), 0) into total from private.report_status_totals t where t.org_id = p_org_id;
  bound := greatest(p_limit, least(coalesce(p_collect, p_limit), floor(sqrt(52.0 * total))::int));
  -- Rows read per kind: four per order allowed for (an order's lines repeat it); reading them all
  -- means "more than we collect".
  lim := 4 * (bound + 1);
  with m (kind, id) as (
    select 1, * from (select o.id from public.orders o where o.org_id = p_org_id
      and (lower(o.external_order_id) collate "C") >= (lo collate "C") and (lower(o.external_order_id) collate "C") < (hi collate "C") limit lim) x
    union all select 2, * from (select i.order_id from public.order_items i where i.org_id = p_org_id
      and (lower(i.sku) collate "C") >= (lo collate "C") and (lower(i.sku) collate "C") < (hi collate "C") limit lim) x
    union all select 3, * from (select s.order_id from public.shipments s where s.org_id = p_org_id and s.tracking_number is not null
      and (lower(s.tracking_number) collate "C") >= (lo collate "C") and (lower(s.tracking_number) collate "C") < (hi collate "C") limit lim) x
  )
  select coalesce((select max(k.n) from (select count(*) as n from m group by m.kind) k) >= lim, false),
    coalesce((select array_agg(distinct m.id) from m), '{}')
  into overflow, few;
  if overflow or cardinality(few) > bound then
    few := null;
  end if;
  if p_number and (few is null or cardinality(few) > 0) then
    return next;
    return;
  end if;
  titles := private.search_kind_collect(p_org_id, p_q, 'title', p_limit, bound, true);
  -- The organization's buyers are at most its orders: at most ten times p_limit of them, no
  -- estimate can say "too many to read" truthfully.
  names := private.search_kind_collect(p_org_id, p_q, 'name', p_limit, bound, total > 10 * p_limit);
  return next;
end
$$;
revoke all on function private.search_page_kinds(uuid, text, boolean, int, int) from public;
grant execute on function private.search_page_kinds(uuid, text, boolean, int, int) to authenticated;
