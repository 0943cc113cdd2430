// Listings Items API 2021-08-01: getListingsItem and searchListingsItems over the shared CATALOG
// (one listing per SKU, stock from stockFor). includedData selects summaries, attributes,
// issues, offers, fulfillmentAvailability, relationships and productTypes.
import { CATALOG, stockFor, type CatalogItem } from '@/sandbox/core/catalog';
import { hashString } from '@/sandbox/core/random';
import { AMAZON_US_MARKETPLACE_ID, type AmazonAccount } from './accounts';
import type { SpContext } from './context';
import { DENIED, invalidInput, isoSeconds, listParam, money2, parseIso, spError, spJson, type SpError } from './http';
import { asinFor } from './ids';
import { validateMarketplaces } from './getOrders';

const DAY = 86_400_000;
const INCLUDED = ['summaries', 'attributes', 'issues', 'offers', 'fulfillmentAvailability', 'procurement', 'relationships', 'productTypes'];
const PRODUCT_TYPES: Record<string, string> = {
  MUG: 'DRINKING_CUP', TMB: 'BOTTLE', BTL: 'BOTTLE', TWL: 'TOWEL', CND: 'CANDLE', CTB: 'CUTTING_BOARD', LED: 'LIGHT_FIXTURE',
  CBL: 'ELECTRONIC_CABLE', CHG: 'CHARGING_ADAPTER', PHN: 'CELLULAR_PHONE_CASE', YGA: 'EXERCISE_MAT', DBL: 'DUMBBELL',
  BAG: 'HANDBAG', SOK: 'SOCKS', PLT: 'PLANTER', NTB: 'NOTEBOOK',
};

interface Listing {
  item: CatalogItem;
  asin: string;
  productType: string;
  createdAt: number;
  updatedAt: number;
  quantity: number;
  status: string[];
  issues: Array<{ code: string; message: string; severity: 'WARNING' | 'ERROR'; attributeNames: string[]; categories: string[] }>;
}

function listingsFor(account: AmazonAccount): Listing[] {
  const { seed, epochMs } = account.profile;
  return CATALOG.map((item, i) => {
    const h = hashString(`${seed}|listing|${item.sku}`);
    const quantity = stockFor(seed, item.sku);
    const createdAt = epochMs - (240 - i * 5) * DAY;
    return {
      item,
      asin: asinFor(item.sku),
      productType: PRODUCT_TYPES[item.sku.slice(0, 3)] ?? 'HOME',
      createdAt,
      updatedAt: createdAt + (30 + (h % 120)) * DAY,
      quantity,
      status: quantity > 0 ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'],
      issues: h % 7 === 0
        ? [{ code: '90000900', message: "'bullet_point' is recommended but not supplied.", severity: 'WARNING', attributeNames: ['bullet_point'], categories: ['MISSING_ATTRIBUTE'] }]
        : [],
    };
  });
}

function formatListing(l: Listing, mp: string, inc: Set<string>) {
  const { item } = l;
  const at = (value: unknown) => [{ value, marketplace_id: mp }];
  return {
    sku: item.sku,
    ...(inc.has('summaries')
      ? {
          summaries: [{
            marketplaceId: mp, asin: l.asin, productType: l.productType, conditionType: 'new_new', status: l.status,
            itemName: item.title, createdDate: isoSeconds(l.createdAt), lastUpdatedDate: isoSeconds(l.updatedAt),
            mainImage: { link: item.image, height: 1000, width: 1000 },
          }],
        }
      : {}),
    ...(inc.has('attributes')
      ? {
          attributes: {
            item_name: [{ value: item.title, language_tag: 'en_US', marketplace_id: mp }],
            brand: [{ value: item.brand, language_tag: 'en_US', marketplace_id: mp }],
            condition_type: at('new_new'),
            externally_assigned_product_identifier: [{ type: 'upc', value: item.upc, marketplace_id: mp }],
            purchasable_offer: [{ currency: 'USD', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: item.price }] }], marketplace_id: mp }],
            fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: l.quantity }],
            item_package_weight: [{ unit: 'ounces', value: item.weightOz, marketplace_id: mp }],
            main_product_image_locator: [{ media_location: item.image, marketplace_id: mp }],
          },
        }
      : {}),
    ...(inc.has('issues') ? { issues: l.issues.map((x) => ({ ...x, marketplaceIds: [mp] })) } : {}),
    ...(inc.has('offers')
      ? { offers: [{ marketplaceId: mp, offerType: 'B2C', price: { currencyCode: 'USD', amount: money2(item.price) }, audience: { value: 'ALL', displayName: 'Sell on Amazon' } }] }
      : {}),
    ...(inc.has('fulfillmentAvailability') ? { fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: l.quantity }] } : {}),
    // Procurement is vendor-only: a seller listing has none.
    ...(inc.has('procurement') ? { procurement: [] } : {}),
    ...(inc.has('relationships') ? { relationships: [{ marketplaceId: mp, relationships: [] }] } : {}),
    ...(inc.has('productTypes') ? { productTypes: [{ marketplaceId: mp, productType: l.productType }] } : {}),
  };
}

function common(ctx: SpContext): { mp: string; inc: Set<string> } | Response {
  const { url, account, rate } = ctx;
  if (ctx.params.sellerId !== account.sellingPartnerId) return spError(403, { code: 'Unauthorized', message: DENIED, details: '' }, rate);
  const mps = listParam(url, 'marketplaceIds');
  const own = account.marketplaceId ?? AMAZON_US_MARKETPLACE_ID;
  const e = validateMarketplaces(mps, own, 'marketplaceIds');
  if (e) return spError(400, e, rate);
  const list = listParam(url, 'includedData') ?? ['summaries'];
  const bad = list.find((x) => !INCLUDED.includes(x));
  if (bad) return spError(400, invalidInput(`Invalid includedData value: ${bad}`), rate);
  return { mp: own, inc: new Set(list) };
}

export function getListingsItem(ctx: SpContext): Response {
  const c = common(ctx);
  if (c instanceof Response) return c;
  const l = listingsFor(ctx.account).find((x) => x.item.sku === ctx.params.sku);
  if (!l) return spError(404, { code: 'NOT_FOUND', message: `SKU '${ctx.params.sku}' not found in marketplace ${c.mp}`, details: '' }, ctx.rate);
  return spJson(200, formatListing(l, c.mp, c.inc), ctx.rate);
}

function identifierMatcher(type: string, ids: string[]): (l: Listing) => boolean {
  const has = (v: string) => ids.includes(v);
  switch (type) {
    case 'SKU': return (l) => has(l.item.sku);
    case 'ASIN': return (l) => has(l.asin);
    case 'UPC': return (l) => has(l.item.upc);
    case 'EAN': return (l) => has(`0${l.item.upc}`);
    case 'GTIN': return (l) => has(`00${l.item.upc}`) || has(l.item.upc);
    default: return () => false; // FNSKU, ISBN, JAN, MINSAN: none of these listings has one
  }
}

function searchFilters(url: URL): Array<(l: Listing) => boolean> | SpError {
  const q = url.searchParams;
  const filters: Array<(l: Listing) => boolean> = [];
  const ids = listParam(url, 'identifiers');
  const idType = q.get('identifiersType');
  if ((ids === undefined) !== (idType === null)) return invalidInput('identifiers and identifiersType must be provided together.');
  const parents = ['variationParentSku', 'packageHierarchySku'].filter((p) => q.get(p) !== null);
  if (parents.length + (ids ? 1 : 0) > 1) return invalidInput('Only one of identifiers, variationParentSku and packageHierarchySku can be provided.');
  if (parents.length) filters.push(() => false); // no listing here has variation or package relationships
  if (ids && idType) {
    if (ids.length > 20) return invalidInput('identifiers accepts at most 20 values.');
    if (!['ASIN', 'EAN', 'FNSKU', 'GTIN', 'ISBN', 'JAN', 'MINSAN', 'SKU', 'UPC'].includes(idType)) return invalidInput(`Invalid identifiersType: ${idType}`);
    filters.push(identifierMatcher(idType, ids));
  }
  const dates: Array<[string, (l: Listing, t: number) => boolean]> = [
    ['createdAfter', (l, t) => l.createdAt >= t], ['createdBefore', (l, t) => l.createdAt <= t],
    ['lastUpdatedAfter', (l, t) => l.updatedAt >= t], ['lastUpdatedBefore', (l, t) => l.updatedAt <= t],
  ];
  for (const [name, test] of dates) {
    const raw = q.get(name);
    if (raw === null) continue;
    const t = parseIso(raw);
    if (t === null) return invalidInput(`Invalid ${name}: ${raw}`);
    filters.push((l) => test(l, t));
  }
  const sev = listParam(url, 'withIssueSeverity');
  if (sev?.some((s) => s !== 'WARNING' && s !== 'ERROR')) return invalidInput('Invalid withIssueSeverity value.');
  if (sev) filters.push((l) => l.issues.some((i) => sev.includes(i.severity)));
  for (const [name, want] of [['withStatus', true], ['withoutStatus', false]] as const) {
    const st = listParam(url, name);
    if (st?.some((s) => s !== 'BUYABLE' && s !== 'DISCOVERABLE')) return invalidInput(`Invalid ${name} value.`);
    if (st) filters.push((l) => st.every((s) => l.status.includes(s) === want));
  }
  return filters;
}

export function searchListingsItems(ctx: SpContext): Response {
  const c = common(ctx);
  if (c instanceof Response) return c;
  const { url, rate } = ctx;
  const q = url.searchParams;
  const filters = searchFilters(url);
  if (!Array.isArray(filters)) return spError(400, filters, rate);
  const sortBy = q.get('sortBy') ?? 'lastUpdatedDate';
  const sortOrder = q.get('sortOrder') ?? 'DESC';
  if (!['sku', 'createdDate', 'lastUpdatedDate'].includes(sortBy)) return spError(400, invalidInput(`Invalid sortBy: ${sortBy}`), rate);
  if (sortOrder !== 'ASC' && sortOrder !== 'DESC') return spError(400, invalidInput(`Invalid sortOrder: ${sortOrder}`), rate);
  const size = q.get('pageSize') === null ? 10 : Number(q.get('pageSize'));
  if (!Number.isInteger(size) || size < 1 || size > 20) return spError(400, invalidInput('pageSize must be between 1 and 20.'), rate);

  const key = (l: Listing) => (sortBy === 'sku' ? l.item.sku : sortBy === 'createdDate' ? l.createdAt : l.updatedAt);
  const all = listingsFor(ctx.account)
    .filter((l) => filters.every((f) => f(l)))
    .sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      const cmp = x < y ? -1 : x > y ? 1 : a.item.sku.localeCompare(b.item.sku);
      return sortOrder === 'ASC' ? cmp : -cmp;
    });
  // Page tokens are bound to the query (minus the token itself) so they cannot be replayed elsewhere.
  const rest = new URLSearchParams(q);
  rest.delete('pageToken');
  rest.sort();
  const queryKey = hashString(rest.toString()).toString(36);
  const token = (offset: number) => Buffer.from(`${offset}.${queryKey}`).toString('base64url');
  let offset = 0;
  const pt = q.get('pageToken');
  if (pt !== null) {
    const [o, k] = Buffer.from(pt, 'base64url').toString('utf8').split('.');
    if (k !== queryKey || !/^\d+$/.test(o ?? '')) return spError(400, invalidInput('Invalid pageToken.'), rate);
    offset = Number(o);
  }
  const items = all.slice(offset, offset + size);
  const pagination = {
    ...(offset + size < all.length ? { nextToken: token(offset + size) } : {}),
    ...(offset > 0 ? { previousToken: token(Math.max(0, offset - size)) } : {}),
  };
  return spJson(200, {
    numberOfResults: all.length,
    ...(Object.keys(pagination).length ? { pagination } : {}),
    items: items.map((l) => formatListing(l, c.mp, c.inc)),
  }, rate);
}
