// eBay-shaped identifiers derived from (account seed, order index), so any order can be found from
// its id without a lookup table: order ids look like eBay's `04-07534-15297`, line item ids are
// 14 digits, listing ids 12 digits, buyer ids follow the deletion notification's examples.
import { createHash } from 'node:crypto';
import { hashString, rngFor } from '@/sandbox/core/random';
import type { Buyer } from '@/sandbox/core/catalog';

const MOD = 10_000_000_000n; // ten digits after the two-digit prefix
// Multiplier coprime with 10, so index -> number is a bijection modulo 10^10 and ids look scattered.
const MUL = 7_919_137n;

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}
const MUL_INV = modInverse(MUL, MOD);

export interface OrderIdCodec {
  encode(index: number): string;
  /** The order index, or null when the id is not one of this account's ids. */
  decode(orderId: string): number | null;
}

export const ORDER_ID_PATTERN = /^(\d{2})-(\d{5})-(\d{5})$/;

export function orderIdCodec(seed: string): OrderIdCodec {
  const h = hashString(`ebay-order|${seed}`);
  const prefix = String(10 + (h % 90));
  const offset = BigInt(h) * 104_729n % MOD;
  return {
    encode(index) {
      const n = ((BigInt(index) * MUL + offset) % MOD).toString().padStart(10, '0');
      return `${prefix}-${n.slice(0, 5)}-${n.slice(5)}`;
    },
    decode(orderId) {
      const m = ORDER_ID_PATTERN.exec(orderId);
      if (!m || m[1] !== prefix) return null;
      const n = BigInt(m[2] + m[3]);
      const index = (((n - offset) % MOD) + MOD) % MOD * MUL_INV % MOD;
      return index > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(index);
    },
  };
}

/** `1` + the order's ten digits + a three-digit line number: unique per account, stable. */
export function lineItemId(orderId: string, lineNumber: number): string {
  return `1${orderId.replace(/-/g, '').slice(2)}${String(lineNumber).padStart(3, '0')}`;
}

/** The listing (legacy item) id of a SKU on an account. */
export function legacyItemId(seed: string, sku: string): string {
  const r = rngFor(seed, 'ebay-listing', sku);
  return `3${String(Math.floor(r() * 1e11)).padStart(11, '0')}`;
}

export function offerId(seed: string, sku: string): string {
  const r = rngFor(seed, 'ebay-offer', sku);
  return String(5_000_000_000 + Math.floor(r() * 4_000_000_000));
}

export interface EbayUserIdentity {
  /** The eBay user ID (login name) shown on orders as buyer.username. */
  username: string;
  /** The immutable public user id (e.g. `ma8vp1jySJC`). */
  userId: string;
  /** The legacy eiasToken (base64). */
  eiasToken: string;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** Identity of the buyer of order `index`: what an account deletion notification would carry. */
export function buyerIdentity(seed: string, index: number, buyer: Buyer): EbayUserIdentity {
  const r = rngFor(seed, 'ebay-buyer', index);
  const base = `${buyer.firstName}${buyer.lastName[0]}`.toLowerCase();
  const username = `${base}_${Math.floor(r() * 9000 + 1000)}`;
  let userId = '';
  for (let i = 0; i < 11; i++) userId += ALNUM[Math.floor(r() * ALNUM.length)];
  const eiasToken = createHash('sha256').update(`${seed}|eias|${index}`).digest().subarray(0, 40).toString('base64');
  return { username, userId, eiasToken };
}

/** A seller's immutable user id, derived from its username when the account does not set one. */
export function userIdFor(username: string): string {
  const r = rngFor('ebay-user', username);
  let id = '';
  for (let i = 0; i < 11; i++) id += ALNUM[Math.floor(r() * ALNUM.length)];
  return id;
}
