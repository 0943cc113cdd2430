import type { Metadata } from 'next';
import Link from 'next/link';
import { Inbox, SearchX } from 'lucide-react';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { hasAnyOrder, listOrderAccounts, listOrders } from '@/lib/orders/list';
import { parseOrderListParams } from '@/lib/orders/params';
import { hasFilters, orderListQuery } from '@/lib/orders/url';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { Pagination } from '@/components/ui/Pagination';
import { OrderFilters } from '@/components/orders/OrderFilters';
import { OrdersTable } from '@/components/orders/OrdersTable';
import { PageSize } from '@/components/orders/PageSize';
import { formatCount } from '@/components/ui/format';

export const metadata: Metadata = { title: 'Orders' };

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parseOrderListParams(await searchParams);
  const { session, org } = await pageContext(`/orders${orderListQuery(params)}`);
  if (!org) return null; // the shell shows how to get an organization

  const { result, accounts, anyOrder } = await withUser(session.claims, async (tx) => {
    const result = await listOrders(tx, org.id, params);
    const accounts = await listOrderAccounts(tx, org.id);
    const anyOrder = result.total > 0 || (await hasAnyOrder(tx, org.id));
    return { result, accounts, anyOrder };
  });
  const shown = { ...params, page: result.page };
  const first = (result.page - 1) * result.pageSize + 1;
  const last = first + result.rows.length - 1;

  return (
    <>
      <PageHeader
        title={
          <>
            Orders <span className="ml-1 align-middle text-base font-normal text-ink-muted">{formatCount(result.total)}</span>
          </>
        }
        description={anyOrder ? `Orders from every marketplace account of ${org.name}.` : undefined}
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
          <OrderFilters params={shown} accounts={accounts.map((a) => ({ id: a.id, name: a.name }))} />
          {result.total === 0 ? (
            <EmptyState
              icon={SearchX}
              title="No orders match these filters"
              text="Try a shorter search, fewer statuses or a wider date range."
              action={
                hasFilters(params) ? (
                  <Link href="/orders" className={buttonClasses('secondary')}>
                    Clear filters
                  </Link>
                ) : null
              }
            />
          ) : (
            <>
              <OrdersTable rows={result.rows} total={result.total} params={shown} />
              <div className="flex flex-wrap items-center justify-between gap-x-6">
                <div className="flex flex-wrap items-center gap-x-6 gap-y-1 py-3">
                  <p className="text-sm text-ink-muted">
                    Showing {formatCount(first)}–{formatCount(last)} of {formatCount(result.total)} · times in UTC
                  </p>
                  <PageSize params={shown} />
                </div>
                <Pagination page={result.page} pageCount={result.pageCount} hrefFor={(p) => `/orders${orderListQuery(shown, { page: p })}`} />
              </div>
            </>
          )}
        </>
      )}
    </>
  );
}
