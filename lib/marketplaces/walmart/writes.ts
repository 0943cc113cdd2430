// Walmart writes (marketplace-apis.md §1.4, §1.5): acknowledge orders, and ship lines with their
// tracking. A push reads the order first, every attempt: a push whose first attempt landed (the
// answer lost to a timeout) is seen by its tracking number and never sent twice.
import type { AcknowledgeResult, PushResult, TrackingPush } from '@/lib/marketplaces/capabilities';
import { carrierFor } from '@/lib/marketplaces/carriers';
import { MarketplaceError, withRetries } from '@/lib/marketplaces/http';
import { NO_CONTENT, type WalmartClient } from './client';
import { mapOrders } from './map';
import { orderResponse, shipOrderResponse, type ShipOrder } from './wire';

const METHOD_CODES = new Set(['Standard', 'Express', 'OneDay', 'Freight', 'WhiteGlove', 'Value']);
/** Quantities a line can still ship: what is neither shipped, delivered nor cancelled yet. */
const OPEN = new Set(['Created', 'Acknowledged']);

interface ShipLine {
  lineNumber: string;
  quantity: number;
  /** Walmart refuses to ship Created quantities: "Orders must be acknowledged before shipping." */
  created: boolean;
}

const path = (po: string) => `/v3/orders/${encodeURIComponent(po)}`;

function hasTracking(order: ShipOrder, trackingNumber: string): boolean {
  return order.orderLines.orderLine.some((l) => l.orderLineStatuses.orderLineStatus.some((s) => s.trackingInfo?.trackingNumber === trackingNumber));
}

function openLines(order: ShipOrder): ShipLine[] {
  return order.orderLines.orderLine.flatMap((l) => {
    const open = l.orderLineStatuses.orderLineStatus.filter((s) => OPEN.has(s.status));
    const quantity = open.reduce((n, s) => n + (s.statusQuantity?.amount ?? 0), 0);
    return quantity > 0 ? [{ lineNumber: l.lineNumber, quantity, created: open.some((s) => s.status === 'Created') }] : [];
  });
}

function linesToShip(order: ShipOrder, wanted: TrackingPush['lines']): ShipLine[] {
  const open = openLines(order);
  if (!wanted) return open;
  return wanted.map((w) => {
    const line = open.find((l) => l.lineNumber === w.lineId);
    if (!line || w.quantity > line.quantity) {
      throw new MarketplaceError('permanent', `walmart.shippingUpdates: line ${w.lineId} has fewer than ${w.quantity} units left to ship`, { operation: 'walmart.shippingUpdates' });
    }
    return { ...line, quantity: w.quantity };
  });
}

export class WalmartWrites {
  constructor(private readonly client: WalmartClient) {}

  async pushTracking(p: TrackingPush): Promise<PushResult> {
    const carrier = carrierFor('walmart', p.carrier, p.carrierName);
    if (carrier.kind === 'other' && !p.trackingUrl) {
      throw new MarketplaceError('permanent', `walmart.shippingUpdates: ${carrier.name} is not on Walmart's carrier list, so a tracking URL is required`, { operation: 'walmart.shippingUpdates' });
    }
    return withRetries(
      async () => {
        const order = await this.read(p.externalOrderId);
        if (hasTracking(order, p.trackingNumber)) return { outcome: 'already_pushed' };
        const lines = linesToShip(order, p.lines);
        if (!lines.length) throw new MarketplaceError('permanent', 'walmart.shippingUpdates: no line of this order is left to ship', { operation: 'walmart.shippingUpdates' });
        if (lines.some((l) => l.created)) await this.acknowledgeOne(p.externalOrderId);
        const methodCode = order.shippingInfo?.methodCode && METHOD_CODES.has(order.shippingInfo.methodCode) ? order.shippingInfo.methodCode : 'Standard';
        const sellerOrderId = order.customerOrderId && order.customerOrderId.length <= 30 ? order.customerOrderId : order.purchaseOrderId;
        const trackingInfo = {
          shipDateTime: p.shippedAt.getTime(),
          carrierName: carrier.kind === 'listed' ? { carrier: carrier.code } : { otherCarrier: carrier.name },
          methodCode,
          trackingNumber: p.trackingNumber,
          ...(p.trackingUrl ? { trackingURL: p.trackingUrl } : {}),
        };
        const body = {
          orderShipment: {
            orderLines: {
              orderLine: lines.map((l) => ({
                lineNumber: l.lineNumber,
                sellerOrderId,
                orderLineStatuses: {
                  orderLineStatus: [{ status: 'Shipped', statusQuantity: { unitOfMeasurement: 'EACH', amount: String(l.quantity) }, trackingInfo }],
                },
              })),
            },
          },
        };
        const res = await this.client.post('shippingUpdates', `${path(p.externalOrderId)}/shipping`, shipOrderResponse, body);
        if (res === NO_CONTENT) throw notFound('walmart.shippingUpdates');
        if (!hasTracking(res.body.order, p.trackingNumber)) {
          throw new MarketplaceError('malformed', 'walmart.shippingUpdates: the answer does not show the shipment', { operation: 'walmart.shippingUpdates' });
        }
        return { outcome: 'pushed' };
      },
      this.client.retryPolicy,
      this.client.clock,
    );
  }

  /** One call per order, in order; a re-acknowledgement changes nothing, so retrying is safe. */
  async acknowledgeOrders(ids: readonly string[]): Promise<AcknowledgeResult[]> {
    const out: AcknowledgeResult[] = [];
    for (const id of ids) {
      const raw = await this.acknowledgeOne(id);
      out.push({ externalOrderId: id, order: mapOrders([raw]).records[0] ?? null });
    }
    return out;
  }

  private async acknowledgeOne(po: string): Promise<unknown> {
    const res = await withRetries(() => this.client.post('acknowledgeOrders', `${path(po)}/acknowledge`, orderResponse), this.client.retryPolicy, this.client.clock);
    if (res === NO_CONTENT) throw notFound('walmart.acknowledgeOrders');
    return res.body.order;
  }

  private async read(po: string): Promise<ShipOrder> {
    const res = await this.client.get('getAnOrder', path(po), shipOrderResponse);
    if (res === NO_CONTENT) throw notFound('walmart.getAnOrder');
    return res.body.order;
  }
}

function notFound(operation: string): MarketplaceError {
  return new MarketplaceError('not_found', `${operation}: Walmart has no such order`, { status: 404, operation });
}
