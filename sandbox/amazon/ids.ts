// Amazon-shaped identifiers derived from (account seed, order index): 3-7-7 order ids that map
// back to their index without a lookup table, 14-digit order item ids and catalog-wide ASINs.
import { digits, hashString, rngFor } from '@/sandbox/core/random';

const MOD = 10_000_000;
// Multiplier coprime with 10^7, so the middle group is a permutation of the index (ids do not
// look sequential but stay reversible).
const MUL = 7_654_321;
const ADD = 3_141_592;

function modInverse(a: number, m: number): number {
  let [oldR, r] = [BigInt(a), BigInt(m)];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  const mm = BigInt(m);
  return Number(((oldS % mm) + mm) % mm);
}
const MUL_INV = modInverse(MUL, MOD);

const pad7 = (n: number) => String(n).padStart(7, '0');

export function orderIdFor(seed: string, index: number): string {
  const prefix = 111 + (hashString(seed) % 4); // 111-114, the US order id prefixes
  const middle = (((index % MOD) * MUL) + ADD) % MOD;
  const tail = hashString(`${seed}|order-id|${index}`) % MOD;
  return `${prefix}-${pad7(middle)}-${pad7(tail)}`;
}

export const ORDER_ID_RE = /^\d{3}-\d{7}-\d{7}$/;

/** The order index an id stands for on this account, or null when it is not one of its orders. */
export function parseOrderId(seed: string, id: string): number | null {
  if (!ORDER_ID_RE.test(id)) return null;
  const middle = Number(id.slice(4, 11));
  const index = Number((BigInt((middle - ADD + MOD) % MOD) * BigInt(MUL_INV)) % BigInt(MOD));
  return orderIdFor(seed, index) === id ? index : null;
}

export function orderItemIdFor(seed: string, index: number, lineNumber: number): string {
  return `${digits(rngFor(seed, 'order-item', index), 12)}${String(lineNumber).padStart(2, '0')}`;
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ASINs are catalog-wide (the same product has the same ASIN for every seller). */
export function asinFor(sku: string): string {
  const r = rngFor('asin', sku);
  let s = 'B0';
  while (s.length < 10) s += ALNUM[Math.floor(r() * ALNUM.length)];
  return s;
}

/** Amazon hides buyer e-mail addresses behind a per-order relay address. */
export function relayEmailFor(seed: string, index: number): string {
  const r = rngFor(seed, 'relay-email', index);
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  while (s.length < 15) s += chars[Math.floor(r() * chars.length)];
  return `${s}@marketplace.amazon.com`;
}
