import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ChevronLeft, PauseCircle } from 'lucide-react';
import { pageContext } from '@/lib/auth/page-context';
import { withUser } from '@/lib/db';
import { hasRole } from '@/lib/orgs/roles';
import { findOrderOrgId, getOrder, isUuid } from '@/lib/orders/detail';
import { listOrderEvents } from '@/lib/orders/events';
import { isOpenStatus } from '@/lib/orders/hold';
import { describeMarketplaceStatus } from '@/lib/orders/marketplace-status';
import { Alert } from '@/components/ui/Alert';
import { Badge } from '@/components/ui/Badge';
import { PageHeader } from '@/components/ui/PageHeader';
import { HoldBadge, LateBadge, MarketplaceBadge, StatusBadge, marketplaceLabel } from '@/components/orders/Badges';
import { HoldControl } from '@/components/orders/HoldControl';
import { OrderItems } from '@/components/orders/OrderItems';
import { ShipTo } from '@/components/orders/ShipTo';
import { Timeline } from '@/components/orders/Timeline';
import { OrderHistory } from '@/components/orders/OrderHistory';
import { formatDateTime, formatMoney } from '@/components/ui/format';
import { setHoldAction } from './actions';
import { ShipmentCard } from '@/components/shipping/ShipmentCard';
import { ShipPanel } from '@/components/shipping/ShipPanel';
import { TrackingTimeline } from '@/components/shipping/TrackingTimeline';
import { loadTracking } from '@/lib/delivery/timeline';
import { TrackingSection } from './tracking-section';
import { canShip, loadOrderShipping, shipToValues } from '@/lib/shipping/order-page';

export const metadata: Metadata = { title: 'Order' };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { session, org, orgs } = await pageContext(`/orders/${encodeURIComponent(id)}`);
  if (!isUuid(id)) notFound();

  // The order decides the organization: a member of several may open any of theirs. RLS hides
  // the rest, and the membership check keeps it that way even for the service path's habits.
  const found = await withUser(session.claims, async (tx) => {
    const orgId = await findOrderOrgId(tx, id);
    if (!orgId || !orgs.some((o) => o.id === orgId)) return null;
    const detail = await getOrder(tx, orgId, id);
    if (!detail) return null;
    return { detail, shipping: await loadOrderShipping(tx, orgId, id), events: await listOrderEvents(tx, orgId, id) };
  });
  if (!found) notFound();
  const { detail: order, shipping, events } = found;
  const membership = orgs.find((o) => o.id === order.orgId)!;
  const canEdit = hasRole(membership.role, 'operator');
  // Dates in the order's own organization's zone (it may not be the one in the switcher).
  const timeZone = membership.timeZone;

  return (
    <>
      <Link href="/orders" className="mb-3 inline-flex items-center gap-1 text-sm text-ink-muted hover:text-ink">
        <ChevronLeft aria-hidden className="size-4" />
        Orders
      </Link>
      <PageHeader
        title={<span className="font-mono break-all">{order.externalOrderId}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <MarketplaceBadge marketplace={order.marketplace} />
            <StatusBadge status={order.status} />
            {order.late ? <LateBadge /> : null}
            {order.hold.onHold ? <HoldBadge /> : null}
            <Badge tone="neutral" className="whitespace-normal" title={`Status at ${marketplaceLabel(order.marketplace)}: ${order.marketplaceStatus}`} data-testid="marketplace-status">
              At {marketplaceLabel(order.marketplace)}: {describeMarketplaceStatus(order.marketplace, order.marketplaceStatus)}
            </Badge>
            <span className="text-ink-muted">
              {order.account.name} · ordered {formatDateTime(order.orderedAt, { clock: '12h', timeZone })}
            </span>
          </span>
        }
        actions={<p className="text-2xl font-semibold tabular-nums">{formatMoney(order.total, order.currency)}</p>}
      />
      <div className="space-y-4">
        {org && org.id !== order.orgId ? (
          <Alert tone="info">This order belongs to {membership.name}, not the organization selected in the switcher.</Alert>
        ) : null}
        {order.hold.onHold ? (
          <div role="status" className="flex gap-2.5 rounded-md border border-warning/30 bg-warning-soft px-3.5 py-3 text-sm">
            <PauseCircle aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
            <div className="min-w-0">
              <p className="font-medium text-warning">On hold</p>
              <p className="text-ink break-words [overflow-wrap:anywhere]" data-testid="hold-reason">
                {order.hold.reason ? <>Reason: {order.hold.reason}. </> : null}
                Held{order.hold.heldByEmail ? ` by ${order.hold.heldByEmail}` : ''}
                {order.hold.heldAt ? ` on ${formatDateTime(order.hold.heldAt, { clock: '12h', timeZone })}` : ''}. Do not ship until it is released.
              </p>
            </div>
          </div>
        ) : null}
        <div className="grid gap-4 lg:grid-cols-3">
          <div className="min-w-0 space-y-4 lg:col-span-2">
            <OrderItems order={order} />
            <OrderHistory events={events} marketplace={order.marketplace} timeZone={timeZone} />
          </div>
          {/* The shipping column: labels, ship panel, hold, address, dates. */}
          <div className="min-w-0 space-y-4">
            {shipping.shipments.map((s) => (
              <ShipmentCard key={s.id} orderId={order.id} shipment={s} canEdit={canEdit} timeZone={timeZone} />
            ))}
            <TrackingTimeline tracks={await withUser(session.claims, (tx) => loadTracking(tx, order.id))} timeZone={timeZone} />
            <TrackingSection orderId={order.id} canEdit={canEdit} timeZone={timeZone} />
            {canEdit && canShip(order, shipping.shipments) ? (
              <ShipPanel orderId={order.id} shipTo={shipToValues(order.buyer)} locations={shipping.locations} presets={shipping.presets} />
            ) : null}
            <HoldControl orderId={order.id} onHold={order.hold.onHold} open={isOpenStatus(order.status)} canEdit={canEdit} action={setHoldAction} />
            <ShipTo buyer={order.buyer} timeZone={timeZone} />
            <Timeline order={order} timeZone={timeZone} />
          </div>
        </div>
      </div>
    </>
  );
}
