// A range of local days as a signed sum of calendar blocks: whole years and months (read from
// report_sku_periods) and runs of days (report_sku_days). A year of days is a year block minus
// the days after today, not 365 day rows per key; a month missing six days is the month minus
// those six. Every day of the range counts exactly once and no other day counts (blocks.test.ts).
// Pure, so the choice is the same wherever a report runs.
import { addDays, daysBetween } from './range';

export type Block =
  | { grain: 'day'; from: string; to: string; sign: 1 | -1 }
  | { grain: 'month' | 'year'; start: string; sign: 1 | -1 };

// Rough rows read per block, in days of sales: a month or year block holds one row per SKU sold
// in it, a day run one per SKU and day (days after today hold nothing yet).
const COST = { month: 4, year: 6, run: 0.2 };

const cost = (blocks: Block[], today: string): number =>
  blocks.reduce((n, b) => {
    if (b.grain !== 'day') return n + COST[b.grain];
    const lastPast = b.to < today ? b.to : today;
    return n + COST.run + (lastPast >= b.from ? daysBetween(b.from, lastPast) : 0);
  }, 0);

const negate = (blocks: Block[]): Block[] => blocks.map((b) => ({ ...b, sign: b.sign === 1 ? -1 : 1 }) as Block);
const cheapest = (options: Block[][], today: string): Block[] => {
  const costs = options.map((o) => cost(o, today));
  return options[costs.indexOf(Math.min(...costs))];
};

const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
const monthEnd = (d: string) => addDays(monthStart(addDays(monthStart(d), 31)), -1);
const yearStart = (d: string) => `${d.slice(0, 4)}-01-01`;
const yearEnd = (d: string) => `${d.slice(0, 4)}-12-31`;

const days = (from: string, to: string): Block[] => (from <= to ? [{ grain: 'day', from, to, sign: 1 }] : []);

/** [from, to] inside one month: its days, or the month minus the days around them. */
function monthPart(from: string, to: string, today: string): Block[] {
  const [s, e] = [monthStart(from), monthEnd(from)];
  const whole: Block[] = [{ grain: 'month', start: s, sign: 1 }];
  if (from === s && to === e) return whole;
  return cheapest([days(from, to), [...whole, ...negate([...days(s, addDays(from, -1)), ...days(addDays(to, 1), e)])]], today);
}

/** [from, to] inside one year, month by month. */
function byMonths(from: string, to: string, today: string): Block[] {
  const out: Block[] = [];
  for (let s = from; s <= to; s = addDays(monthEnd(s), 1)) out.push(...monthPart(s, monthEnd(s) < to ? monthEnd(s) : to, today));
  return out;
}

/** [from, to] inside one year: its months, or the year minus the months around them. */
function yearPart(from: string, to: string, today: string): Block[] {
  const [s, e] = [yearStart(from), yearEnd(from)];
  const whole: Block[] = [{ grain: 'year', start: s, sign: 1 }];
  if (from === s && to === e) return whole;
  const around = [...(from > s ? byMonths(s, addDays(from, -1), today) : []), ...(to < e ? byMonths(addDays(to, 1), e, today) : [])];
  return cheapest([byMonths(from, to, today), [...whole, ...negate(around)]], today);
}

// The same few ranges are asked for all day (a preset, as of today): remember the latest answers.
const known = new Map<string, readonly Block[]>();
const KNOWN_MAX = 200;

/** The blocks of [from, to] (inclusive local days, from <= to), cheapest to read as of `today`. */
export function blocksFor(from: string, to: string, today: string): Block[] {
  const key = `${from} ${to} ${today}`;
  let found = known.get(key);
  if (!found) {
    const out: Block[] = [];
    for (let s = from; s <= to; s = addDays(yearEnd(s), 1)) out.push(...yearPart(s, yearEnd(s) < to ? yearEnd(s) : to, today));
    found = Object.freeze(out.map((b) => Object.freeze(b)));
    if (known.size >= KNOWN_MAX) known.delete(known.keys().next().value!);
    known.set(key, found);
  }
  return [...found];
}
