// The account-deletion receiver against eBay's own signed vectors and keys the test signs itself:
// what is acknowledged, what is refused with which status, and that nothing unverified is stored.
import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { KeyLookupThrottled } from './ebay-keys-errors';
import { throttledMisses } from './ebay-keys';
import { receiveEbayNotification, type DeletionRequest } from './ebay-notification';
import { cachedPublicKeys, UnknownKeyError, type EbayPublicKey } from './ebay-signature';

const SPECS = path.resolve(import.meta.dirname, '../../../shared/reference/specs');
const vectors = JSON.parse(fs.readFileSync(path.join(SPECS, 'ebay', 'fixtures', 'test.json'), 'utf8')) as Record<
  'VALID' | 'INVALID' | 'SIGNATURE_MISMATCH',
  { signature: string; message: Record<string, unknown>; response: EbayPublicKey; public_key: string }
>;

const own = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const OWN_KID = 'test-kid-1';
const ownKey: EbayPublicKey = {
  key: `-----BEGIN PUBLIC KEY-----${own.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}-----END PUBLIC KEY-----`,
  algorithm: 'ECDSA',
  digest: 'SHA1',
};
const keys = async (kid: string): Promise<EbayPublicKey> => {
  if (kid === vectors.VALID.public_key) return vectors.VALID.response;
  if (kid === OWN_KID) return ownKey;
  throw new UnknownKeyError(kid);
};
const signed = (body: string, o: { kid?: string; key?: typeof own.privateKey } = {}) =>
  Buffer.from(
    JSON.stringify({ alg: 'ecdsa', kid: o.kid ?? OWN_KID, signature: sign('sha1', Buffer.from(body), o.key ?? own.privateKey).toString('base64'), digest: 'SHA1' }),
  ).toString('base64');
const message = (over: Record<string, unknown> = {}, data: Record<string, unknown> = { username: 'buyer_one', userId: 'U1', eiasToken: 'eias==' }) =>
  JSON.stringify({
    metadata: { topic: 'MARKETPLACE_ACCOUNT_DELETION', schemaVersion: '1.0', deprecated: false },
    notification: { notificationId: 'n-1', eventDate: '2026-12-01T10:00:00.000Z', publishDate: '2026-12-01T10:00:01.000Z', publishAttemptCount: 1, data },
    ...over,
  });

function receiver(getPublicKey = keys) {
  const stored = new Map<string, DeletionRequest>();
  const record = vi.fn(async (r: DeletionRequest) => {
    if (stored.has(r.notificationId)) return false;
    stored.set(r.notificationId, r);
    return true;
  });
  return { stored, record, receive: (body: string, header: string | null) => receiveEbayNotification({ getPublicKey, record }, body, header) };
}

describe('receiving an eBay account-deletion notification', () => {
  it("acknowledges eBay's own VALID vector and records it once; a redelivery changes nothing", async () => {
    const r = receiver();
    const body = JSON.stringify(vectors.VALID.message);
    expect(await r.receive(body, vectors.VALID.signature)).toEqual({ status: 204, recorded: true, notificationId: expect.stringMatching(/^49feeaeb/) });
    expect([...r.stored.values()][0]).toEqual({
      notificationId: '49feeaeb-4982-42d9-a377-9645b8479411_33f7e043-fed8-442b-9d44-791923bd9a6d',
      eventDate: new Date('2021-03-19T20:43:59.462Z'),
      publishAttemptCount: 1,
      username: 'test_user',
      userId: 'ma8vp1jySJC',
      eiasToken: 'nY+sHZ2PrBmdj6wVnY+sEZ2PrA2dj6wJnY+gAZGEpwmdj6x9nY+seQ==',
    });
    // Pretty-printed as a proxy might re-serialise it: still eBay's signature over the compact form.
    expect(await r.receive(JSON.stringify(vectors.VALID.message, null, 2), vectors.VALID.signature)).toMatchObject({ status: 204, recorded: false });
    expect(r.stored.size).toBe(1);
  });

  it.each(['INVALID', 'SIGNATURE_MISMATCH'] as const)("refuses eBay's %s vector with 412 and stores nothing", async (name) => {
    const r = receiver();
    expect(await r.receive(JSON.stringify(vectors[name].message), vectors[name].signature)).toEqual({ status: 412, reason: 'bad_signature' });
    expect(r.record).not.toHaveBeenCalled();
  });

  it('refuses a tampered body, a wrong key, an unknown kid and missing or garbage headers with 412', async () => {
    const r = receiver();
    const body = message();
    const tampered = body.replace('buyer_one', 'buyer_two');
    const stranger = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    expect(await r.receive(tampered, signed(body))).toEqual({ status: 412, reason: 'bad_signature' });
    expect(await r.receive(body, signed(body, { key: stranger }))).toEqual({ status: 412, reason: 'bad_signature' });
    expect(await r.receive(body, signed(body, { kid: 'no-such-kid' }))).toEqual({ status: 412, reason: 'unknown_key' });
    expect(await r.receive(body, null)).toEqual({ status: 412, reason: 'missing_header' });
    expect(await r.receive(body, '   ')).toEqual({ status: 412, reason: 'missing_header' });
    expect(await r.receive(body, 'not base64 json!')).toEqual({ status: 412, reason: 'malformed_header' });
    expect(await r.receive(body, Buffer.from('{"kid":"x"}').toString('base64'))).toEqual({ status: 412, reason: 'malformed_header' });
    const rsa = Buffer.from(JSON.stringify({ alg: 'rsa', kid: OWN_KID, signature: 'AAAA', digest: 'SHA1' })).toString('base64');
    expect(await r.receive(body, rsa)).toEqual({ status: 412, reason: 'unsupported_algorithm' });
    expect(r.record).not.toHaveBeenCalled();
  });

  it('answers 400 for malformed JSON, another topic, or a notification naming no user — even when signed', async () => {
    const r = receiver();
    const broken = '{"metadata": ';
    expect(await r.receive(broken, signed(broken))).toEqual({ status: 400, reason: 'malformed_json' });
    const other = message({ metadata: { topic: 'ITEM_SOLD', schemaVersion: '1.0', deprecated: false } });
    expect(await r.receive(other, signed(other))).toEqual({ status: 400, reason: 'wrong_topic' });
    const nobody = message({}, { eiasToken: 'x' });
    expect(await r.receive(nobody, signed(nobody))).toEqual({ status: 400, reason: 'malformed_notification' });
    const longId = message({ notification: { notificationId: 'x'.repeat(201), data: { userId: 'U' } } });
    expect(await r.receive(longId, signed(longId))).toEqual({ status: 400, reason: 'malformed_notification' });
    expect(r.record).not.toHaveBeenCalled();
  });

  it('answers 5xx when the key cannot be had, so eBay redelivers, and stores nothing', async () => {
    const down = receiver(async () => {
      throw new Error('eBay getPublicKey: HTTP 500');
    });
    const body = message();
    expect(await down.receive(body, signed(body))).toEqual({ status: 500, reason: 'key_unavailable' });
    const throttled = receiver(async () => {
      throw new KeyLookupThrottled();
    });
    expect(await throttled.receive(body, signed(body))).toEqual({ status: 503, reason: 'key_lookup_throttled' });
    expect(down.record).not.toHaveBeenCalled();
    expect(throttled.record).not.toHaveBeenCalled();
  });
});

describe('the public-key cache', () => {
  it('fetches a kid once for many concurrent notifications, and unknown kids at most once a minute', async () => {
    let t = 0;
    const fetchKey = vi.fn(keys);
    const lookup = throttledMisses(cachedPublicKeys(fetchKey, { now: () => t }), { now: () => t });
    const r = receiver(lookup);
    const bodies = Array.from({ length: 50 }, (_, i) => message({ notification: { notificationId: `c-${i}`, data: { userId: `U${i}` } } }));
    const outcomes = await Promise.all(bodies.map((b) => r.receive(b, signed(b))));
    expect(outcomes.every((o) => o.status === 204)).toBe(true);
    expect(fetchKey).toHaveBeenCalledTimes(1);

    const forged = message();
    // Within a minute of the first miss (the real kid) another kid is not looked up at all.
    expect(await r.receive(forged, signed(forged, { kid: 'forged-1' }))).toEqual({ status: 503, reason: 'key_lookup_throttled' });
    t += 60_000;
    expect(await r.receive(forged, signed(forged, { kid: 'forged-1' }))).toEqual({ status: 412, reason: 'unknown_key' });
    expect(await r.receive(forged, signed(forged, { kid: 'forged-2' }))).toEqual({ status: 503, reason: 'key_lookup_throttled' });
    expect(fetchKey).toHaveBeenCalledTimes(2);
    t += 60_000;
    expect(await r.receive(forged, signed(forged, { kid: 'forged-2' }))).toEqual({ status: 412, reason: 'unknown_key' });
    // The known kid is still served from the cache, throttle or not.
    const again = message({ notification: { notificationId: 'c-late', data: { userId: 'U' } } });
    expect(await r.receive(again, signed(again))).toMatchObject({ status: 204 });
    expect(fetchKey).toHaveBeenCalledTimes(3);
  });
});
