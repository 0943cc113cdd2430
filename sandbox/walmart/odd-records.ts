// Knob: records rendered with the odd shapes real Walmart payloads have been seen with, so the
// end-to-end sync tests can show one such record is quarantined while the rest of its page is
// stored. Tests pick them per purchase order (OrderBook.oddities) or SKU (WalmartSandbox.oddItems).
export type OddRecordKind =
  /** `orderLineStatuses.orderLineStatus: []` on the first line. */
  | 'empty_status'
  /** A PRODUCT charge (or an item's price) with a currency and no amount. */
  | 'price_without_amount'
  /** A PRODUCT charge (or price) of 10^12 dollars: valid JSON, beyond numeric(12,2). */
  | 'out_of_range'
  /** The first PRODUCT charge is exactly 31.995 (float arithmetic makes it 31.99), tax 0. */
  | 'three_decimals';

type Json = Record<string, any>;

const OUT_OF_RANGE = 1_000_000_000_000;

export function applyOddOrder(order: Json, kind: OddRecordKind): Json {
  const o = structuredClone(order);
  const line = o.orderLines.orderLine[0];
  const product = line.charges.charge.find((c: Json) => c.chargeType === 'PRODUCT');
  if (kind === 'empty_status') line.orderLineStatuses.orderLineStatus = [];
  else if (kind === 'price_without_amount') delete product.chargeAmount.amount;
  else if (kind === 'out_of_range') product.chargeAmount.amount = OUT_OF_RANGE;
  else {
    product.chargeAmount.amount = 31.995;
    product.tax.taxAmount.amount = 0;
  }
  return o;
}

export function applyOddItem(item: Json, kind: OddRecordKind): Json {
  const i = structuredClone(item);
  if (kind === 'price_without_amount') i.price = { currency: 'USD' };
  else if (kind === 'out_of_range') i.price = { currency: 'USD', amount: OUT_OF_RANGE };
  else if (kind === 'three_decimals') i.price = { currency: 'USD', amount: 31.995 };
  // An item has no status array: "empty_status" leaves it as it is.
  return i;
}
