import type { Metadata } from 'next';
import Link from 'next/link';
import { SearchX, Tags } from 'lucide-react';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { Pagination } from '@/components/ui/Pagination';
import { formatCount, formatZone } from '@/components/ui/format';
import { ListingFilters } from '@/components/listings/ListingFilters';
import { ListingsTable } from '@/components/listings/ListingsTable';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { COUNT_CAP, listingAccounts, listListings, LISTINGS_PAGE_SIZE, stockCounts } from '@/lib/listings/list';
import { hasListingFilters, listingsQuery, parseListingParams } from '@/lib/listings/params';

export const metadata: Metadata = { title: 'Listings' };

/** A count that stopped at the cap reads "10,000+". */
const shownCount = (n: number) => (n > COUNT_CAP ? `${formatCount(COUNT_CAP)}+` : formatCount(n));

export default async function ListingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parseListingParams(await searchParams);
  const { session, org } = await pageContext(`/listings${listingsQuery(params)}`);
  if (!org) return null;
  const { result, counts, accounts } = await withUser(session.claims, async (tx) => ({
    result: await listListings(tx, org.id, params),
    counts: await stockCounts(tx, org.id),
    accounts: await listingAccounts(tx, org.id),
  }));
  const shown = { ...params, page: result.page };
  const first = (result.page - 1) * LISTINGS_PAGE_SIZE + 1;
  return (
    <>
      <PageHeader
        title={
          <>
            Listings <span className="ml-1 align-middle text-base font-normal text-ink-muted">{shownCount(counts.all)}</span>
          </>
        }
        description="Your products as each marketplace shows them: SKU, price, stock and publish status. Listings sync every 6 hours (Sync now on Accounts)."
      />
      {counts.all === 0 ? (
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
          <ListingFilters params={shown} accounts={accounts} counts={counts} />
          {result.total === 0 ? (
            <EmptyState
              icon={SearchX}
              title="No listings match these filters"
              text="Try a shorter search or fewer filters."
              action={
                hasListingFilters(params) ? (
                  <Link href="/listings" className={buttonClasses('secondary')}>
                    Clear filters
                  </Link>
                ) : null
              }
            />
          ) : (
            <>
              <ListingsTable rows={result.rows} params={shown} timeZone={org.timeZone} />
              <div className="flex flex-wrap items-center justify-between gap-x-6">
                <p className="py-3 text-sm text-ink-muted">
                  Showing {formatCount(first)}–{formatCount(first + result.rows.length - 1)} of {result.more ? shownCount(COUNT_CAP + 1) : formatCount(result.total)} · dates in{' '}
                  {formatZone(new Date(), { timeZone: org.timeZone })}
                </p>
                <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(p) => `/listings${listingsQuery(shown, { page: p })}`} />
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}
