-- The Orders page's search in one call (lib/orders/search.ts, issue 14). The page used to call
-- search_order_ids and search_kind_ids twice in one statement: three membership checks, the prefix
-- kinds planned anew on every call (dynamic SQL), and for a number-like term a second round trip
-- when no number matched. search_page_kinds checks membership once, reads the prefix kinds with
-- static SQL (plpgsql keeps the plan: each kind is an index range with a LIMIT, whatever the
-- organization's size) and, for a term that is not number-like or that no number starts with,
-- the substring kinds. In a large organization it collects more than the page's "1,000+" bound,
-- up to p_collect orders per kind: a term in, say, 2,000 of a million orders was walked order by
-- order, 25,000 buyer checks for a page; as ids the page walks its sort's index and checks each
-- order against them, hashed, and the count is exact. In a small one a list that long costs more
-- than it saves (see below).

-- The substring kinds without a membership check: only the search functions below call it (it is
-- granted to nobody). The ids of every match, or null: when the planner estimates more than ten
-- times p_limit matching rows (reading them was the cost), or when more than p_collect orders
-- match, known from reading one row more than that allows (a buyer per order; four rows per order
-- for item lines, which repeat it). p_limit null: every match, no bound.
create or replace function private.search_kind_collect(p_org_id uuid, p_q text, p_kind text, p_limit int, p_collect int)
returns uuid[]
-- Volatile only because EXPLAIN is not allowed elsewhere; it writes nothing.
language plpgsql volatile security definer set search_path = ''
as $$
declare
  pat text := '%' || replace(replace(replace(lower(btrim(p_q)), '\', '\\'), '%', '\%'), '_', '\_') || '%';
  bound int := greatest(coalesce(p_collect, p_limit), 0);
  lim int := case when p_kind = 'name' then bound + 1 else 4 * (bound + 1) end;
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
    execute format('select array_agg(distinct m.order_id) from (%s) m', q) into ids using p_org_id, pat;
    return coalesce(ids, '{}');
  end if;
  execute 'explain (format json) ' || replace(replace(q, '$1', quote_literal(p_org_id)), '$2', quote_literal(pat)) into plan;
  if (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8 > 10 * greatest(p_limit, 1) then
    return null;
  end if;
  execute format('select count(*), array_agg(distinct m.order_id) from (%s limit %s) m', q, lim) into n, ids using p_org_id, pat;
  if n >= lim or coalesce(cardinality(ids), 0) > bound then
    return null;
  end if;
  return coalesce(ids, '{}');
end
$$;
revoke all on function private.search_kind_collect(uuid, text, text, int, int) from public;

-- search_kind_ids keeps its contract (membership checked, then the kind collected).
create or replace function private.search_kind_ids(p_org_id uuid, p_q text, p_kind text, p_limit int)
returns uuid[]
language plpgsql volatile security definer set search_path = ''
as $$
begin
  if p_kind is null or p_kind not in ('title', 'name') then
    raise exception 'search_kind_ids: unknown kind %', p_kind using errcode = '22023';
  end if;
  if p_q is null or length(btrim(p_q)) < 3 or p_org_id is null or p_org_id not in (select private.my_org_ids()) then
    return '{}';
  end if;
  return private.search_kind_collect(p_org_id, p_q, p_kind, p_limit, p_limit);
end
$$;

-- few: the order ids whose number, SKU or tracking number starts with the term (null: more than
-- the organization's bound, below); titles and names: search_kind_collect's answer for each
-- substring kind, or '{}' when they were not read (p_number and the prefix kinds matched: a
-- number-like term that starts a number means that number). Not a member, or a term under three
-- characters: all empty.
create or replace function private.search_page_kinds(p_org_id uuid, p_q text, p_number boolean, p_limit int, p_collect int)
returns table (few uuid[], titles uuid[], names uuid[])
language plpgsql volatile security definer set search_path = ''
as $$
declare
  lo text := lower(btrim(p_q));
  -- Every string that starts with lo sorts (bytewise) in [lo, lo || the largest code point).
  hi text := lower(btrim(p_q)) || chr(1114111);
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
  select greatest(p_limit, least(coalesce(p_collect, p_limit), floor(sqrt(52.0 * coalesce(sum(t.orders), 0)))::int))
    into bound from private.report_status_totals t where t.org_id = p_org_id;
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
  titles := private.search_kind_collect(p_org_id, p_q, 'title', p_limit, bound);
  names := private.search_kind_collect(p_org_id, p_q, 'name', p_limit, bound);
  return next;
end
$$;
revoke all on function private.search_page_kinds(uuid, text, boolean, int, int) from public;
grant execute on function private.search_page_kinds(uuid, text, boolean, int, int) to authenticated;
