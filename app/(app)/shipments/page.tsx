import type { Metadata } from 'next';
import Link from 'next/link';
import { Package } from 'lucide-react';
import { Badge, type BadgeTone } from '@/components/ui/Badge';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { Pagination } from '@/components/ui/Pagination';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { formatDateTime, formatMarketplace, formatMoney } from '@/components/ui/format';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { listShipments } from '@/lib/shipping/list';
import { pageParam } from '@/lib/paging';

export const metadata: Metadata = { title: 'Shipments' };

const TONE: Record<string, BadgeTone> = {
  purchasing: 'info',
  purchased: 'success',
  failed: 'danger',
  unknown: 'warning',
  voided: 'neutral',
  refund_pending: 'warning',
  refunded: 'neutral',
};
const PUSH: Record<string, string> = { pending: 'Not yet sent', pushed: 'Sent to marketplace', failed: 'Sending failed', not_required: 'Not needed' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ShipmentsPage({ searchParams }: { searchParams: Search }) {
  const { session, org } = await pageContext('/shipments');
  if (!org) return null;
  const requested = pageParam((await searchParams).page);
  const { rows, total, page, pageCount } = await withUser(session.claims, (tx) => listShipments(tx, org.id, requested));
  return (
    <>
      <PageHeader title="Shipments" description="Shipping labels bought for your orders, their tracking numbers and whether tracking reached the marketplace." />
      {total === 0 ? (
        <EmptyState
          icon={Package}
          title="No shipments yet"
          text="Each shipping label bought for an order is listed here with its carrier, tracking number and cost. Start from an unshipped order."
          action={
            <Link href="/orders" className={buttonClasses('secondary')}>
              Go to orders
            </Link>
          }
        />
      ) : (
        <>
          <Table>
            <caption className="sr-only">Shipments, newest first</caption>
            <THead>
              <tr>
                <TH>Created</TH>
                <TH>Order</TH>
                <TH>Carrier</TH>
                <TH>Tracking</TH>
                <TH className="text-right">Cost</TH>
                <TH>Status</TH>
                <TH>Tracking upload</TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((s) => (
                <TR key={s.id}>
                  <TD className="whitespace-nowrap text-ink-muted">{formatDateTime(s.createdAt)}</TD>
                  <TD>
                    <Link href={`/orders/${s.orderId}`} className="font-medium text-accent hover:underline">
                      {s.externalOrderId}
                    </Link>
                    <span className="ml-1 text-ink-muted">· {formatMarketplace(s.marketplace)}</span>
                  </TD>
                  <TD>{[s.carrier, s.serviceLevel].filter(Boolean).join(' · ') || '—'}</TD>
                  <TD className="font-mono text-xs">{s.trackingNumber ?? '—'}</TD>
                  <TD className="text-right tabular-nums">{formatMoney(s.labelCost, s.currency)}</TD>
                  <TD>
                    <Badge tone={TONE[s.status] ?? 'neutral'}>{s.status.replace('_', ' ')}</Badge>
                  </TD>
                  <TD className="text-ink-muted">{PUSH[s.push] ?? s.push}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <Pagination
            page={page}
            pageCount={pageCount}
            hrefFor={(p) => (p === 1 ? '/shipments' : `/shipments?page=${p}`)}
          />
        </>
      )}
    </>
  );
}
