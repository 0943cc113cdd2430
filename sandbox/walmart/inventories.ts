// GET /v3/inventories (getMultiNodeInventoryForAllSkuAndAllShipNodes): every SKU's inventory per
// ship node, field for field as the inventory spec's example: `meta.totalCount`, `meta.nextCursor`
// (a new value on every page, fed back as `nextCursor`; none on the last page) and
// `elements.inventories[]` of `{sku, nodes[{shipNode, inputQty, availToSellQty, reservedQty}]}`.
// `limit` defaults to 10 and "cannot be more than 50". Quantities come from the shared catalog's
// stockFor, so they match GET /v3/inventory?sku= for the same SKU.
import { CATALOG, stockFor } from '@/sandbox/core/catalog';
import { digits, rngFor } from '@/sandbox/core/random';
import { json } from '@/sandbox/core/router';
import type { WalmartAccount } from './accounts';
import { invalidParam } from './errors';

const INVENTORY_API = 'GMP_INVENTORY_API';
const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;

const each = (amount: number) => ({ unit: 'EACH', amount });

function shipNodes(seed: string): [string, string] {
  const r = rngFor(seed, 'wm-ship-nodes');
  return [digits(r, 18), '100009'];
}

/** The SKU's stock split over the seller's ship nodes: one node, or two for about a quarter of SKUs. */
export function inventoryFor(account: WalmartAccount, sku: string) {
  const seed = account.profile.seed;
  const avail = stockFor(seed, sku);
  const r = rngFor(seed, 'wm-inventory-nodes', sku);
  const [main, second] = shipNodes(seed);
  const node = (shipNode: string, availToSell: number) => {
    // Units ordered and not yet shipped are reserved on top of what is still available to sell.
    const reserved = availToSell > 0 && r() < 0.3 ? Math.min(3, 1 + Math.floor(r() * 3)) : 0;
    return { shipNode, inputQty: each(availToSell + reserved), availToSellQty: each(availToSell), reservedQty: each(reserved) };
  };
  if (avail > 1 && r() < 0.25) {
    const first = Math.floor(avail * 0.7);
    return { sku, nodes: [node(main, first), node(second, avail - first)] };
  }
  return { sku, nodes: [node(main, avail)] };
}

const encodeCursor = (index: number, seed: string) => Buffer.from(`${seed}|${index}|${rngFor(seed, 'inv-cursor', index)()}`).toString('base64');

function decodeCursor(cursor: string, seed: string): number | null {
  const [s, i] = Buffer.from(cursor.replace(/ /g, '+'), 'base64').toString('utf8').split('|');
  return s === seed && /^\d+$/.test(i ?? '') ? Number(i) : null;
}

export function listInventories(account: WalmartAccount, url: URL): Response {
  const p = url.searchParams;
  const limitRaw = p.get('limit') || String(DEFAULT_LIMIT);
  if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1 || Number(limitRaw) > MAX_LIMIT) {
    return invalidParam(INVENTORY_API, 'limit', `Invalid value '${limitRaw}' for limit; it cannot be more than ${MAX_LIMIT}`);
  }
  const seed = account.profile.seed;
  const cursor = p.get('nextCursor');
  const start = cursor ? decodeCursor(cursor, seed) : 0;
  if (start === null || start > CATALOG.length) return invalidParam(INVENTORY_API, 'nextCursor', `Invalid value '${cursor}' for nextCursor`);
  const page = CATALOG.slice(start, start + Number(limitRaw));
  const end = start + page.length;
  return json({
    meta: { totalCount: CATALOG.length, ...(end < CATALOG.length ? { nextCursor: encodeCursor(end, seed) } : {}) },
    elements: { inventories: page.map((i) => inventoryFor(account, i.sku)) },
  });
}
