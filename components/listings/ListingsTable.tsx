// The listings table (server-rendered): sortable headers are links that put ?sort=&dir= in the
// URL; dates in the organization's time zone; a listing of a disconnected account says so.
import Link from 'next/link';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { cn } from '@/components/ui/cn';
import { formatDate, formatMarketplace, formatMoney } from '@/components/ui/format';
import type { ListingRow } from '@/lib/listings/list';
import { listingsQuery, type ListingParams, type ListingSort } from '@/lib/listings/params';
import { ListingStatusBadge, Stock } from './badges';

function SortHeader({ label, sort, params, className }: { label: string; sort: ListingSort; params: ListingParams; className?: string }) {
  const active = params.sort === sort;
  // A first click sorts the natural way: names A→Z, numbers and dates high→low.
  const first = sort === 'sku' || sort === 'title' || sort === 'status' ? 'asc' : 'desc';
  const dir = active ? (params.dir === 'asc' ? 'desc' : 'asc') : first;
  const Icon = !active ? ArrowUpDown : params.dir === 'asc' ? ArrowUp : ArrowDown;
  return (
    <TH className={className} aria-sort={active ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link
        href={`/listings${listingsQuery(params, { sort, dir, page: 1 })}`}
        scroll={false}
        className={cn('inline-flex items-center gap-1 hover:text-ink', active && 'text-ink')}
      >
        {label}
        <Icon aria-hidden className="size-3.5" />
      </Link>
    </TH>
  );
}

export function ListingsTable({ rows, params, timeZone }: { rows: ListingRow[]; params: ListingParams; timeZone: string }) {
  return (
    <Table>
      <caption className="sr-only">Listings</caption>
      <THead>
        <tr>
          <SortHeader label="SKU" sort="sku" params={params} />
          <SortHeader label="Title" sort="title" params={params} />
          <TH>Marketplace</TH>
          <SortHeader label="Price" sort="price" params={params} className="text-right" />
          <SortHeader label="Stock" sort="quantity" params={params} className="text-right" />
          <SortHeader label="Status" sort="status" params={params} />
          <SortHeader label="Updated" sort="updated" params={params} />
        </tr>
      </THead>
      <TBody>
        {rows.map((l) => (
          <TR key={l.id} data-testid="listing-row" className={cn(l.status === 'disconnected' && 'text-ink-muted')}>
            <TD className="font-mono text-xs whitespace-nowrap">{l.sku}</TD>
            <TD className="max-w-44 min-w-32 truncate" title={l.title ?? undefined}>
              {l.title ?? '—'}
            </TD>
            <TD>
              <span className="whitespace-nowrap">{formatMarketplace(l.marketplace)}</span>
              <span className="block max-w-28 truncate text-xs text-ink-muted" title={l.account}>{l.account}</span>
            </TD>
            <TD className="text-right tabular-nums">{formatMoney(l.price, l.currency)}</TD>
            <TD className="text-right whitespace-nowrap" data-col="stock">
              <Stock quantity={l.quantity} />
            </TD>
            <TD data-col="status">
              <ListingStatusBadge
                status={l.status}
                detail={l.status === 'disconnected' ? 'This account is disconnected: ESM no longer syncs it, so this is its last known state.' : l.marketplaceStatus}
              />
            </TD>
            <TD className="whitespace-nowrap text-ink-muted">{formatDate(l.updatedAt, { timeZone })}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
