// Report parameters from a URL's query (the page, the CSV route) or the command line's flags.
// Bad input is an answer ("Dates must be …"), never an exception: callers turn it into a 400,
// a message on the page, or exit code 2.
import { MARKETPLACES, type Marketplace } from '@/lib/model';
import { isIsoDate, localDate, MAX_DAYS, daysBetween, presetRange } from './range';
import { PRESETS, REPORT_NAMES, type Preset, type ReportName, type ReportParams } from './types';

export type Query = Record<string, string | string[] | undefined>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const DEFAULT_PRESET: Preset = '30d';

const one = (v: string | string[] | undefined): string | undefined => {
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
};

export function isReportName(v: unknown): v is ReportName {
  return typeof v === 'string' && (REPORT_NAMES as readonly string[]).includes(v);
}

/** `range` (a preset), `from`/`to` (custom, YYYY-MM-DD), `marketplace`, `account`. */
export function parseReportQuery(
  q: Query,
  ctx: { orgId: string; timeZone: string; now: Date },
): Parsed<ReportParams> {
  const rangeRaw = one(q.range);
  const fromRaw = one(q.from);
  const toRaw = one(q.to);
  const preset = (rangeRaw ?? (fromRaw || toRaw ? 'custom' : DEFAULT_PRESET)) as Preset;
  if (!PRESETS.includes(preset)) return { ok: false, error: `Unknown range "${rangeRaw}". Use one of: ${PRESETS.join(', ')}.` };

  const today = localDate(ctx.now, ctx.timeZone);
  let from: string;
  let to: string;
  if (preset === 'custom') {
    if (!isIsoDate(fromRaw) || !isIsoDate(toRaw)) return { ok: false, error: 'Dates must be real calendar dates written YYYY-MM-DD (from and to).' };
    from = fromRaw;
    to = toRaw;
    if (from > to) return { ok: false, error: 'The start date must not be after the end date.' };
    if (daysBetween(from, to) > MAX_DAYS) return { ok: false, error: `A report covers at most ${MAX_DAYS} days.` };
  } else {
    ({ from, to } = presetRange(preset, today));
  }

  const marketplace = one(q.marketplace);
  if (marketplace !== undefined && !(MARKETPLACES as readonly string[]).includes(marketplace)) {
    return { ok: false, error: `Unknown marketplace "${marketplace}". Use one of: ${MARKETPLACES.join(', ')}.` };
  }
  const accountId = one(q.account);
  if (accountId !== undefined && !UUID.test(accountId)) return { ok: false, error: 'The account filter must be an account id.' };

  return {
    ok: true,
    value: {
      orgId: ctx.orgId,
      timeZone: ctx.timeZone,
      preset,
      from,
      to,
      marketplace: marketplace as Marketplace | undefined,
      accountId,
      now: ctx.now,
    },
  };
}

/** The query string that reproduces `p` (bookmarkable; presets stay relative to "today"). */
export function reportQuery(p: Pick<ReportParams, 'preset' | 'from' | 'to' | 'marketplace' | 'accountId'>, extra: Record<string, string> = {}): string {
  const s = new URLSearchParams(extra);
  if (p.preset === 'custom') {
    s.set('from', p.from);
    s.set('to', p.to);
  } else if (p.preset !== DEFAULT_PRESET) s.set('range', p.preset);
  if (p.marketplace) s.set('marketplace', p.marketplace);
  if (p.accountId) s.set('account', p.accountId);
  return s.toString();
}

/** For the page: a bad link still shows a report (the default range), with what was wrong. */
export function parseOrDefault(q: Query, ctx: { orgId: string; timeZone: string; now: Date }): { params: ReportParams; error: string | null } {
  const p = parseReportQuery(q, ctx);
  if (p.ok) return { params: p.value, error: null };
  const d = parseReportQuery({}, ctx);
  if (!d.ok) throw new Error(d.error); // the default range always parses
  return { params: d.value, error: p.error };
}
