// Walmart does not publish per-endpoint Marketplace limits in any source we could read
// (marketplace-apis.md §7.1). These seeds are deliberately modest; the connector tightens them at
// run time from `X-Current-Token-Count` / `X-Next-Replenishment-Time` and from 429s.

export type WalmartOperation = 'token' | 'getAllOrders' | 'getAnOrder' | 'getAllItems' | 'getMultiNodeInventories' | 'acknowledgeOrders' | 'shippingUpdates';

export interface BucketLimit {
  ratePerSecond: number;
  burst: number;
}

export const walmartDefaultLimits: Readonly<Record<WalmartOperation, BucketLimit>> = {
  // A token lives 15 minutes and is cached, so this bucket only matters for broken credentials.
  token: { ratePerSecond: 1, burst: 5 },
  // Commonly cited as 5000 calls/minute for order reads (the simulator assumes the same).
  getAllOrders: { ratePerSecond: 80, burst: 100 },
  // One order by id: only quarantined orders' retries use it, a handful per run.
  getAnOrder: { ratePerSecond: 5, burst: 10 },
  // Commonly cited as 300 calls/minute for item reads.
  getAllItems: { ratePerSecond: 5, burst: 10 },
  // Every SKU's stock, 50 per call (GET /v3/inventories): as modest as item reads.
  getMultiNodeInventories: { ratePerSecond: 5, burst: 10 },
  // Writes: one call per order acknowledged or package shipped; modest until Walmart says otherwise.
  acknowledgeOrders: { ratePerSecond: 5, burst: 10 },
  shippingUpdates: { ratePerSecond: 5, burst: 10 },
};
