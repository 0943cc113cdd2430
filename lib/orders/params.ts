// The one parser of the orders list URL. Links get shared, edited and truncated, so nothing in
// a query string may cause an error: every field falls back to its default on a bad value.
import { z } from 'zod';
import { MARKETPLACES, ORDER_STATUSES } from '@/lib/model';
import {
  DEFAULT_DIR, DEFAULT_PAGE_SIZE, DEFAULT_SORT, DEFAULT_TAB, defaultSortFor, ORDER_SORTS, ORDER_TABS, PAGE_SIZES,
  type OrderListParams, type PageSize,
} from './url';

export type { OrderListParams } from './url';

type Raw = string | string[] | undefined | null;

const first = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
// Repeated keys (?status=a&status=b) and comma lists (?status=a,b) both work.
const all = (v: unknown): string[] =>
  (Array.isArray(v) ? v : v == null ? [] : [v]).flatMap((s) => String(s).split(',')).map((s) => s.trim()).filter(Boolean);

const oneOf = <T extends string>(allowed: readonly T[]) =>
  z.preprocess(all, z.array(z.string())).transform((xs) => [...new Set(xs.filter((x): x is T => (allowed as readonly string[]).includes(x)))]);

const isoDay = z.preprocess(
  first,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s))
    .optional(),
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const orderListParams = z.object({
  tab: z.preprocess(first, z.enum(ORDER_TABS)).catch(DEFAULT_TAB),
  after: z.preprocess(first, z.string().regex(/^[A-Za-z0-9_-]{1,400}$/).optional()).catch(undefined),
  page: z.preprocess(first, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
  size: z
    .preprocess(first, z.coerce.number().refine((n): n is PageSize => (PAGE_SIZES as readonly number[]).includes(n)))
    .transform((n) => n as PageSize)
    .catch(DEFAULT_PAGE_SIZE),
  sort: z.preprocess(first, z.enum(ORDER_SORTS)).catch(DEFAULT_SORT),
  dir: z.preprocess(first, z.enum(['asc', 'desc'])).catch(DEFAULT_DIR),
  status: oneOf(ORDER_STATUSES).catch([]),
  marketplace: oneOf(MARKETPLACES).catch([]),
  account: z.preprocess(first, z.string().regex(UUID).transform((s) => s.toLowerCase()).optional()).catch(undefined),
  hold: z.preprocess(first, z.enum(['yes', 'no']).optional()).catch(undefined),
  late: z.preprocess(first, z.string().optional()).transform((s) => s === '1' || s === 'true' || s === 'on').catch(false),
  due: z.preprocess(first, z.literal('today').optional()).catch(undefined),
  from: isoDay.catch(undefined),
  to: isoDay.catch(undefined),
  q: z
    .preprocess(first, z.string().optional())
    .transform((s) => s?.trim().slice(0, 100) || undefined)
    .catch(undefined),
});

/** Parses Next's `searchParams` object or a URLSearchParams; never throws. */
export function parseOrderListParams(input: Record<string, Raw> | URLSearchParams | undefined | null): OrderListParams {
  let record: Record<string, Raw> = {};
  if (input instanceof URLSearchParams) {
    for (const key of new Set(input.keys())) record[key] = input.getAll(key);
  } else if (input && typeof input === 'object') {
    record = input;
  }
  const parsed = orderListParams.parse(record) satisfies OrderListParams;
  // A tab opens with its own sort unless the link names one.
  if (first(record.sort) == null) Object.assign(parsed, defaultSortFor(parsed.tab));
  return parsed;
}
