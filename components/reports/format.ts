// How report values read on screen. The CSV keeps them raw (decimal strings, ISO dates); here
// money gets a currency sign, ratios a percent, and instants the organization's clock.
import type { Cell, ValueType } from '@/lib/reports/types';
import { formatMarketplace, formatMoney } from '@/components/ui/format';

const int = new Intl.NumberFormat('en-US');
const pct = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const hours = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export function formatValue(type: ValueType, v: Cell, timeZone: string, key?: string, currency?: string): string {
  if (v === null || v === undefined || v === '') return '—';
  switch (type) {
    case 'money':
      return formatMoney(v, currency);
    case 'int':
      return int.format(Number(v));
    case 'percent':
      return pct.format(Number(v));
    case 'hours':
      return `${hours.format(Number(v))} h`;
    case 'date':
      return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(`${v}T00:00:00Z`));
    case 'datetime':
      return new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(String(v)));
    default:
      if (key === 'marketplace') return formatMarketplace(String(v));
      if (key === 'status') return String(v).replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
      return String(v);
  }
}

/** Change against the previous period, as the tile shows it: "+12%", "−3%", "new", or none. */
export function formatChange(value: number | null, previous: number | null | undefined): { text: string; tone: 'up' | 'down' | 'flat' } | null {
  if (previous === undefined || value === null || previous === null) return null;
  if (previous === 0) return value === 0 ? { text: '0%', tone: 'flat' } : { text: 'new', tone: 'up' };
  const change = (value - previous) / Math.abs(previous);
  if (Math.abs(change) < 0.0005) return { text: '0%', tone: 'flat' };
  return { text: `${change > 0 ? '+' : '−'}${pct.format(Math.abs(change))}`, tone: change > 0 ? 'up' : 'down' };
}

/** A chart axis label: "Mar 8" for days and weeks, the name itself for categories. */
export function formatAxis(label: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(label)
    ? new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' }).format(new Date(`${label}T00:00:00Z`))
    : label;
}
