// Sync health in words: relative times and one-line run summaries.
import type { SyncRunView } from '@/lib/accounts/queries';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function span(ms: number): string {
  if (ms < MINUTE) return 'less than a minute';
  if (ms < HOUR) return plural(Math.floor(ms / MINUTE), 'min', 'min');
  if (ms < 2 * DAY) return plural(Math.floor(ms / HOUR), 'hour');
  return plural(Math.floor(ms / DAY), 'day');
}

export function timeAgo(iso: string | null, now: number): string {
  if (!iso) return 'never';
  const ms = now - Date.parse(iso);
  return ms < MINUTE ? 'just now' : `${span(ms)} ago`;
}

export function timeUntil(iso: string | null, now: number): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso) - now;
  return ms <= MINUTE ? 'due now' : `in ${span(ms)}`;
}

/** Orders sync every 10 minutes: three missed runs in a row is worth saying. */
export const BEHIND_AFTER_MS = 30 * MINUTE;

export function lagText(lastSucceeded: string | null, now: number): string | null {
  if (!lastSucceeded) return null;
  const lag = now - Date.parse(lastSucceeded);
  return lag > BEHIND_AFTER_MS ? `${span(lag)} behind` : null;
}

export function runSummary(run: SyncRunView, noun: 'order' | 'listing'): string {
  if (run.status === 'running') {
    return run.pages === 0 ? 'Syncing… fetching the first page' : `Syncing… page ${run.pages}, ${plural(run.records, noun)}`;
  }
  if (run.status === 'failed') return `Sync failed: ${run.error ?? 'no details were recorded'}`;
  if (run.records === 0) return `Up to date: no ${noun}s changed (${plural(run.pages, 'page')} checked)`;
  return `Synced ${plural(run.records, noun)} in ${plural(run.pages, 'page')}`;
}
