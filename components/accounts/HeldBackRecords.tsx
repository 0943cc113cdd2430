// The account's quarantined records: what a sync could not store, kept apart so everything else
// synced. Ids and ESM's own reasons only (no buyer data ever reaches sync_quarantine).
import type { QuarantineView } from '@/lib/accounts/queries';
import { timeAgo } from './format';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function HeldBackRecords({ quarantine, now }: { quarantine: QuarantineView; now: number }) {
  if (quarantine.count === 0) return null;
  const more = quarantine.count - quarantine.recent.length;
  return (
    <details className="rounded-md bg-warning-soft px-3 py-2 text-sm" data-testid="quarantine">
      <summary className="cursor-pointer font-medium text-warning" data-testid="quarantine-count">
        {plural(quarantine.count, 'record')} held back
      </summary>
      <p className="mt-1 text-ink-muted">
        The marketplace sent {quarantine.count === 1 ? 'this record' : 'these records'} in a shape ESM cannot store. Everything else
        synced; each is retried on every sync and leaves this list once it reads correctly.
      </p>
      <ul className="mt-2 space-y-1.5">
        {quarantine.recent.map((q) => (
          <li key={`${q.kind}|${q.externalId}`} className="min-w-0" data-testid="quarantined-record">
            <span className="text-ink-muted">{q.kind === 'order' ? 'Order' : 'Listing'} </span>
            <span className="break-all font-mono text-ink">{q.externalId}</span>
            <span className="block text-ink-muted [overflow-wrap:anywhere]">
              {q.reason} · {plural(q.attempts, 'try', 'tries')}, last seen{' '}
              <span suppressHydrationWarning>{timeAgo(q.lastSeenAt, now)}</span>
            </span>
          </li>
        ))}
        {more > 0 ? <li className="text-ink-muted">and {plural(more, 'more record')}</li> : null}
      </ul>
    </details>
  );
}
