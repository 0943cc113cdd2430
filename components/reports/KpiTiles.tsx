import type { Kpi } from '@/lib/reports/types';
import { cn } from '@/components/ui/cn';
import { formatChange, formatValue } from './format';

/** Figures whose rise is bad news (costs, failures, lateness) colour the other way round. */
const HIGHER_IS_WORSE = new Set(['cancelled', 'late', 'at_risk', 'net', 'refunds', 'per_label', 'failures', 'failure_rate', 'needs_reconnect', 'max_lag']);

/** `compareLabel` null: the previous period is not all in ESM (ReportResult.partialPrevious), so no change is shown. */
export function KpiTiles({ kpis, timeZone, compareLabel }: { kpis: Kpi[]; timeZone: string; compareLabel: string | null }) {
  return (
    <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" aria-label="Key figures">
      {kpis.map((k) => {
        const change = compareLabel === null ? null : formatChange(k.value, k.previous);
        const good = change && change.tone !== 'flat' && (change.tone === 'up') !== HIGHER_IS_WORSE.has(k.key);
        return (
          <li key={k.key} className="min-w-0 rounded-lg border border-line bg-white px-4 py-3 shadow-sm" data-testid={`kpi-${k.key}`}>
            <p className="truncate text-xs font-medium text-ink-muted">{k.label}</p>
            <p className="mt-1 text-lg font-semibold tabular-nums text-ink [overflow-wrap:anywhere] sm:text-xl" data-testid="kpi-value">
              {formatValue(k.type, k.value, timeZone, k.key, k.currency)}
            </p>
            {change ? (
              <p className="mt-0.5 text-xs text-ink-muted">
                <span className={cn('font-medium', change.tone === 'flat' ? 'text-ink-muted' : good ? 'text-success' : 'text-danger')}>{change.text}</span>{' '}
                {compareLabel}
              </p>
            ) : k.previous === undefined ? (
              <p className="mt-0.5 text-xs text-ink-faint">now</p>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
