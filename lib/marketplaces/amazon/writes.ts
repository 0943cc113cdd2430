// Amazon writes (marketplace-apis.md §2.6): confirmShipment (Orders v0), one package per call.
// Every attempt reads the order first (Orders 2026-01-01 getOrder, its packages): a package
// already carrying this tracking number is never confirmed twice. Amazon can answer 204 and drop
// the confirmation (selling-partner-api-models #5232), so the order is read back after the 204,
// and a package that is not there is a transient failure: the next attempt confirms again.
import type { PushResult, TrackingPush } from '@/lib/marketplaces/capabilities';
import { carrierFor } from '@/lib/marketplaces/carriers';
import { MarketplaceError, withRetries } from '@/lib/marketplaces/http';
import type { SpClient } from './sp';
import { noContent, orderForPush, type OrderForPush } from './wire';

const OPERATION = 'amazon.confirmShipment';

const landed = (order: OrderForPush, trackingNumber: string) => (order.packages ?? []).some((p) => p.trackingNumber === trackingNumber);

/** packageReferenceId: "a positive numeric string, unique per order": the next after those used. */
function nextPackageReference(order: OrderForPush): number {
  const used = (order.packages ?? []).map((p) => Number(p.packageReferenceId)).filter((n) => Number.isSafeInteger(n) && n > 0);
  return Math.max(0, ...used) + 1;
}

function openItems(order: OrderForPush): Array<{ orderItemId: string; quantity: number }> {
  return order.orderItems
    .map((i) => ({ orderItemId: i.orderItemId, quantity: i.fulfillment?.quantityUnfulfilled ?? i.quantityOrdered }))
    .filter((i) => i.quantity > 0);
}

export class AmazonWrites {
  constructor(
    private readonly sp: SpClient,
    private readonly marketplaceId: string,
  ) {}

  async pushTracking(p: TrackingPush): Promise<PushResult> {
    const carrier = carrierFor('amazon', p.carrier, p.carrierName);
    if (p.packageNumber !== undefined && !(Number.isSafeInteger(p.packageNumber) && p.packageNumber > 0)) {
      throw new MarketplaceError('permanent', `${OPERATION}: the package number must be a positive whole number`, { operation: OPERATION });
    }
    return withRetries(
      async () => {
        const order = await this.read(p.externalOrderId);
        if (landed(order, p.trackingNumber)) return { outcome: 'already_pushed' };
        const orderItems = p.lines?.map((l) => ({ orderItemId: l.lineId, quantity: l.quantity })) ?? openItems(order);
        if (!orderItems.length) throw new MarketplaceError('permanent', `${OPERATION}: no line of this order is left to ship`, { operation: OPERATION });
        const packageDetail = {
          packageReferenceId: String(p.packageNumber ?? nextPackageReference(order)),
          // "Other" with the carrier's name for carriers outside Amazon's list.
          ...(carrier.kind === 'listed' ? { carrierCode: carrier.code } : { carrierCode: 'Other', carrierName: carrier.name }),
          ...(p.serviceLevel ? { shippingMethod: p.serviceLevel } : {}),
          trackingNumber: p.trackingNumber,
          shipDate: p.shippedAt.toISOString(),
          orderItems,
        };
        await this.sp.call(
          {
            operation: 'confirmShipment',
            endpoint: 'orders',
            version: 'v0',
            path: { orderId: p.externalOrderId },
            body: { marketplaceId: this.marketplaceId, packageDetail },
          },
          noContent,
          { ...this.sp.retryPolicy, maxAttempts: 1 },
        );
        if (!landed(await this.read(p.externalOrderId), p.trackingNumber)) {
          throw new MarketplaceError('transient', `${OPERATION}: answered 204 but the order does not show the package`, { operation: OPERATION });
        }
        return { outcome: 'pushed' };
      },
      this.sp.retryPolicy,
      this.sp.clock,
    );
  }

  private async read(orderId: string): Promise<OrderForPush> {
    const res = await this.sp.call(
      { operation: 'getOrder', endpoint: 'orders', version: '2026-01-01', path: { orderId }, query: { includedData: ['FULFILLMENT', 'PACKAGES'] } },
      orderForPush,
    );
    return res.order;
  }
}
