// The seller's world, shared by every simulated marketplace: one catalog of SKUs (the same SKU is
// listed on Walmart, Amazon and eBay), buyers with plausible US addresses, and an order timeline
// that is a pure function of (account seed, order index, simulated time).
import { createdAtOf, firstIndexCreatedAtOrAfter, orderCount, type Arrivals } from './arrivals';
import { digits, intBetween, pick, rngFor } from './random';

export { firstIndexCreatedAtOrAfter, orderCount };

export interface CatalogItem {
  sku: string;
  title: string;
  price: number; // USD
  weightOz: number;
  brand: string;
  upc: string;
  image: string;
}

const PRODUCTS: Array<[string, string, number, number]> = [
  ['MUG-CER-11OZ-WHT', 'Ceramic Coffee Mug 11 oz, White', 12.99, 14],
  ['MUG-CER-15OZ-BLK', 'Ceramic Coffee Mug 15 oz, Matte Black', 15.49, 18],
  ['TMB-SS-20OZ-NVY', 'Stainless Steel Insulated Tumbler 20 oz, Navy', 24.95, 12],
  ['BTL-GLS-500-CLR', 'Glass Water Bottle 500 ml with Silicone Sleeve', 18.5, 16],
  ['TWL-COT-BATH-GRY', 'Cotton Bath Towel 30x56, Grey', 21.0, 22],
  ['TWL-COT-HAND-WHT', 'Cotton Hand Towel Set of 2, White', 14.75, 12],
  ['CND-SOY-8OZ-LAV', 'Soy Candle 8 oz, Lavender', 16.0, 11],
  ['CND-SOY-8OZ-VAN', 'Soy Candle 8 oz, Vanilla Bean', 16.0, 11],
  ['CTB-BMB-LG', 'Bamboo Cutting Board, Large', 29.99, 40],
  ['CTB-BMB-SM', 'Bamboo Cutting Board, Small', 17.99, 22],
  ['LED-STR-5M-RGB', 'LED Strip Lights 5 m RGB with Remote', 19.99, 9],
  ['CBL-USBC-2M-BLK', 'USB-C Charging Cable 2 m, Braided Black', 9.99, 3],
  ['CHG-USBC-30W', '30W USB-C Wall Charger', 22.49, 4],
  ['PHN-CSE-CLR-15', 'Clear Phone Case for 6.1 inch Phones', 11.99, 2],
  ['YGA-MAT-6MM-PRP', 'Yoga Mat 6 mm, Purple', 27.5, 48],
  ['DBL-NEO-5LB-PR', 'Neoprene Dumbbells 5 lb, Pair', 23.99, 164],
  ['BAG-CNV-TOTE-NAT', 'Canvas Tote Bag, Natural', 13.25, 7],
  ['SOK-WOL-HIK-M', 'Merino Wool Hiking Socks, Medium', 17.0, 4],
  ['PLT-PRS-IND-6IN', 'Indoor Plant Pot 6 inch with Saucer', 15.99, 30],
  ['NTB-DOT-A5-BLK', 'Dotted Notebook A5, Black Hardcover', 10.99, 10],
];

export const CATALOG: readonly CatalogItem[] = PRODUCTS.map(([sku, title, price, weightOz], i) => ({
  sku,
  title,
  price,
  weightOz,
  brand: 'Harbor & Pine',
  upc: `0${String(81234500000 + i * 7).padStart(11, '0')}`,
  image: `https://images.example-sandbox.test/${sku.toLowerCase()}.jpg`,
}));

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Carlos', 'Maria', 'Wei', 'Aisha', 'Daniel', 'Emily', 'Kevin', 'Priya'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Nguyen', 'Patel', 'Kim', 'Chen', 'Okafor'];
const STREETS = ['Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Pine St', 'Elm St', 'Washington Blvd', 'Lakeview Rd', 'Park Ave', 'Sunset Blvd', 'Hillcrest Dr', 'River Rd'];
// [city, state, zip prefix, area code]
const CITIES: Array<[string, string, string, string]> = [
  ['Austin', 'TX', '787', '512'], ['Denver', 'CO', '802', '303'], ['Portland', 'OR', '972', '503'],
  ['Columbus', 'OH', '432', '614'], ['Raleigh', 'NC', '276', '919'], ['Phoenix', 'AZ', '850', '602'],
  ['Nashville', 'TN', '372', '615'], ['Madison', 'WI', '537', '608'], ['Sacramento', 'CA', '958', '916'],
  ['Tampa', 'FL', '336', '813'], ['Boise', 'ID', '837', '208'], ['Pittsburgh', 'PA', '152', '412'],
  ['Brooklyn', 'NY', '112', '718'], ['Seattle', 'WA', '981', '206'], ['Atlanta', 'GA', '303', '404'],
];

export interface Buyer {
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string; // 10 digits
  address1: string;
  address2: string | null;
  city: string;
  state: string;
  postalCode: string;
  country: 'US';
}

export function buyerFor(seed: string, index: number): Buyer {
  const r = rngFor(seed, 'buyer', index);
  const firstName = pick(r, FIRST);
  const lastName = pick(r, LAST);
  const [city, state, zip3, area] = pick(r, CITIES);
  const hasUnit = r() < 0.25;
  return {
    name: `${firstName} ${lastName}`,
    firstName,
    lastName,
    email: `${firstName}.${lastName}.${digits(r, 4)}@buyers.example-sandbox.test`.toLowerCase(),
    phone: `${area}${digits(r, 7)}`,
    address1: `${intBetween(r, 10, 9899)} ${pick(r, STREETS)}`,
    address2: hasUnit ? `Apt ${intBetween(r, 1, 40)}${pick(r, ['A', 'B', 'C', ''])}` : null,
    city,
    state,
    postalCode: `${zip3}${String(intBetween(r, 1, 99)).padStart(2, '0')}`,
    country: 'US',
  };
}

export interface OrderLine {
  lineNumber: number; // 1-based
  item: CatalogItem;
  quantity: number;
}

/** Marketplace-neutral lifecycle of one simulated order. Times are epoch ms. */
export interface SimOrder {
  index: number;
  createdAt: number;
  lines: OrderLine[];
  buyer: Buyer;
  shipBy: number;
  deliverBy: number;
  /** Buyer cancels before shipment (whole order). */
  cancelledAt: number | null;
  /** Seller ships outside ESM: first line(s) at partialShipAt, the rest at shippedAt. */
  partialShipAt: number | null;
  shippedAt: number | null;
  deliveredAt: number | null;
}

/** When orders arrive (epochMs, intervalMs, maxOrders, steps): see arrivals.ts. */
export interface AccountProfile extends Arrivals {
  /** Seed that makes this account's data distinct and repeatable. */
  seed: string;
  /** Exactly this many lines per order (benchmarks); random 1-3 when unset. */
  linesPerOrder?: number;
  /**
   * How orders end. `shop` (the embedded demo): as a working shop's, nearly every order ships
   * before its ship-by and is delivered, a few ship late, a few are cancelled. Unset: the
   * simulators' original mix (most orders are never shipped outside ESM), which tests rely on.
   */
  lifecycle?: 'shop';
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Every event of an order happens within this window after it is created. */
export const MAX_EVENT_WINDOW_MS = 6 * DAY;

export function simOrder(profile: AccountProfile, index: number): SimOrder {
  const createdAt = createdAtOf(profile, index);
  const r = rngFor(profile.seed, 'order', index);
  const random = r() < 0.7 ? 1 : r() < 0.8 ? 2 : 3;
  const lineCount = profile.linesPerOrder ?? random;
  const lines: OrderLine[] = [];
  const used = new Set<string>();
  for (let n = 1; lines.length < lineCount; n++) {
    const item = pick(r, CATALOG);
    if (used.has(item.sku)) continue;
    used.add(item.sku);
    lines.push({ lineNumber: lines.length + 1, item, quantity: r() < 0.85 ? 1 : intBetween(r, 2, 4) });
    if (n > 20) break;
  }
  const fate = r();
  let cancelledAt: number | null = null;
  let partialShipAt: number | null = null;
  let shippedAt: number | null = null;
  let deliveredAt: number | null = null;
  if (profile.lifecycle === 'shop') {
    return { index, createdAt, lines, buyer: buyerFor(profile.seed, index), ...shopFate(r, createdAt, lines.length) };
  }
  if (fate < 0.04) {
    cancelledAt = createdAt + intBetween(r, 1, 20) * HOUR;
  } else if (fate < 0.3) {
    // Shipped by the seller outside ESM (another tool, or by hand): possibly in two parts.
    if (lines.length > 1 && r() < 0.5) partialShipAt = createdAt + intBetween(r, 4, 20) * HOUR;
    shippedAt = createdAt + intBetween(r, 24, 44) * HOUR;
    deliveredAt = shippedAt + intBetween(r, 2, 4) * DAY;
  }
  return {
    index,
    createdAt,
    lines,
    buyer: buyerFor(profile.seed, index),
    shipBy: createdAt + 2 * DAY,
    deliverBy: createdAt + 7 * DAY,
    cancelledAt,
    partialShipAt,
    shippedAt,
    deliveredAt,
  };
}

/** Share of a `shop` account's orders by fate (the rest ship on time); see shopFate. */
export const SHOP_FATES = { cancelledByBuyer: 0.03, shipsLate: 0.03, neverShips: 0.005 } as const;

/**
 * A working shop's order: ship-by two days after the order, deliver-by seven. Buyers cancel a few
 * within hours; nearly all the rest ship 1-8 h after the order (same day, as a busy shop does, so
 * that a few percent of orders are open at any time), some in two parts, and are delivered 2-4
 * days later; a few ship up to 20 h late; one in two hundred never ships and is cancelled by the
 * seller after five days. Every event falls within MAX_EVENT_WINDOW_MS.
 */
function shopFate(r: () => number, createdAt: number, lineCount: number) {
  const times = { shipBy: createdAt + 2 * DAY, deliverBy: createdAt + 7 * DAY };
  const none = { cancelledAt: null, partialShipAt: null, shippedAt: null, deliveredAt: null };
  const fate = r();
  const f = SHOP_FATES;
  if (fate < f.cancelledByBuyer) return { ...times, ...none, cancelledAt: createdAt + intBetween(r, 1, 3) * HOUR + intBetween(r, 0, 59) * 60_000 };
  if (fate < f.cancelledByBuyer + f.neverShips) return { ...times, ...none, cancelledAt: createdAt + 5 * DAY };
  const late = fate < f.cancelledByBuyer + f.neverShips + f.shipsLate;
  const shippedAt = late
    ? times.shipBy + intBetween(r, 2, 20) * HOUR
    : createdAt + intBetween(r, 60, 8 * 60) * 60_000;
  const minutes = (shippedAt - createdAt) / 60_000;
  const partialShipAt = lineCount > 1 && r() < 0.3 && minutes >= 120 ? createdAt + intBetween(r, 30, minutes - 60) * 60_000 : null;
  const deliveredAt = shippedAt + intBetween(r, 24, (late ? 2 : 3) * 24) * HOUR;
  return { ...times, cancelledAt: null, partialShipAt, shippedAt, deliveredAt };
}

/** The order's own events that have happened by `now` (the last one is its last-modified time). */
export function lastModified(o: SimOrder, now: number): number {
  let t = o.createdAt;
  for (const e of [o.cancelledAt, o.partialShipAt, o.shippedAt, o.deliveredAt]) if (e !== null && e <= now && e > t) t = e;
  return t;
}

/**
 * Indexes of orders whose last modification falls in [from, to], without scanning the whole
 * account: an order can only be modified within MAX_EVENT_WINDOW_MS of its creation.
 * Yields in ascending index order; `startIndex` resumes a paged scan.
 */
export function* modifiedIndexes(
  profile: AccountProfile,
  from: number,
  to: number,
  now: number,
  startIndex = 0,
): Generator<number> {
  const count = orderCount(profile, Math.min(to, now));
  let i = Math.max(startIndex, firstIndexCreatedAtOrAfter(profile, from - MAX_EVENT_WINDOW_MS));
  for (; i < count; i++) {
    const lm = lastModified(simOrder(profile, i), Math.min(to, now));
    if (lm >= from && lm <= to) yield i;
  }
}

/** Catalog stock level for a SKU on an account (stable, non-negative). */
export function stockFor(seed: string, sku: string): number {
  const r = rngFor(seed, 'stock', sku);
  return r() < 0.1 ? 0 : intBetween(r, 3, 250);
}
