import type { Metadata } from 'next';
import Link from 'next/link';
import { Package } from 'lucide-react';
import { Badge } from '@/components/ui/Badge';
import { PushStatusCell } from '@/components/tracking/PushStatusCell';
import { hasRole } from '@/lib/orgs/roles';
import { SHIPMENT_LABELS, SHIPMENT_TONES } from '@/components/shipping/status';
import { buttonClasses } from '@/components/ui/Button';
import { EmptyState } from '@/components/ui/EmptyState';
import { PageHeader } from '@/components/ui/PageHeader';
import { Pagination } from '@/components/ui/Pagination';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/Table';
import { cn } from '@/components/ui/cn';
import { formatDate, formatMarketplace, formatMoney, formatTime, formatZone } from '@/components/ui/format';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { labelSpendThisMonth, listShipments, SHIPMENT_FILTERS, type ShipmentFilter } from '@/lib/shipping/list';
import { pageParam } from '@/lib/paging';
import { deliveryLabel } from '@/lib/delivery/labels';

export const metadata: Metadata = { title: 'Shipments' };

/** Narrower cell padding than the default, so the five columns fit 1280 px. */
const tight = 'px-3 first:pl-4 last:pr-4';

const FILTER_LABELS: Record<ShipmentFilter, string> = { all: 'All', active: 'Active', purchased: 'Bought', voided: 'Voided', problems: 'Problems' };

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function ShipmentsPage({ searchParams }: { searchParams: Search }) {
  const { session, org } = await pageContext('/shipments');
  if (!org) return null;
  const canEdit = hasRole(org.role, 'operator');
  const params = await searchParams;
  const requested = pageParam(params.page);
  const filter = (SHIPMENT_FILTERS as readonly string[]).includes(String(params.status)) ? (params.status as ShipmentFilter) : 'all';
  const [{ rows, total, page, pageCount }, spend] = await withUser(session.claims, async (tx) => [
    await listShipments(tx, org.id, requested, filter),
    await labelSpendThisMonth(tx, org.id),
  ] as const);
  const href = (f: ShipmentFilter, p = 1) => {
    const q = new URLSearchParams();
    if (f !== 'all') q.set('status', f);
    if (p > 1) q.set('page', String(p));
    return q.size ? `/shipments?${q}` : '/shipments';
  };
  return (
    <>
      <PageHeader
        title="Shipments"
        description="Shipping labels bought for your orders, their tracking numbers and whether tracking reached the marketplace."
        actions={
          <div className="flex flex-wrap items-center gap-4">
            <p className="text-sm text-ink-muted sm:text-right" data-testid="label-spend">
              Label spend this month
              <span className="block text-xl font-semibold text-ink tabular-nums">{spend.map((s) => formatMoney(s.amount, s.currency)).join(' + ')}</span>
            </p>
            <Link href="/shipments/bulk" className={buttonClasses('primary')}>
              Buy labels in bulk
            </Link>
          </div>
        }
      />
      <nav aria-label="Filter shipments" className="mb-4 flex flex-wrap gap-2">
        {SHIPMENT_FILTERS.map((f) => (
          <Link key={f} href={href(f)} aria-current={f === filter ? 'page' : undefined} className={buttonClasses(f === filter ? 'primary' : 'secondary', 'sm')}>
            {FILTER_LABELS[f]}
          </Link>
        ))}
      </nav>
      {total === 0 && filter !== 'all' ? (
        <EmptyState icon={Package} title="No shipments match" text="No label has this status." />
      ) : total === 0 ? (
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
                <TH className={tight}>Bought</TH>
                <TH className={tight}>Order</TH>
                <TH className={tight}>Label</TH>
                <TH className={tight}>Status</TH>
                <TH className={tight}>Tracking upload</TH>
              </tr>
            </THead>
            <TBody>
              {rows.map((s) => (
                <TR key={s.id}>
                  <TD className={cn(tight, 'text-ink-muted')}>
                    <span className="block whitespace-nowrap">{formatDate(s.createdAt, { timeZone: org.timeZone })}</span>
                    <span className="block text-xs whitespace-nowrap">
                      {formatTime(s.createdAt, { timeZone: org.timeZone })} {formatZone(s.createdAt, { timeZone: org.timeZone })}
                    </span>
                    {s.boughtBy ? <span className="block max-w-40 text-xs break-words">by {s.boughtBy}</span> : null}
                  </TD>
                  <TD className={tight}>
                    <Link href={`/orders/${s.orderId}`} className="whitespace-nowrap font-medium text-accent hover:underline">
                      {s.externalOrderId}
                    </Link>
                    <span className="block text-xs text-ink-muted">{formatMarketplace(s.marketplace)}</span>
                  </TD>
                  {/* Carrier, tracking, cost and PDF in one cell, the time on its own line: the table fits 1280 px. */}
                  <TD className={tight}>
                    <span className="block">{[s.carrier, s.serviceLevel].filter(Boolean).join(' · ') || '—'}</span>
                    <span className="block font-mono text-xs whitespace-nowrap text-ink-muted">{s.trackingNumber ?? 'No tracking number'}</span>
                    <span className="block text-xs text-ink-muted">
                      <span className="tabular-nums">{formatMoney(s.labelCost, s.currency)}</span>
                      {s.labelUrl && (s.status === 'purchased' || s.status === 'refund_pending') ? (
                        <>
                          <span aria-hidden> · </span>
                          <a href={s.labelUrl} target="_blank" rel="noreferrer noopener" className="text-accent hover:underline">
                            PDF<span className="sr-only"> of the label (opens in a new tab)</span>
                          </a>
                        </>
                      ) : null}
                    </span>
                  </TD>
                  <TD className={tight}>
                    <Badge tone={SHIPMENT_TONES[s.status] ?? 'neutral'}>{s.source === 'manual' ? 'Shipped outside ESM' : (SHIPMENT_LABELS[s.status] ?? s.status)}</Badge>
                    {s.delivery ? <span className="mt-1 block text-xs text-ink-muted" data-testid="delivery-status">{deliveryLabel(s.delivery)}</span> : null}
                  </TD>
                  <TD className={tight}><PushStatusCell s={s} canEdit={canEdit} /></TD>
                </TR>
              ))}
            </TBody>
          </Table>
          <Pagination
            page={page}
            pageCount={pageCount}
            hrefFor={(p) => href(filter, p)}
          />
        </>
      )}
    </>
  );
}
