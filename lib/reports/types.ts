// What every report returns, whoever shows it: the page (tiles, chart, tables), the CSV download
// (the first table) and the command line. Pure types: components may import them.
import type { Marketplace } from '@/lib/model';

export const REPORT_NAMES = ['sales', 'status', 'late', 'labels', 'skus', 'sync', 'geography'] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const PRESETS = ['today', '7d', '30d', '90d', 'this_month', 'last_month', 'custom'] as const;
export type Preset = (typeof PRESETS)[number];

export type Bucket = 'day' | 'week';

/** Parameters every report takes: dates are the organization's local calendar days, inclusive. */
export interface ReportParams {
  orgId: string;
  timeZone: string;
  preset: Preset;
  from: string; // YYYY-MM-DD
  to: string; // YYYY-MM-DD
  marketplace?: Marketplace;
  accountId?: string;
  /** The instant "late", "due today" and "lag" are measured from. */
  now: Date;
}

/** money: a decimal string (raw in CSV); percent: a ratio 0..1; hours: a number of hours. */
export type ValueType = 'text' | 'int' | 'money' | 'percent' | 'hours' | 'date' | 'datetime';
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  type: ValueType;
  /** On screen, the cell links to the order whose id the row carries in `order_id` (not in the CSV). */
  linksToOrder?: boolean;
}

export interface Table {
  title: string;
  columns: Column[];
  rows: Record<string, Cell>[];
}

export interface Kpi {
  key: string;
  label: string;
  type: ValueType;
  value: number | null;
  /** The same figure over the previous period of the same length; absent when it has no meaning ("now" figures). */
  previous?: number | null;
  /** For money: the currency the figure is in (amounts in different currencies are never added). */
  currency?: string;
}

export interface Chart {
  kind: 'bar' | 'line';
  /** The currency of its money series (one only: see ReportResult.notes). */
  currency?: string;
  bucket: Bucket | 'category';
  series: { key: string; label: string; type: ValueType }[];
  points: Array<{ label: string } & Record<string, number | string>>;
}

export interface ReportResult {
  name: ReportName;
  title: string;
  kpis: Kpi[];
  chart?: Chart;
  /** tables[0] is what the CSV and the command line export. */
  tables: Table[];
  /** Said above the figures, e.g. which currency the tiles are in when orders came in several. */
  notes?: string[];
  /**
   * Set when the previous period starts before the first order ESM holds (a first sync reaches
   * back 30 days): its figures are only part of that period, so a change against them means
   * nothing and the tiles leave it out. `historyFrom` is that first local day (YYYY-MM-DD).
   */
  partialPrevious?: { historyFrom: string };
  /** Set when there is nothing to report: what to do about it. */
  empty?: { title: string; text: string; href?: string; action?: string };
}
