// eBay writes (marketplace-apis.md §3.4): createShippingFulfillment, one call per package. Every
// attempt first reads the order's fulfillments: a fulfillment whose answer was lost is found by its
// tracking number (eBay makes the tracking number the fulfillment id) and never posted twice.
import type { PushResult, TrackingPush } from '@/lib/marketplaces/capabilities';
import { carrierFor } from '@/lib/marketplaces/carriers';
import { MarketplaceError, withRetries } from '@/lib/marketplaces/http';
import type { EbayClient } from './client';
import { Created, type Fulfillments } from './wire';

const OPERATION = 'ebay.createShippingFulfillment';

function shippedByLine(f: Fulfillments, quantities: Map<string, number>): Map<string, number> {
  const shipped = new Map<string, number>();
  for (const x of f.fulfillments ?? []) {
    for (const l of x.lineItems ?? []) {
      // A fulfillment line without a quantity covers the whole line.
      shipped.set(l.lineItemId, (shipped.get(l.lineItemId) ?? 0) + (l.quantity ?? quantities.get(l.lineItemId) ?? 0));
    }
  }
  return shipped;
}

export class EbayWrites {
  constructor(private readonly client: EbayClient) {}

  async pushTracking(p: TrackingPush): Promise<PushResult> {
    const carrier = carrierFor('ebay', p.carrier, p.carrierName);
    // eBay takes only letters and digits in a tracking number; Shippo's sometimes carry spaces.
    const trackingNumber = p.trackingNumber.replace(/\s+/g, '');
    return withRetries(
      async () => {
        const fulfillments = await this.client.getShippingFulfillments(p.externalOrderId);
        const known = (fulfillments.fulfillments ?? []).some((f) => f.shipmentTrackingNumber === trackingNumber || f.fulfillmentId === trackingNumber);
        if (known) return { outcome: 'already_pushed' };
        const lineItems = p.lines?.map((l) => ({ lineItemId: l.lineId, quantity: l.quantity })) ?? (await this.openLines(p.externalOrderId, fulfillments));
        if (!lineItems.length) throw new MarketplaceError('permanent', `${OPERATION}: no line of this order is left to ship`, { operation: OPERATION });
        await this.client.createShippingFulfillment(
          p.externalOrderId,
          {
            lineItems,
            shippedDate: p.shippedAt.toISOString(),
            // eBay's ShippingCarrierCodeType value for carriers outside its list is "Other".
            shippingCarrierCode: carrier.kind === 'listed' ? carrier.code : 'Other',
            trackingNumber,
          },
          Created,
        );
        return { outcome: 'pushed' };
      },
      this.client.retryPolicy,
      this.client.clock,
    );
  }

  private async openLines(orderId: string, fulfillments: Fulfillments): Promise<Array<{ lineItemId: string; quantity: number }>> {
    const order = await this.client.getOrder(orderId);
    const quantities = new Map(order.lineItems.map((l) => [l.lineItemId, l.quantity]));
    const shipped = shippedByLine(fulfillments, quantities);
    return order.lineItems
      .map((l) => ({ lineItemId: l.lineItemId, quantity: l.quantity - (shipped.get(l.lineItemId) ?? 0) }))
      .filter((l) => l.quantity > 0);
  }
}
