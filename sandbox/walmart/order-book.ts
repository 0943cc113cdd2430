// One seller's orders: generated on demand from the account profile, plus a small overlay of the
// orders that API calls changed. Nothing per order is stored unless an API call touched it.
import { orderCount, simOrder, type SimOrder } from '@/sandbox/core/catalog';
import type { WalmartAccount } from './accounts';
import { IdCodec } from './ids';
import { renderOrder, type RenderOptions, type WalmartOrderJson } from './order-json';
import { applyOddOrder, type OddRecordKind } from './odd-records';
import { lineStates, orderLastModified, type LineState, type OrderOverlay } from './order-state';

export class OrderBook {
  readonly overlays = new Map<number, OrderOverlay>();
  /** Knob: orders (by purchase order id) rendered with an odd shape (odd-records.ts). */
  readonly oddities = new Map<string, OddRecordKind>();
  private readonly poCodec: IdCodec;
  private readonly coCodec: IdCodec;

  constructor(readonly account: WalmartAccount) {
    this.poCodec = new IdCodec(account.profile.seed, 'purchaseOrderId', 4);
    this.coCodec = new IdCodec(account.profile.seed, 'customerOrderId', 3);
  }

  get seed(): string {
    return this.account.profile.seed;
  }

  count(now: number): number {
    return orderCount(this.account.profile, now);
  }

  order(index: number): SimOrder {
    return simOrder(this.account.profile, index);
  }

  purchaseOrderId(index: number): string {
    return this.poCodec.encode(index);
  }

  /** Index of an existing order (created by `now`), or null. */
  indexOfPurchaseOrder(po: string, now: number): number | null {
    const i = this.poCodec.decode(po);
    return i !== null && i < this.count(now) ? i : null;
  }

  indexOfCustomerOrder(co: string, now: number): number | null {
    const i = this.coCodec.decode(co);
    return i !== null && i < this.count(now) ? i : null;
  }

  states(o: SimOrder, t: number): LineState[] {
    return lineStates(this.seed, o, this.purchaseOrderId(o.index), this.overlays.get(o.index), t);
  }

  /** Statuses without the tracking details (cheap, for filtering). */
  statuses(o: SimOrder, t: number): LineState[] {
    return lineStates(this.seed, o, null, this.overlays.get(o.index), t);
  }

  lastModified(o: SimOrder, t: number): number {
    return orderLastModified(this.seed, o, this.overlays.get(o.index), t);
  }

  render(o: SimOrder, t: number, opts: RenderOptions, states = this.states(o, t)): WalmartOrderJson {
    const ids = { purchaseOrderId: this.purchaseOrderId(o.index), customerOrderId: this.coCodec.encode(o.index) };
    const json = renderOrder(this.seed, o, ids, states, opts);
    const odd = this.oddities.get(ids.purchaseOrderId);
    return odd ? (applyOddOrder(json, odd) as WalmartOrderJson) : json;
  }

  overlayFor(index: number): OrderOverlay {
    let ov = this.overlays.get(index);
    if (!ov) {
      ov = { shipments: [] };
      this.overlays.set(index, ov);
    }
    return ov;
  }

  /** Indexes of overlaid orders, descending. */
  overlaidIndexesDesc(): number[] {
    return [...this.overlays.keys()].sort((a, b) => b - a);
  }
}
