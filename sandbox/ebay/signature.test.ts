// X-EBAY-SIGNATURE: eBay's own signed vectors must verify with the verifier (and tampering must
// not), and what the sandbox signs must look like eBay's and verify through the public-key API.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPECS_DIR } from '@/sandbox/core/conformance';
import { accountDeletionMessage, signPayload } from './deletion-sender';
import { generateSigningKey } from './notification-api';
import { appToken, startEbay, T0, type Harness } from './test-support';
import {
  cachedPublicKeys,
  decodeSignatureHeader,
  notificationApiKeyFetcher,
  verifyEbaySignature,
  wrapPem,
  type EbayPublicKey,
} from '@/lib/privacy/ebay-signature';

interface Vector {
  signature: string;
  message: Record<string, unknown>;
  response: EbayPublicKey | null;
  public_key: string;
}
const vectors = JSON.parse(fs.readFileSync(path.join(SPECS_DIR, 'ebay', 'fixtures', 'test.json'), 'utf8')) as Record<
  'VALID' | 'INVALID' | 'SIGNATURE_MISMATCH' | 'ERROR',
  Vector
>;
const fixtureKey = async (kid: string): Promise<EbayPublicKey> => {
  const v = Object.values(vectors).find((x) => x.public_key === kid);
  if (!v?.response) throw new Error(`no key ${kid}`);
  return v.response;
};

describe("eBay's signed test vectors", () => {
  it('VALID verifies over the compact body, whatever whitespace it arrived with', async () => {
    const v = vectors.VALID;
    const compact = JSON.stringify(v.message);
    expect(compact).toHaveLength(434);
    expect(await verifyEbaySignature(compact, v.signature, fixtureKey)).toEqual({ valid: true, kid: v.public_key, signedBytes: 'compact' });
    expect((await verifyEbaySignature(JSON.stringify(v.message, null, 2), v.signature, fixtureKey)).valid).toBe(true);
    expect((await verifyEbaySignature(Buffer.from(compact), v.signature, fixtureKey)).valid).toBe(true);
  });

  it('INVALID, SIGNATURE_MISMATCH and tampered bodies or signatures do not verify', async () => {
    for (const v of [vectors.INVALID, vectors.SIGNATURE_MISMATCH]) {
      expect(await verifyEbaySignature(JSON.stringify(v.message), v.signature, fixtureKey)).toEqual({ valid: false, reason: 'bad_signature' });
    }
    const tampered = structuredClone(vectors.VALID.message) as { notification: { data: { username: string } } };
    tampered.notification.data.username = 'someone_else';
    expect((await verifyEbaySignature(JSON.stringify(tampered), vectors.VALID.signature, fixtureKey)).valid).toBe(false);

    const header = decodeSignatureHeader(vectors.VALID.signature);
    const sig = Buffer.from(header?.signature ?? '', 'base64');
    sig[sig.length - 1] ^= 1;
    const forged = Buffer.from(JSON.stringify({ ...header, signature: sig.toString('base64') })).toString('base64');
    expect((await verifyEbaySignature(JSON.stringify(vectors.VALID.message), forged, fixtureKey)).valid).toBe(false);
  });

  it('rejects missing or malformed input and propagates a failed key lookup (ERROR vector)', async () => {
    const body = JSON.stringify(vectors.VALID.message);
    expect(await verifyEbaySignature(body, undefined, fixtureKey)).toEqual({ valid: false, reason: 'missing_header' });
    expect(await verifyEbaySignature(body, 'not base64 json', fixtureKey)).toEqual({ valid: false, reason: 'malformed_header' });
    expect(await verifyEbaySignature('{"metadata":', vectors.VALID.signature, fixtureKey)).toEqual({ valid: false, reason: 'malformed_body' });
    const rsa = Buffer.from(JSON.stringify({ ...decodeSignatureHeader(vectors.VALID.signature), alg: 'rsa' })).toString('base64');
    expect(await verifyEbaySignature(body, rsa, fixtureKey)).toEqual({ valid: false, reason: 'unsupported_algorithm' });
    // The ERROR vector: eBay's key service gives nothing back. That is an outage, not a forgery.
    const failing = async () => {
      if (!vectors.ERROR.response) throw new Error('getPublicKey failed');
      return vectors.ERROR.response;
    };
    await expect(verifyEbaySignature(JSON.stringify(vectors.ERROR.message), vectors.ERROR.signature, failing)).rejects.toThrow(/getPublicKey failed/);
  });

  it("documents eBay's formats: one-line PEM, base64 JSON header, DER signature", () => {
    const decoded = Buffer.from(vectors.VALID.signature, 'base64').toString('utf8');
    const header = JSON.parse(decoded) as Record<string, string>;
    expect(Object.keys(header)).toEqual(['alg', 'kid', 'signature', 'digest']);
    expect(JSON.stringify(header)).toBe(decoded);
    expect(header).toMatchObject({ alg: 'ecdsa', digest: 'SHA1' });
    expect(Buffer.from(header.signature, 'base64')[0]).toBe(0x30); // ASN.1 SEQUENCE
    expect(vectors.VALID.response?.key).not.toContain('\n');
    expect(wrapPem(vectors.VALID.response?.key ?? '')).toMatch(/^-----BEGIN PUBLIC KEY-----\n[A-Za-z0-9+/=\n]+\n-----END PUBLIC KEY-----\n$/);
  });

  it('signs in exactly the same header format as the vectors', () => {
    const key = generateSigningKey('9936261a-7d7b-4621-a0f1-96ccb428af49');
    const ours = Buffer.from(signPayload(JSON.stringify(vectors.VALID.message), key), 'base64').toString('utf8');
    const theirs = Buffer.from(vectors.VALID.signature, 'base64').toString('utf8');
    const shape = (s: string) => s.replace(/"signature":"[A-Za-z0-9+/=]+"/, '"signature":"…"');
    expect(shape(ours)).toBe(shape(theirs));
    expect(JSON.parse(ours).signature).toMatch(/^ME[QUY]C/);
  });
});

describe('sandbox signatures through the Notification API', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startEbay();
  });
  afterAll(() => h.close());

  const message = () =>
    accountDeletionMessage(
      { username: 'jdoe_1234', userId: 'ab12CD34ef5', eiasToken: 'nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wJnY+gAZGEpwmdj6x9nY+seQ==' },
      { notificationId: 'n-1', eventDate: T0, publishDate: T0 + 100, publishAttemptCount: 1 },
    );

  it('verifies what the sender signs, fetching the key with an application token and caching it', async () => {
    let tokenCalls = 0;
    const lookup = cachedPublicKeys(
      notificationApiKeyFetcher({
        apiBase: h.base,
        getApplicationToken: async () => {
          tokenCalls++;
          return appToken(h.base);
        },
      }),
      { ttlMs: 3_600_000, now: () => h.clock.now() },
    );
    const sender = h.svc.deletionSender();
    const body = JSON.stringify(message());
    const header = sender.signNotification(body);
    h.svc.resetRecording();

    expect(await verifyEbaySignature(body, header, lookup)).toMatchObject({ valid: true, kid: h.svc.keys.signing.kid });
    expect(await verifyEbaySignature(body, header, lookup)).toMatchObject({ valid: true });
    expect(h.svc.sent(/\/public_key\//)).toHaveLength(1);
    h.clock.advance(3_600_000);
    expect((await verifyEbaySignature(body, header, lookup)).valid).toBe(true);
    expect(h.svc.sent(/\/public_key\//)).toHaveLength(2);
    expect(tokenCalls).toBe(2);

    // A new key (new kid) is fetched on first sight; messages signed with the old one still verify.
    const oldHeader = header;
    h.svc.keys.rotate();
    const newHeader = sender.signNotification(body);
    expect(decodeSignatureHeader(newHeader)?.kid).not.toBe(decodeSignatureHeader(oldHeader)?.kid);
    expect((await verifyEbaySignature(body, newHeader, lookup)).valid).toBe(true);
    expect((await verifyEbaySignature(body, oldHeader, lookup)).valid).toBe(true);
    expect(h.svc.sent(/\/public_key\//)).toHaveLength(3);

    // Signed by another key: either not found (404 -> throws) or a bad signature.
    const stranger = generateSigningKey();
    await expect(verifyEbaySignature(body, signPayload(body, stranger), lookup)).rejects.toThrow(/does not know the public key id/);
    const impostor = { ...stranger, kid: h.svc.keys.signing.kid };
    expect(await verifyEbaySignature(body, signPayload(body, impostor), lookup)).toEqual({ valid: false, reason: 'bad_signature' });
  });

  it('the published key is a P-256 SPKI in one line that verifies with the wrapped PEM only', async () => {
    const res = await fetch(`${h.base}/commerce/notification/v1/public_key/${h.svc.keys.signing.kid}`, {
      headers: { authorization: `Bearer ${await appToken(h.base)}` },
    });
    const key = (await res.json()) as EbayPublicKey;
    expect(key.key.startsWith('-----BEGIN PUBLIC KEY-----MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE')).toBe(true);
    const body = JSON.stringify(message());
    const header = h.svc.deletionSender().signNotification(body);
    expect((await verifyEbaySignature(body, header, async () => key)).valid).toBe(true);
    // A sender that signed its exact (pretty-printed) bytes verifies through the raw-bytes fallback.
    const pretty = JSON.stringify(message(), null, 2);
    const prettyHeader = h.svc.deletionSender().signNotification(pretty);
    expect(await verifyEbaySignature(pretty, prettyHeader, async () => key)).toMatchObject({ valid: true, signedBytes: 'raw' });
  });
});
