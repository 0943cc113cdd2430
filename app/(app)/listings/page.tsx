import type { Metadata } from 'next';
import Link from 'next/link';
import { Tags } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { Pagination } from '@/components/ui/Pagination';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { formatMarketplace, formatMoney } from '@/components/ui/format';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { listListings } from '@/lib/listings/list';
import { pageParam } from '@/lib/paging';

export const metadata: Metadata = { title: 'Listings' };

const TONE: Record<string, BadgeTone> = { published: 'success', unpublished: 'neutral', pending: 'info', error: 'danger', retired: 'neutral' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ListingsPage({ searchParams }: { searchParams: Search }) {
  const { session, org } = await pageContext('/listings');
  if (!org) return null;
  const requested = pageParam((await searchParams).page);
  const { rows, total, page, pageCount } = await withUser(session.claims, (tx) => listListings(tx, org.id, requested));
  return (
    <>
      <PageHeader title="Listings" description="Your products as each marketplace shows them: SKU, price, stock and publish status." />
      {total === 0 ? (
        <EmptyState
          icon={Tags}
          title="No listings yet"
          text="Listings appear after the first sync of a connected account. Check Accounts to see which seller accounts are connected and when they last synced."
          action={
            <Link href="/accounts" className={buttonClasses('secondary')}>
              See connected accounts
            </Link>
          }
        />
      ) : (
        <>
          <Table>
            <caption className="sr-only">Listings</caption>
            <THead>
              <tr>
                <TH>SKU</TH>
                <TH>Title</TH>
                <TH>Marketplace</TH>
                <TH className="text-right">Price</TH>
                <TH className="text-right">Quantity</TH>
                <TH>Status</TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((l) => (
                <TR key={l.id}>
                  <TD className="whitespace-nowrap font-mono text-xs">{l.sku}</TD>
                  <TD className="max-w-md truncate">{l.title ?? '—'}</TD>
                  <TD>
                    {formatMarketplace(l.marketplace)} <span className="text-ink-muted">· {l.account}</span>
                  </TD>
                  <TD className="text-right tabular-nums">{formatMoney(l.price, l.currency)}</TD>
                  <TD className="text-right tabular-nums">{l.quantity ?? '—'}</TD>
                  <TD>
                    <Badge tone={TONE[l.status] ?? 'neutral'}>{l.status}</Badge>
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <Pagination
            page={page}
            pageCount={pageCount}
            hrefFor={(p) => (p === 1 ? '/listings' : `/listings?page=${p}`)}
          />
        </>
      )}
    </>
  );
}
