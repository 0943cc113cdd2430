// Parsing of getOrders' query (filter, limit, offset, orderIds, fieldGroups) with the Fulfillment
// API's own error ids (spec x-response-codes of GET /order).
import type { OrderQuery } from './order-index';
import type { FulfillmentStatus } from './order-state';

const DAY = 86_400_000;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export interface FilterError {
  errorId: number;
  message: string;
  parameters?: Array<{ name: string; value: string }>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: FilterError };

const fail = (errorId: number, message: string, parameters?: FilterError['parameters']): { ok: false; error: FilterError } => ({
  ok: false,
  error: { errorId, message, ...(parameters ? { parameters } : {}) },
});

// Only these two combinations are supported, as the spec says.
const SUPPORTED_STATUS_SETS = ['IN_PROGRESS|NOT_STARTED', 'FULFILLED|IN_PROGRESS'];

function parseRange(name: string, value: string, now: number): Parsed<{ from: number; to: number }> {
  const m = /^\[(.*)\.\.(.*)\]$/.exec(value);
  if (!m) return fail(30800, `Invalid filter value ${value} for filter ${name}`, [{ name, value }]);
  const [, a, b] = m;
  if (!a) return fail(30820, 'Start date is missing');
  if (!ISO.test(a) || (b && !ISO.test(b))) return fail(30810, 'Invalid date format');
  const from = Date.parse(a);
  const to = b ? Date.parse(b) : now;
  if (Number.isNaN(from) || Number.isNaN(to)) return fail(30810, 'Invalid date format');
  if (from > now || to > now) return fail(30850, "Start and end dates can't be in the future");
  if (from > to) return fail(30840, 'Start date should be before end date');
  if (to - from > 730 * DAY) return fail(30830, "Time range between start date and end date must be within '2' years.");
  return { ok: true, value: { from, to } };
}

export function parseOrderFilter(raw: string | null, now: number): Parsed<OrderQuery> {
  let creation: { from: number; to: number } | null = null;
  let modified: { from: number; to: number } | null = null;
  let statuses: Set<FulfillmentStatus> | null = null;
  for (const criterion of (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean)) {
    const colon = criterion.indexOf(':');
    const name = colon < 0 ? criterion : criterion.slice(0, colon);
    const value = colon < 0 ? '' : criterion.slice(colon + 1);
    if (name === 'creationdate' || name === 'lastmodifieddate') {
      const r = parseRange(name, value, now);
      if (!r.ok) return r;
      if (name === 'creationdate') creation = r.value;
      else modified = r.value;
    } else if (name === 'orderfulfillmentstatus') {
      const m = /^\{([A-Z_|]+)\}$/.exec(value);
      const set = m ? [...new Set(m[1].split('|'))].sort().join('|') : '';
      if (!SUPPORTED_STATUS_SETS.includes(set)) {
        return fail(30800, `Invalid filter value ${value} for filter ${name}`, [{ name, value }]);
      }
      statuses = new Set(set.split('|') as FulfillmentStatus[]);
    } else {
      return fail(30700, `Invalid filter name: ${name}`, [{ name: 'filter', value: name }]);
    }
  }
  // "If creationdate and lastmodifieddate are both included, only creationdate is used."
  if (creation) return { ok: true, value: { mode: 'creation', ...creation, statuses } };
  if (modified) return { ok: true, value: { mode: 'modified', ...modified, statuses } };
  // "By default, when no filters are used this call returns all orders created within the last 90 days."
  return { ok: true, value: { mode: 'creation', from: now - 90 * DAY, to: now, statuses } };
}

export function parseLimit(raw: string | null): Parsed<number> {
  if (raw === null) return { ok: true, value: 50 };
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 200) return fail(31100, `Invalid limit: ${raw}`, [{ name: 'limit', value: raw }]);
  return { ok: true, value: n };
}

export function parseOffset(raw: string | null): Parsed<number> {
  if (raw === null) return { ok: true, value: 0 };
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) return fail(31000, `Invalid offset: ${raw}`, [{ name: 'offset', value: raw }]);
  return { ok: true, value: Number(raw) };
}

export function parseFieldGroups(raw: string | null): Parsed<boolean> {
  if (raw === null || raw === '') return { ok: true, value: false };
  for (const g of raw.split(',')) {
    if (g.trim() !== 'TAX_BREAKDOWN') return fail(32800, `Invalid field group: ${g}`, [{ name: 'fieldGroups', value: g }]);
  }
  return { ok: true, value: true };
}

export function parseOrderIds(raw: string): Parsed<string[]> {
  const ids = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  if (ids.length > 50) return fail(30900, 'Exceeded maximum number of order IDs (the current limit is 50)');
  return { ok: true, value: ids };
}

/** eBay's own links keep `:` and `,` readable and percent-encode the brackets, braces and pipe. */
export function encodeFilter(filter: string): string {
  return encodeURIComponent(filter).replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}
