// Walmart-looking identifiers that are reversible functions of (account seed, order index), so a
// purchaseOrderId can be resolved back to its simulated order without storing anything.
import { hashString, rngFor } from '@/sandbox/core/random';

const SPACE = 10_000_000_000n; // ten digits after the per-account prefix

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

/**
 * A bijection index <-> `prefix + 10 digits`: the index is scrambled by an affine map modulo
 * 10^10 (the multiplier is coprime with 10), so consecutive orders get unrelated-looking ids.
 */
export class IdCodec {
  private readonly prefix: string;
  private readonly mul: bigint;
  private readonly inv: bigint;
  private readonly add: bigint;

  constructor(seed: string, tag: string, prefixDigits: number) {
    const h = hashString(`${seed}|${tag}`);
    const low = 10 ** (prefixDigits - 1);
    this.prefix = String(low + (h % (9 * low)));
    // Odd and not a multiple of 5, hence invertible modulo 10^10.
    let m = BigInt(hashString(`${seed}|${tag}|mul`)) * 2n + 1n;
    if (m % 5n === 0n) m += 2n;
    this.mul = m % SPACE;
    this.inv = modInverse(this.mul, SPACE);
    this.add = BigInt(hashString(`${seed}|${tag}|add`)) % SPACE;
  }

  encode(index: number): string {
    const v = (BigInt(index) * this.mul + this.add) % SPACE;
    return this.prefix + v.toString().padStart(10, '0');
  }

  /** The index, or null when the id was not minted by this codec. */
  decode(id: string): number | null {
    if (!/^\d+$/.test(id) || id.length !== this.prefix.length + 10 || !id.startsWith(this.prefix)) return null;
    const v = BigInt(id.slice(this.prefix.length));
    const idx = (((v - this.add) % SPACE) + SPACE) % SPACE * this.inv % SPACE;
    return idx > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(idx);
  }
}

/** Walmart hides buyer e-mail behind a relay address: 32 upper-case hex digits @relay.walmart.com. */
export function relayEmail(seed: string, index: number): string {
  let hex = '';
  for (let i = 0; i < 4; i++) hex += hashString(`${seed}|relay|${index}|${i}`).toString(16).padStart(8, '0');
  return `${hex.toUpperCase()}@relay.walmart.com`;
}

const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Walmart item id (`wpid`): 12 upper-case alphanumerics. */
export function wpidFor(seed: string, sku: string): string {
  const r = rngFor(seed, 'wpid', sku);
  let s = String(Math.floor(r() * 10));
  while (s.length < 12) s += ALNUM[Math.floor(r() * ALNUM.length)];
  return s;
}
