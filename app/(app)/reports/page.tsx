import type { Metadata } from 'next';
import Link from 'next/link';
import { BarChart3 } from 'lucide-react';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { countOrders } from '@/lib/orders/list';

export const metadata: Metadata = { title: 'Reports' };

export default async function ReportsPage() {
  const { session, org } = await pageContext('/reports');
  if (!org) return null;
  const synced = await withUser(session.claims, (tx) => countOrders(tx, org.id));
  return (
    <>
      <PageHeader title="Reports" description="Sales, units and fulfilment across your marketplaces, built from synced orders." />
      {synced === 0 ? (
        <EmptyState
          icon={BarChart3}
          title="Reports need synced orders"
          text="No orders have synced into this organization yet. Once a connected marketplace account has synced orders, reports are built from them."
          action={
            <Link href="/accounts" className={buttonClasses('secondary')}>
              See connected accounts
            </Link>
          }
        />
      ) : (
        <EmptyState
          icon={BarChart3}
          title="Reports are not available yet"
          text={`${synced.toLocaleString('en-US')} synced orders are ready to report on, but reports are not part of this version of ESM yet. Until then, the Orders page lets you filter and review them.`}
          action={
            <Link href="/orders" className={buttonClasses('secondary')}>
              Go to orders
            </Link>
          }
        />
      )}
    </>
  );
}
