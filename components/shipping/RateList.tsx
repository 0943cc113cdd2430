'use client';
// The rates of one quote, cheapest first: carrier and service, price, estimate, whether it
// arrives by the marketplace's deliver-by date, cheapest and fastest marked. One is chosen.
import { Badge } from '@/components/ui/Badge';
import { formatDate, formatMoney } from '@/components/ui/format';
import { cn } from '@/components/ui/cn';
import type { RateView } from '@/lib/shipping/types';

export function RateList({ rates, selected, onSelect }: { rates: RateView[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-medium text-ink">Rates</legend>
      <ul className="space-y-2" aria-label="Rates">
        {rates.map((r) => (
          <li key={r.id}>
            <label
              className={cn(
                'flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2.5 text-sm',
                selected === r.id ? 'border-accent bg-accent/5' : 'border-line hover:border-ink-faint',
              )}
              data-testid="rate"
            >
              <input type="radio" name="rateId" value={r.id} checked={selected === r.id} onChange={() => onSelect(r.id)} className="mt-1" />
              <span className="min-w-0 flex-1">
                <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="font-medium">
                    {r.carrier} · {r.service}
                  </span>
                  {r.cheapest ? <Badge tone="success">Cheapest</Badge> : null}
                  {r.fastest ? <Badge tone="info">Fastest</Badge> : null}
                </span>
                <span className="mt-0.5 block text-ink-muted">
                  {r.estimatedDays === null ? 'No delivery estimate' : `${r.estimatedDays} day${r.estimatedDays === 1 ? '' : 's'} · arrives about ${formatDate(r.arrivesOn)}`}
                  {r.arrivesInTime === true ? <span className="text-success"> · by deliver-by date</span> : null}
                  {r.arrivesInTime === false ? <span className="text-danger"> · after deliver-by date</span> : null}
                </span>
              </span>
              <span className="font-semibold tabular-nums">{formatMoney(r.amount, r.currency)}</span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
