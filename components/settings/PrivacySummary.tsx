import { formatDateTime } from '@/components/ui/format';

export interface PrivacySummaryView {
  retentionDays: number;
  withBuyerData: number;
  dueWithin7Days: number;
  anonymized: number;
  lastCheckedAt: Date | null;
  shippedToDeliveredDays: number;
  hardLimitDays: number;
}

const n = (x: number) => x.toLocaleString('en-US');

/** What the retention means today, and the rules behind it in plain words. */
export function PrivacySummary({ s, timeZone }: { s: PrivacySummaryView; timeZone: string }) {
  const facts: Array<[string, string, string]> = [
    ['Orders holding buyer data', n(s.withBuyerData), 'privacy-held'],
    ['Anonymized within 7 days', n(s.dueWithin7Days), 'privacy-due'],
    ['Already anonymized', n(s.anonymized), 'privacy-anonymized'],
    ['Last checked', s.lastCheckedAt ? formatDateTime(s.lastCheckedAt, { timeZone }) : 'Not yet (runs every hour)', 'privacy-last-run'],
  ];
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {facts.map(([label, value, id]) => (
          <div key={id} className={id === 'privacy-last-run' ? 'col-span-2 rounded-lg border border-line px-3 py-2 lg:col-span-1' : 'rounded-lg border border-line px-3 py-2'}>
            <dt className="text-xs font-medium text-ink-muted">{label}</dt>
            <dd className={id === 'privacy-last-run' ? 'mt-1 text-sm font-semibold' : 'mt-1 text-lg font-semibold tabular-nums'} data-testid={id}>
              {value}
            </dd>
          </div>
        ))}
      </dl>
      <div className="space-y-1 text-sm text-ink-muted">
        <p>
          Buyer name, address, phone and e-mail are cleared {s.retentionDays} day{s.retentionDays === 1 ? '' : 's'} after an order
          is delivered or cancelled; country and region stay for reports. Amazon allows at most 30 days after delivery.
        </p>
        <p>
          When a marketplace never reports delivery, an order counts as delivered {s.shippedToDeliveredDays} days after it shipped,
          and any order is anonymized {s.hardLimitDays} days after it was placed, whatever its state.
        </p>
        <p>Verified eBay account-deletion notifications anonymize that buyer&apos;s orders at once.</p>
      </div>
    </div>
  );
}
