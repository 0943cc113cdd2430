// Sell Inventory API v1 (read side): getInventoryItems, getInventoryItem, getOffers, built from the
// shared CATALOG with the account's stock levels. Note eBay's quirk: `offset` is a page number here.
import { CATALOG, stockFor, type CatalogItem } from '@/sandbox/core/catalog';
import { intBetween, rngFor } from '@/sandbox/core/random';
import type { Router } from '@/sandbox/core/router';
import { json } from '@/sandbox/core/router';
import * as E from './errors';
import { legacyItemId, offerId } from './ids';
import { SCOPE } from './scopes';

const BASE = '/sell/inventory/v1';
const READ = [SCOPE.inventory, SCOPE.inventoryReadonly];

export interface InventoryContext {
  guard(req: Request, scopes: readonly string[]): { ok: true; seller: { seed: string } } | { ok: false; response: Response };
}

const CATEGORY: Record<string, string> = {
  MUG: '20625', TMB: '20625', BTL: '20625', TWL: '20463', CND: '46782', CTB: '20654', LED: '20697', CBL: '44932',
  CHG: '123417', PHN: '20349', YGA: '158923', DBL: '137865', BAG: '169291', SOK: '11510', PLT: '20563', NTB: '45112',
};

function inventoryItem(seed: string, item: CatalogItem): Record<string, unknown> {
  const quantity = stockFor(seed, item.sku);
  return {
    sku: item.sku,
    locale: 'en_US',
    product: {
      title: item.title,
      description: `${item.title}. Ships from our US warehouse.`,
      // The model declares `aspects` a string; eBay sends (and accepts) a JSON object of arrays.
      aspects: { Brand: [item.brand], MPN: [item.sku] },
      brand: item.brand,
      mpn: item.sku,
      imageUrls: [item.image],
      upc: [item.upc],
    },
    condition: 'NEW',
    packageWeightAndSize: { weight: { value: item.weightOz, unit: 'OUNCE' } },
    availability: { shipToLocationAvailability: { quantity, allocationByFormat: { fixedPrice: quantity, auction: 0 } } },
  };
}

export function isPublished(seed: string, sku: string): boolean {
  return rngFor(seed, 'ebay-unpublished', sku)() >= 0.15;
}

function offer(seed: string, item: CatalogItem): Record<string, unknown> {
  const quantity = stockFor(seed, item.sku);
  const published = isPublished(seed, item.sku);
  return {
    offerId: offerId(seed, item.sku),
    sku: item.sku,
    marketplaceId: 'EBAY_US',
    format: 'FIXED_PRICE',
    listingDuration: 'GTC',
    availableQuantity: quantity,
    categoryId: CATEGORY[item.sku.split('-')[0]] ?? '99',
    listingDescription: `<p>${item.title}</p>`,
    listingPolicies: { fulfillmentPolicyId: '6196932000', paymentPolicyId: '6196936000', returnPolicyId: '6196934000' },
    merchantLocationKey: 'main-warehouse',
    pricingSummary: { price: { value: item.price.toFixed(2), currency: 'USD' } },
    includeCatalogProductDetails: true,
    hideBuyerDetails: false,
    status: published ? 'PUBLISHED' : 'UNPUBLISHED',
    ...(published
      ? {
          listing: {
            listingId: legacyItemId(seed, item.sku),
            listingStatus: quantity > 0 ? 'ACTIVE' : 'OUT_OF_STOCK',
            soldQuantity: intBetween(rngFor(seed, 'ebay-sold', item.sku), 0, 400),
            listingOnHold: false,
          },
        }
      : {}),
  };
}

function pagination(url: URL, defaultLimit: number, maxLimit: number): { limit: number; page: number } | null {
  const rawLimit = url.searchParams.get('limit');
  const rawOffset = url.searchParams.get('offset');
  const limit = rawLimit === null ? defaultLimit : Number(rawLimit);
  const page = rawOffset === null ? 0 : Number(rawOffset);
  if ((rawLimit !== null && !/^\d+$/.test(rawLimit)) || limit < 1 || limit > maxLimit) return null;
  if ((rawOffset !== null && !/^\d+$/.test(rawOffset)) || !Number.isSafeInteger(page)) return null;
  return { limit, page };
}

const badPagination = (what: string) => E.inventoryError(400, 25706, `You have provided invalid pagination values. ${what}.`);

export function inventoryRoutes(router: Router, ctx: InventoryContext): void {
  router.add('GET', `${BASE}/inventory_item`, (req, { url }) => {
    const g = ctx.guard(req, READ);
    if (!g.ok) return g.response;
    const p = pagination(url, 25, 200);
    if (!p) return badPagination('limit/offset');
    const total = CATALOG.length;
    const link = (page: number) => `${url.origin}${BASE}/inventory_item?offset=${page}&limit=${p.limit}`;
    const items = CATALOG.slice(p.page * p.limit, (p.page + 1) * p.limit);
    return json({
      href: link(p.page),
      limit: p.limit,
      ...((p.page + 1) * p.limit < total ? { next: link(p.page + 1) } : {}),
      ...(p.page > 0 ? { prev: link(p.page - 1) } : {}),
      // The model: "the total number of pages of results that are available".
      size: Math.ceil(total / p.limit),
      total,
      inventoryItems: items.map((i) => inventoryItem(g.seller.seed, i)),
    });
  });

  router.add('GET', `${BASE}/inventory_item/{sku}`, (req, { params }) => {
    const g = ctx.guard(req, READ);
    if (!g.ok) return g.response;
    if (params.sku.length > 50) return E.inventoryError(400, 25709, 'Invalid value for sku.', [{ name: 'sku', value: params.sku }]);
    const item = CATALOG.find((c) => c.sku === params.sku);
    if (!item) return E.inventoryError(404, 25710, "We didn't find the resource/entity you are requesting. Please verify the request");
    return json(inventoryItem(g.seller.seed, item));
  });

  router.add('GET', `${BASE}/offer`, (req, { url }) => {
    const g = ctx.guard(req, READ);
    if (!g.ok) return g.response;
    const q = url.searchParams;
    const sku = q.get('sku') ?? '';
    if (!sku || sku.length > 50) {
      return E.inventoryError(400, 25707, 'Invalid sku. sku has to be alphanumeric with upto 50 characters in length', [{ name: 'sku', value: sku }]);
    }
    const format = q.get('format');
    if (format !== null && format !== 'FIXED_PRICE' && format !== 'AUCTION') {
      return E.inventoryError(400, 25709, 'Invalid value for format.', [{ name: 'format', value: format }]);
    }
    const p = pagination(url, 100, 1000);
    if (!p) return badPagination('limit/offset');
    const item = CATALOG.find((c) => c.sku === sku);
    const all = item && (format ?? 'FIXED_PRICE') === 'FIXED_PRICE' && (q.get('marketplace_id') ?? 'EBAY_US') === 'EBAY_US' ? [offer(g.seller.seed, item)] : [];
    if (!all.length) return E.inventoryError(404, 25713, `This Offer is not available : ${sku}.`);
    const offers = all.slice(p.page * p.limit, (p.page + 1) * p.limit);
    const link = (page: number) => `${url.origin}${BASE}/offer?sku=${encodeURIComponent(sku)}&offset=${page}&limit=${p.limit}`;
    return json({
      href: link(p.page),
      limit: p.limit,
      ...((p.page + 1) * p.limit < all.length ? { next: link(p.page + 1) } : {}),
      ...(p.page > 0 ? { prev: link(p.page - 1) } : {}),
      size: offers.length,
      total: all.length,
      offers,
    });
  });
}
