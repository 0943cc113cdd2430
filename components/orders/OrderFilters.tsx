'use client';
// The filter bar writes every filter into the URL: a plain GET form (works without JavaScript),
// enhanced to drop empty fields and to apply checkboxes and selects as soon as they change.
import { type FocusEvent, type FormEvent } from 'react';
import Link from 'next/link';
import { Search as SearchIcon, X } from 'lucide-react';
import { Button, buttonClasses } from '@/components/ui/Button';
import { Input } from '@/components/ui/Input';
import { Select } from '@/components/ui/Select';
import { cn } from '@/components/ui/cn';
import { ChipGroup, chipClasses, useUrlFilters } from '@/components/ui/FilterChips';
import { DEFAULT_PAGE_SIZE, DEFAULT_TAB, defaultSortFor, hasFilters, type OrderListParams } from '@/lib/orders/url';
import { MARKETPLACE_OPTIONS, STATUS_OPTIONS } from './Badges';

export interface AccountChoice {
  id: string;
  name: string;
}

export function OrderFilters({ params, accounts }: { params: OrderListParams; accounts: AccountChoice[] }) {
  const { navigate, pending } = useUrlFilters('/orders');

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    navigate(e.currentTarget);
  }

  // Choices apply at once; the search box waits for Enter or the Search button, and a date
  // applies when the field is left (typing one fires a change per segment: 0002-, 0020-, ...).
  function onChange(e: FormEvent<HTMLFormElement>) {
    const t = e.target as HTMLInputElement;
    if (t.name !== 'q' && t.type !== 'date') navigate(e.currentTarget);
  }

  function onBlur(e: FocusEvent<HTMLFormElement>) {
    const t = e.target as unknown as HTMLInputElement;
    if (t.type === 'date' && t.value !== ((t.name === 'from' ? params.from : params.to) ?? '')) navigate(e.currentTarget);
  }

  const d = defaultSortFor(params.tab);
  const keep = { sort: params.sort !== d.sort || params.dir !== d.dir };
  // Remount when the URL changes (back button, "Clear filters") so the fields show its values.
  const key = JSON.stringify(params);

  return (
    <form
      key={key}
      action="/orders"
      method="get"
      role="search"
      aria-label="Filter orders"
      onSubmit={onSubmit}
      onChange={onChange}
      onBlur={onBlur}
      aria-busy={pending}
      className="mb-4 space-y-3 rounded-lg border border-line bg-white p-4 shadow-sm"
    >
      {keep.sort ? (
        <>
          <input type="hidden" name="sort" value={params.sort} />
          <input type="hidden" name="dir" value={params.dir} />
        </>
      ) : null}
      {params.size !== DEFAULT_PAGE_SIZE ? <input type="hidden" name="size" value={params.size} /> : null}
      {params.tab !== DEFAULT_TAB ? <input type="hidden" name="tab" value={params.tab} /> : null}
      {params.due ? <input type="hidden" name="due" value={params.due} /> : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-60 flex-[2_1_16rem]">
          <label htmlFor="orders-q" className="mb-1 block text-xs font-medium text-ink-muted">
            Search
          </label>
          <div className="flex gap-2">
            <div className="relative flex-1">
              <SearchIcon aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-ink-faint" />
              <Input
                id="orders-q"
                name="q"
                type="search"
                defaultValue={params.q ?? ''}
                placeholder="Order number, SKU, item, buyer or tracking"
                minLength={3}
                title="At least 3 characters"
                maxLength={100}
                className="pl-8"
              />
            </div>
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </div>
        </div>
        <div className="min-w-36 flex-[1_1_8rem]">
          <label htmlFor="orders-account" className="mb-1 block text-xs font-medium text-ink-muted">
            Account
          </label>
          <Select id="orders-account" name="account" defaultValue={params.account ?? ''}>
            <option value="">All accounts</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="w-40 shrink-0">
          <label htmlFor="orders-hold" className="mb-1 block text-xs font-medium text-ink-muted">
            Hold
          </label>
          <Select id="orders-hold" name="hold" defaultValue={params.hold ?? ''}>
            <option value="">Any</option>
            <option value="yes">On hold</option>
            <option value="no">Not on hold</option>
          </Select>
        </div>
        <fieldset className="flex items-end gap-2">
          <legend className="sr-only">Ordered between</legend>
          <div>
            <label htmlFor="orders-from" className="mb-1 block text-xs font-medium text-ink-muted">
              Ordered from
            </label>
            <Input id="orders-from" name="from" type="date" defaultValue={params.from ?? ''} className="w-36" />
          </div>
          <div>
            <label htmlFor="orders-to" className="mb-1 block text-xs font-medium text-ink-muted">
              to
            </label>
            <Input id="orders-to" name="to" type="date" defaultValue={params.to ?? ''} className="w-36" />
          </div>
        </fieldset>
      </div>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <ChipGroup legend="Status" name="status" options={STATUS_OPTIONS} checked={params.status} />
        <ChipGroup legend="Marketplace" name="marketplace" options={MARKETPLACE_OPTIONS} checked={params.marketplace} />
        <label className={cn(chipClasses, 'has-[:checked]:border-danger has-[:checked]:bg-danger-soft has-[:checked]:text-danger')}>
          <input type="checkbox" name="late" value="1" defaultChecked={params.late} className="sr-only" />
          Late only
        </label>
        {hasFilters(params) ? (
          <Link href="/orders" className={buttonClasses('ghost', 'sm', 'ml-auto')}>
            <X aria-hidden className="size-3.5" />
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
