'use client';
// Range, marketplace and account live in the URL, so a report can be bookmarked and shared. A
// plain GET form (works without JavaScript), applied as soon as a choice changes.
import { useTransition, type FormEvent } from 'react';
import { useRouter } from 'next/navigation';
import { Button } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { Select } from '@/components/ui/Select';
import { MARKETPLACES } from '@/lib/model';
import type { Preset, ReportName } from '@/lib/reports/types';
import { formatMarketplace } from '@/components/ui/format';

const PRESET_LABELS: Record<Preset, string> = {
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  this_month: 'This month',
  last_month: 'Last month',
  custom: 'Custom dates',
};

export interface ReportFilterValues {
  report: ReportName;
  preset: Preset;
  from: string;
  to: string;
  marketplace?: string;
  accountId?: string;
}

export function ReportFilters({ values, accounts }: { values: ReportFilterValues; accounts: Array<{ id: string; name: string; marketplace: string }> }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function navigate(f: HTMLFormElement) {
    const data = new FormData(f);
    const sp = new URLSearchParams({ report: values.report });
    const preset = String(data.get('range'));
    if (preset === 'custom') {
      sp.set('from', String(data.get('from')));
      sp.set('to', String(data.get('to')));
    } else if (preset !== '30d') sp.set('range', preset);
    for (const k of ['marketplace', 'account']) if (data.get(k)) sp.set(k, String(data.get(k)));
    startTransition(() => router.push(`/reports?${sp}`, { scroll: false }));
  }

  function onChange(e: FormEvent<HTMLFormElement>) {
    const t = e.target as HTMLInputElement;
    if (t.type === 'date') {
      const range = e.currentTarget.elements.namedItem('range') as HTMLSelectElement | null;
      if (range) range.value = 'custom'; // picking a date makes the range custom
      return; // dates apply with the button: typing one fires a change per segment
    }
    navigate(e.currentTarget);
  }

  return (
    <form
      method="get"
      action="/reports"
      onChange={onChange}
      onSubmit={(e) => {
        e.preventDefault();
        navigate(e.currentTarget);
      }}
      className="grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap"
      aria-busy={pending}
      data-testid="report-filters"
    >
      <input type="hidden" name="report" value={values.report} />
      <div className="flex min-w-0 flex-col gap-1 text-xs font-medium text-ink-muted">
        <label htmlFor="report-range">Range</label>
        <Select id="report-range" name="range" defaultValue={values.preset} className="w-full sm:w-40">
          {Object.entries(PRESET_LABELS).map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex min-w-0 flex-col gap-1 text-xs font-medium text-ink-muted">
        <label htmlFor="report-from">From</label>
        <Input type="date" id="report-from" name="from" defaultValue={values.from} className="w-full sm:w-38" required />
      </div>
      <div className="flex min-w-0 flex-col gap-1 text-xs font-medium text-ink-muted">
        <label htmlFor="report-to">To</label>
        <Input type="date" id="report-to" name="to" defaultValue={values.to} className="w-full sm:w-38" required />
      </div>
      <div className="flex min-w-0 flex-col gap-1 text-xs font-medium text-ink-muted">
        <label htmlFor="report-marketplace">Marketplace</label>
        <Select id="report-marketplace" name="marketplace" defaultValue={values.marketplace ?? ''} className="w-full sm:w-36">
          <option value="">All</option>
          {MARKETPLACES.map((m) => (
            <option key={m} value={m}>
              {formatMarketplace(m)}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex min-w-0 flex-col gap-1 text-xs font-medium text-ink-muted">
        <label htmlFor="report-account">Account</label>
        <Select id="report-account" name="account" defaultValue={values.accountId ?? ''} className="w-full sm:w-44">
          <option value="">All accounts</option>
          {accounts.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </Select>
      </div>
      <Button type="submit" variant="secondary" disabled={pending} className="col-span-2 sm:col-span-1">
        {pending ? 'Loading…' : 'Apply'}
      </Button>
    </form>
  );
}
