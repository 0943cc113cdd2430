import type { Metadata } from 'next';
import Link from 'next/link';
import { Inbox, SearchX } from 'lucide-react';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { hasRole } from '@/lib/orgs/roles';
import { loadOrdersPage } from '@/lib/orders/page-data';
import { parseOrderListParams } from '@/lib/orders/params';
import { SEARCH_MIN } from '@/lib/orders/query';
import { hasFilters, orderListQuery } from '@/lib/orders/url';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { Pagination } from '@/components/ui/Pagination';
import { LastSynced } from '@/components/orders/LastSynced';
import { OrderFilters } from '@/components/orders/OrderFilters';
import { OrdersWorkspace } from '@/components/orders/OrdersWorkspace';
import { PageSize } from '@/components/orders/PageSize';
import { SavedViews } from '@/components/orders/SavedViews';
import { StatusTabs } from '@/components/orders/StatusTabs';
import { formatCount, formatZone } from '@/components/ui/format';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parseOrderListParams(await searchParams);
  const { session, org } = await pageContext(`/orders${orderListQuery(params)}`);
  if (!org) return null; // the shell shows how to get an organization

  const now = new Date();
  const timeZone = org.timeZone;
  const { result, counts, accounts, anyOrder, views } = await withUser(session.claims, (tx) =>
    loadOrdersPage(tx, org.id, params, { now, timeZone, userId: session.userId }),
  );
  // Links from this page start from page numbers; a keyset cursor only carries "next".
  const shown = { ...params, page: result.page, after: undefined };
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.rows.length - 1;
  const totalText = `${formatCount(result.total)}${result.capped ? '+' : ''}`;
  const shownAccounts = accounts.filter((a) => (!params.account || a.id === params.account) && (!params.marketplace.length || params.marketplace.includes(a.marketplace)));
  const tooShort = Boolean(params.q && params.q.length < SEARCH_MIN);
  const deep = result.next && (params.after || result.page >= result.pageCount);

  return (
    <>
      <PageHeader
        title={
          <>
            Orders <span className="ml-1 align-middle text-base font-normal text-ink-muted">{formatCount(counts.all.n)}{counts.all.capped ? '+' : ''}</span>
          </>
        }
        description={anyOrder ? `Orders from every marketplace account of ${org.name}.` : undefined}
        actions={anyOrder ? <LastSynced accounts={shownAccounts} now={now.toISOString()} /> : undefined}
      />
      {!anyOrder ? (
        <EmptyState
          icon={Inbox}
          title="Your orders will appear here"
          text="No orders yet. Connect a marketplace account on the Accounts page; orders appear after the first sync."
          action={
            <Link href="/accounts" className={buttonClasses('primary')}>
              Go to Accounts
            </Link>
          }
        />
      ) : (
        <>
          <SavedViews orgId={org.id} views={views} current={orderListQuery({ ...shown, page: 1 }).replace(/^\?/, '')} />
          <StatusTabs params={shown} counts={counts} />
          <OrderFilters params={shown} accounts={accounts.map((a) => ({ id: a.id, name: a.name }))} />
          <OrdersWorkspace
            key={orderListQuery({ ...shown, page: 1 })}
            orgId={org.id}
            rows={result.rows}
            total={result.total}
            capped={result.capped}
            params={shown}
            timeZone={timeZone}
            now={now.toISOString()}
            canOperate={hasRole(org.role, 'operator')}
            empty={
              <EmptyState
                icon={SearchX}
                title={tooShort ? `Type at least ${SEARCH_MIN} characters to search` : 'No orders match these filters'}
                text={tooShort ? 'Search by order number, SKU, item title, buyer name or tracking number.' : 'Try a shorter search, another tab, fewer statuses or a wider date range.'}
                action={
                  hasFilters(params) ? (
                    <Link href="/orders" className={buttonClasses('secondary')}>
                      Clear filters
                    </Link>
                  ) : null
                }
              />
            }
          />
          {result.rows.length > 0 ? (
            <>
              <div className="flex flex-wrap items-center justify-between gap-x-6">
                <div className="flex flex-wrap items-center gap-x-6 gap-y-1 py-3">
                  <p className="text-sm text-ink-muted">
                    {params.after ? `Page ${formatCount(result.page)}` : `Showing ${formatCount(first)}–${formatCount(last)} of ${totalText}`} · times in{' '}
                    {timeZone}
                    {formatZone(now, { timeZone }) === timeZone ? '' : ` (${formatZone(now, { timeZone })})`}
                  </p>
                  <PageSize params={shown} />
                </div>
                <div className="flex items-center gap-3">
                  {!params.after ? (
                    <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(p) => `/orders${orderListQuery(shown, { page: p })}`} />
                  ) : null}
                  {deep ? (
                    <Link href={`/orders${orderListQuery(shown, { page: result.page + 1, after: result.next })}`} className={buttonClasses('secondary', 'sm')}>
                      Next page
                    </Link>
                  ) : null}
                </div>
              </div>
            </>
          ) : null}
        </>
      )}
    </>
  );
}
