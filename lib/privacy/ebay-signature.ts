// Verification of eBay's X-EBAY-SIGNATURE, exactly as eBay's own SDKs do it (marketplace-apis.md
// §4.6), with node:crypto only. `verifyEbaySignature` is pure apart from the key lookup it is given
// (the simulator's sender is checked against it too). Outcomes:
//   { valid: true }            -> acknowledge (204)
//   { valid: false, reason }   -> 412, eBay will redeliver
//   throws                     -> the key could not be obtained: answer 5xx so eBay retries.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface EbayPublicKey {
  key: string;
  algorithm: string;
  digest: string;
}

export interface SignatureHeader {
  alg: string;
  kid: string;
  signature: string;
  digest: string;
}

export type PublicKeyLookup = (kid: string) => Promise<EbayPublicKey>;

/** eBay does not know this key id (errorId 195001): the signature cannot be eBay's. */
export class UnknownKeyError extends Error {
  constructor(readonly kid: string) {
    super(`eBay does not know the public key id ${kid}`);
    this.name = 'UnknownKeyError';
  }
}

export type VerifyResult =
  | { valid: true; kid: string; signedBytes: 'compact' | 'raw' }
  | { valid: false; reason: 'missing_header' | 'malformed_header' | 'unsupported_algorithm' | 'malformed_body' | 'malformed_key' | 'bad_signature' };

const DIGESTS: Record<string, string> = { SHA1: 'sha1', SHA256: 'sha256' };

/** Base64 → JSON `{alg, kid, signature, digest}`, or null when it is not that. */
export function decodeSignatureHeader(header: string): SignatureHeader | null {
  try {
    const parsed = JSON.parse(Buffer.from(header.trim(), 'base64').toString('utf8')) as Partial<SignatureHeader>;
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { alg, kid, signature, digest } = parsed;
    if (typeof kid !== 'string' || !kid || typeof signature !== 'string' || !signature) return null;
    return { alg: typeof alg === 'string' ? alg : '', kid, signature, digest: typeof digest === 'string' ? digest : '' };
  } catch {
    return null;
  }
}

/** eBay's key comes as one line; OpenSSL 3 needs the base64 on its own line(s) between the markers. */
export function wrapPem(oneLine: string): string {
  const body = oneLine
    .replace('-----BEGIN PUBLIC KEY-----', '')
    .replace('-----END PUBLIC KEY-----', '')
    .replace(/\s+/g, '');
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN PUBLIC KEY-----\n${lines.join('\n')}\n-----END PUBLIC KEY-----\n`;
}

export async function verifyEbaySignature(
  rawBody: string | Uint8Array,
  header: string | null | undefined,
  getPublicKey: PublicKeyLookup,
): Promise<VerifyResult> {
  if (!header || !header.trim()) return { valid: false, reason: 'missing_header' };
  const sig = decodeSignatureHeader(header);
  if (!sig) return { valid: false, reason: 'malformed_header' };
  const digest = DIGESTS[(sig.digest || 'SHA1').toUpperCase()];
  if ((sig.alg && sig.alg.toLowerCase() !== 'ecdsa') || !digest) return { valid: false, reason: 'unsupported_algorithm' };

  const raw = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
  let compact: Buffer;
  try {
    // What eBay's SDKs verify: the compact re-serialisation of the parsed body.
    compact = Buffer.from(JSON.stringify(JSON.parse(raw.toString('utf8'))), 'utf8');
  } catch {
    return { valid: false, reason: 'malformed_body' };
  }

  const published = await getPublicKey(sig.kid); // may throw: infrastructure, not a bad signature
  let key: KeyObject;
  try {
    key = createPublicKey(wrapPem(published.key));
  } catch {
    return { valid: false, reason: 'malformed_key' };
  }
  const signature = Buffer.from(sig.signature, 'base64');
  const check = (data: Buffer) => {
    try {
      return verify(digest, data, key, signature); // DER-encoded ECDSA signature
    } catch {
      return false;
    }
  };
  if (check(compact)) return { valid: true, kid: sig.kid, signedBytes: 'compact' };
  if (!raw.equals(compact) && check(raw)) return { valid: true, kid: sig.kid, signedBytes: 'raw' };
  return { valid: false, reason: 'bad_signature' };
}

/**
 * Fetches keys from the Notification API (`GET {apiBase}/commerce/notification/v1/public_key/{kid}`)
 * with an application token. Non-200 answers throw (the caller answers 5xx, eBay retries).
 */
export function notificationApiKeyFetcher(o: {
  apiBase: string;
  getApplicationToken: () => Promise<string>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}): PublicKeyLookup {
  const f = o.fetch ?? fetch;
  return async (kid) => {
    const res = await f(`${o.apiBase.replace(/\/$/, '')}/commerce/notification/v1/public_key/${encodeURIComponent(kid)}`, {
      headers: { authorization: `Bearer ${await o.getApplicationToken()}`, accept: 'application/json' },
      signal: AbortSignal.timeout(o.timeoutMs ?? 5000),
    });
    const text = await res.text();
    if (res.status === 404) throw new UnknownKeyError(kid);
    if (res.status !== 200) throw new Error(`eBay getPublicKey ${kid}: HTTP ${res.status}`);
    const body = JSON.parse(text) as Partial<EbayPublicKey>;
    if (typeof body.key !== 'string') throw new Error(`eBay getPublicKey ${kid}: no key in the answer`);
    return { key: body.key, algorithm: String(body.algorithm ?? ''), digest: String(body.digest ?? '') };
  };
}

/**
 * A bounded cache by kid with a TTL (eBay's SDK caches forever; an hour is a sane default).
 * Concurrent misses for one kid share one fetch; failures are not cached.
 */
export function cachedPublicKeys(
  fetchKey: PublicKeyLookup,
  o: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
): PublicKeyLookup & { clear(): void; has(kid: string): boolean } {
  const ttl = o.ttlMs ?? 3_600_000;
  const max = o.maxEntries ?? 100;
  const now = o.now ?? Date.now;
  const entries = new Map<string, { at: number; value: Promise<EbayPublicKey> }>();
  const lookup = async (kid: string) => {
    const hit = entries.get(kid);
    if (hit && now() - hit.at < ttl) return hit.value;
    const value = fetchKey(kid);
    entries.delete(kid);
    entries.set(kid, { at: now(), value });
    while (entries.size > max) entries.delete(entries.keys().next().value as string);
    value.catch(() => {
      if (entries.get(kid)?.value === value) entries.delete(kid);
    });
    return value;
  };
  const has = (kid: string) => {
    const hit = entries.get(kid);
    return !!hit && now() - hit.at < ttl;
  };
  return Object.assign(lookup, { clear: () => entries.clear(), has });
}
