'use client';
// The listings filter bar: a plain GET form (works without JavaScript) whose choices apply as soon
// as they change; the search waits for Enter or the Search button. Every filter lives in the URL.
import type { FormEvent } from 'react';
import Link from 'next/link';
import { Search as SearchIcon, X } from 'lucide-react';
import { Button, buttonClasses } from '@/components/ui/Button';
import { ChipGroup, useUrlFilters } from '@/components/ui/FilterChips';
import { Input } from '@/components/ui/Input';
import { Select } from '@/components/ui/Select';
import { formatMarketplace } from '@/components/ui/format';
import { COUNT_CAP } from '@/lib/listings/caps';
import { DEFAULT_LISTING_SORT, hasListingFilters, LOW_STOCK_AT, type ListingParams } from '@/lib/listings/params';
import { LISTING_STATUS_OPTIONS } from './badges';

const count = (n: number) => (n > COUNT_CAP ? `${COUNT_CAP.toLocaleString('en-US')}+` : n.toLocaleString('en-US'));

export interface ListingAccountChoice {
  id: string;
  name: string;
  marketplace: string;
  status: string;
}

const MARKETPLACE_OPTIONS = (['walmart', 'amazon', 'ebay'] as const).map((m) => ({ value: m, label: formatMarketplace(m) }));

export function ListingFilters({ params, accounts, counts }: { params: ListingParams; accounts: ListingAccountChoice[]; counts: { out: number; low: number } }) {
  const { navigate, pending } = useUrlFilters('/listings');

  const label = 'mb-1 block text-xs font-medium text-ink-muted';
  return (
    <form
      // Remount when the URL changes (back button, "Clear filters") so the fields show its values.
      key={JSON.stringify(params)}
      action="/listings"
      method="get"
      role="search"
      aria-label="Filter listings"
      aria-busy={pending}
      onSubmit={(e: FormEvent<HTMLFormElement>) => {
        e.preventDefault();
        navigate(e.currentTarget);
      }}
      onChange={(e: FormEvent<HTMLFormElement>) => {
        if ((e.target as HTMLInputElement).name !== 'q') navigate(e.currentTarget);
      }}
      className="mb-4 space-y-3 rounded-lg border border-line bg-white p-4 shadow-sm"
    >
      {params.sort !== DEFAULT_LISTING_SORT || params.dir !== 'asc' ? (
        <>
          <input type="hidden" name="sort" value={params.sort} />
          <input type="hidden" name="dir" value={params.dir} />
        </>
      ) : null}
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-[2_1_16rem]">
          <label htmlFor="listings-q" className={label}>
            Search
          </label>
          <div className="flex gap-2">
            <div className="relative min-w-0 flex-1">
              <SearchIcon aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-ink-faint" />
              <Input id="listings-q" name="q" type="search" defaultValue={params.q ?? ''} placeholder="SKU or title" maxLength={100} className="pl-8" />
            </div>
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </div>
        </div>
        <div className="min-w-0 flex-[1_1_10rem]">
          <label htmlFor="listings-account" className={label}>
            Account
          </label>
          <Select id="listings-account" name="account" defaultValue={params.account ?? ''}>
            <option value="">All accounts</option>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {formatMarketplace(a.marketplace)} · {a.name}
                {a.status === 'disconnected' ? ' (disconnected)' : ''}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-0 flex-[1_1_10rem]">
          <label htmlFor="listings-stock" className={label}>
            Stock
          </label>
          <Select id="listings-stock" name="stock" defaultValue={params.stock ?? ''}>
            <option value="">Any stock</option>
            <option value="out">Out of stock ({count(counts.out)})</option>
            <option value="low">
              Low stock, {LOW_STOCK_AT} or fewer ({count(counts.low)})
            </option>
          </Select>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2">
        <ChipGroup legend="Status" name="status" options={LISTING_STATUS_OPTIONS} checked={params.status} />
        <ChipGroup legend="Marketplace" name="marketplace" options={MARKETPLACE_OPTIONS} checked={params.marketplace} />
        {hasListingFilters(params) ? (
          <Link href="/listings" className={buttonClasses('ghost', 'sm', 'ml-auto')}>
            <X aria-hidden className="size-3.5" />
            Clear filters
          </Link>
        ) : null}
      </div>
    </form>
  );
}
