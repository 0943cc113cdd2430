// GET /v3/items (the seller's listings, built from the shared CATALOG) and GET /v3/inventory
// (the account's stock per SKU, from stockFor).
import { CATALOG, stockFor, type CatalogItem } from '@/sandbox/core/catalog';
import { rngFor } from '@/sandbox/core/random';
import { json } from '@/sandbox/core/router';
import type { WalmartAccount } from './accounts';
import { invalidParam, notFound, serviceError, wmError } from './errors';
import { wpidFor } from './ids';
import { applyOddItem, type OddRecordKind } from './odd-records';

const ITEMS_API = 'GMP_ITEM_QUERY_API';
const INVENTORY_API = 'GMP_INVENTORY_API';
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 50;
const LIFECYCLE = ['ACTIVE', 'ARCHIVED', 'RETIRED'] as const;
const PUBLISHED = ['PUBLISHED', 'READY_TO_PUBLISH', 'IN_PROGRESS', 'UNPUBLISHED', 'STAGE', 'SYSTEM_PROBLEM'] as const;

// Reasons as Walmart words them (items model examples).
const NO_SHIPPING = 'No shipping information was set up. Please re - ingest this item with a shipping price if you are submitting an over - ride.';
const NO_TAX_CODE = 'You did not assign a tax code to your listing during item setup. Please re-ingest your item with a valid tax code.';
const END_DATE_PASSED = 'Your item is unpublished because the end date has passed. To republish your item, re-ingest the item with a new start and end date.';

const SHELVES: Record<string, [string, string]> = {
  MUG: ['["Home Page","Home","Kitchen & Dining","Drinkware","Mugs"]', 'Mugs'],
  TMB: ['["Home Page","Home","Kitchen & Dining","Drinkware","Tumblers"]', 'Tumblers'],
  BTL: ['["Home Page","Home","Kitchen & Dining","Drinkware","Water Bottles"]', 'Water Bottles'],
  TWL: ['["Home Page","Home","Bath","Towels"]', 'Towels'],
  CND: ['["Home Page","Home","Home Decor","Candles"]', 'Candles'],
  CTB: ['["Home Page","Home","Kitchen & Dining","Cutting Boards"]', 'Cutting Boards'],
  LED: ['["Home Page","Home","Lighting","String Lights"]', 'Light Strips'],
  CBL: ['["Home Page","Electronics","Cell Phones","Cables"]', 'Computer Cables'],
  CHG: ['["Home Page","Electronics","Cell Phones","Chargers"]', 'Chargers'],
  PHN: ['["Home Page","Electronics","Cell Phones","Cases"]', 'Cell Phone Cases'],
  YGA: ['["Home Page","Sports & Outdoors","Exercise & Fitness","Yoga"]', 'Yoga Mats'],
  DBL: ['["Home Page","Sports & Outdoors","Exercise & Fitness","Weights"]', 'Dumbbells'],
  BAG: ['["Home Page","Clothing","Bags & Accessories","Tote Bags"]', 'Tote Bags'],
  SOK: ['["Home Page","Clothing","Mens Clothing","Socks"]', 'Socks'],
  PLT: ['["Home Page","Patio & Garden","Planters & Pots"]', 'Plant Pots'],
  NTB: ['["Home Page","Office Supplies","Paper","Notebooks"]', 'Notebooks'],
};

/** Listing state per account and SKU: mostly live, a few blocked by setup problems, one retired. */
function listingFor(account: WalmartAccount, item: CatalogItem) {
  const seed = account.profile.seed;
  const r = rngFor(seed, 'wm-listing', item.sku)();
  const [shelf, productType] = SHELVES[item.sku.split('-')[0]] ?? ['["UNNAV"]', 'default'];
  const state =
    r < 0.08
      ? { publishedStatus: 'UNPUBLISHED', lifecycleStatus: 'RETIRED', reasons: [END_DATE_PASSED] }
      : r < 0.2
        ? { publishedStatus: 'UNPUBLISHED', lifecycleStatus: 'ACTIVE', reasons: [NO_SHIPPING, NO_TAX_CODE] }
        : { publishedStatus: 'PUBLISHED', lifecycleStatus: 'ACTIVE', reasons: [] };
  return {
    mart: 'WALMART_US',
    sku: item.sku,
    condition: 'New',
    wpid: wpidFor(seed, item.sku),
    upc: item.upc,
    gtin: item.upc.padStart(14, '0'),
    productName: item.title,
    shelf,
    productType,
    price: { currency: 'USD', amount: item.price },
    publishedStatus: state.publishedStatus,
    ...(state.reasons.length ? { unpublishedReasons: { reason: state.reasons } } : {}),
    lifecycleStatus: state.lifecycleStatus,
  };
}

/** The cursor names the SKU after which the next page starts. */
function encodeCursor(sku: string): string {
  return Buffer.from(`wm-items|${sku}`).toString('base64');
}

function decodeCursor(cursor: string): string | null {
  // A '+' that a client forgot to URL-encode arrives as a space.
  const s = Buffer.from(cursor.replace(/ /g, '+'), 'base64').toString('utf8');
  return s.startsWith('wm-items|') ? s.slice('wm-items|'.length) : null;
}

export function listItems(account: WalmartAccount, url: URL, odd: ReadonlyMap<string, OddRecordKind> = new Map()): Response {
  const p = url.searchParams;
  const limitRaw = p.get('limit') || String(DEFAULT_LIMIT);
  const offsetRaw = p.get('offset') || '0';
  if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > MAX_LIMIT) {
    return invalidParam(ITEMS_API, 'limit', `Invalid value '${limitRaw}' for limit; it cannot be more than ${MAX_LIMIT}`);
  }
  if (!/^\d+$/.test(offsetRaw)) return invalidParam(ITEMS_API, 'offset', `Invalid value '${offsetRaw}' for offset`);
  for (const [name, allowed] of [['lifecycleStatus', LIFECYCLE], ['publishedStatus', PUBLISHED]] as const) {
    const v = p.get(name);
    if (v && !(allowed as readonly string[]).includes(v.toUpperCase())) {
      return invalidParam(ITEMS_API, name, `Invalid value '${v}' for ${name}; allowed values are ${allowed.join(', ')}`);
    }
  }
  const cursor = p.get('nextCursor') || '*';
  let all = CATALOG.map((item) => listingFor(account, item));
  const f = (name: string) => p.get(name)?.toUpperCase();
  if (p.get('sku')) all = all.filter((i) => i.sku === p.get('sku'));
  if (f('lifecycleStatus')) all = all.filter((i) => i.lifecycleStatus === f('lifecycleStatus'));
  if (f('publishedStatus')) all = all.filter((i) => i.publishedStatus === f('publishedStatus'));
  if (p.get('condition')) all = all.filter((i) => i.condition === p.get('condition'));
  // No simulated listing belongs to a variant group.
  if (p.get('variantGroupId')) all = [];
  let start = Number(offsetRaw);
  if (cursor !== '*') {
    const after = decodeCursor(cursor);
    const at = after === null ? -1 : all.findIndex((i) => i.sku === after);
    if (at < 0) return invalidParam(ITEMS_API, 'nextCursor', `Invalid value '${cursor}' for nextCursor`);
    start = at + 1;
  }
  const page = all.slice(start, start + Number(limitRaw));
  if (page.length === 0) return notFound(ITEMS_API, 'No items found for the given search criteria');
  const more = start + page.length < all.length;
  return json({
    ItemResponse: page.map((i) => (odd.has(i.sku) ? applyOddItem(i, odd.get(i.sku)!) : i)),
    totalItems: all.length,
    ...(more ? { nextCursor: encodeCursor(page[page.length - 1].sku) } : {}),
  });
}

export function getInventory(account: WalmartAccount, url: URL): Response {
  const sku = url.searchParams.get('sku');
  if (!sku) {
    return serviceError(400, wmError(`MISSING_REQUEST_PARAM.${INVENTORY_API}`, 'Missing required query parameter: sku', { field: 'sku' }));
  }
  if (!CATALOG.some((i) => i.sku === sku)) return notFound(INVENTORY_API, `Inventory not found for sku: ${sku}`);
  return json({ sku, quantity: { unit: 'EACH', amount: stockFor(account.profile.seed, sku) } });
}
