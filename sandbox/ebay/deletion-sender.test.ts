// eBay's side of Marketplace Account Deletion against a small endpoint written like the app's will
// be: GET challenge, POST verified with verifyEbaySignature (204 / 412 / 500).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import YAML from 'yaml';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SPECS_DIR, SpecValidator } from '@/sandbox/core/conformance';
import { challengeResponseFor, DeletionSender, type AccountDeletionMessage } from './deletion-sender';
import { EBAY_SANDBOX_SELLER_USERNAME, EBAY_SANDBOX_VERIFICATION_TOKEN } from './index';
import { generateSigningKey } from './notification-api';
import { appToken, startEbay, type Harness } from './test-support';
import { cachedPublicKeys, notificationApiKeyFetcher, verifyEbaySignature } from '@/lib/privacy/ebay-signature';

type Mode = 'ok' | 'bom' | 'text' | 'wrong' | 'fail' | 'hang';

let h: Harness;
let server: http.Server;
let endpoint: string;
let mode: Mode = 'ok';
let failuresLeft = 0;
const received: Array<{ status: number; message: AccountDeletionMessage }> = [];

beforeAll(async () => {
  h = await startEbay();
  const lookup = cachedPublicKeys(notificationApiKeyFetcher({ apiBase: h.base, getApplicationToken: () => appToken(h.base) }));
  server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', endpoint);
    if (mode === 'hang') return; // never answers
    if (req.method === 'GET') {
      const code = url.searchParams.get('challenge_code');
      if (!code) return void res.writeHead(400).end();
      const hash = challengeResponseFor(code, EBAY_SANDBOX_VERIFICATION_TOKEN, endpoint);
      const body = JSON.stringify({ challengeResponse: mode === 'wrong' ? hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) : hash });
      res.writeHead(200, { 'content-type': mode === 'text' ? 'text/plain' : 'application/json' });
      return void res.end(mode === 'bom' ? `\uFEFF${body}` : body);
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    if (mode === 'fail' || failuresLeft > 0) {
      failuresLeft--;
      received.push({ status: 500, message: JSON.parse(raw.toString()) as AccountDeletionMessage });
      return void res.writeHead(500).end();
    }
    const result = await verifyEbaySignature(raw, req.headers['x-ebay-signature'] as string | undefined, lookup);
    const status = result.valid ? 204 : 412;
    received.push({ status, message: JSON.parse(raw.toString()) as AccountDeletionMessage });
    res.writeHead(status).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/ebay/account-deletion`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await h.close();
});
beforeEach(() => {
  mode = 'ok';
  failuresLeft = 0;
  received.length = 0;
});

const sender = () => h.svc.deletionSender({ verificationToken: EBAY_SANDBOX_VERIFICATION_TOKEN, timeoutMs: 300 });
const buyer = () => {
  const orderId = h.svc.orderId(EBAY_SANDBOX_SELLER_USERNAME, 10);
  return h.svc.buyerOf(EBAY_SANDBOX_SELLER_USERNAME, orderId);
};

describe('endpoint validation (GET challenge)', () => {
  it('reproduces the documented challenge vectors', () => {
    const sdk = '71745723-d031-455c-bfa5-f90d11b4f20a';
    expect(challengeResponseFor(sdk, sdk, 'http://www.testendpoint.com/webhook')).toBe('048de9ffd0e35021fefc0388d5c52e0f475324f582f3778ca81a53354ccbbc97');
    expect(
      challengeResponseFor('a8628072-3d33-45ee-9004-bee86830a22d', 'my_verification_token_0123456789abcdef', 'https://example.com/api/ebay/account-deletion'),
    ).toBe('65d873fa51f3fe467e0456985c2e1cc16761a1326e8afabc2d77a9c15e747bf0');
  });

  it('accepts a correct answer and names what is wrong with bad ones', async () => {
    const ok = await sender().sendChallenge(endpoint);
    expect(ok).toMatchObject({ ok: true, status: 200, problems: [] });
    expect(ok.received).toBe(ok.expected);
    const problems: Record<Exclude<Mode, 'ok' | 'fail' | 'hang'>, RegExp> = { bom: /BOM/, text: /content-type/, wrong: /does not match/ };
    for (const [m, re] of Object.entries(problems) as Array<[Mode, RegExp]>) {
      mode = m;
      const r = await sender().sendChallenge(endpoint, 'a8628072-3d33-45ee-9004-bee86830a22d');
      expect(r.ok, m).toBe(false);
      expect(r.problems.join('; '), m).toMatch(re);
    }
    // The hash covers the endpoint exactly as registered: a trailing slash is another endpoint.
    mode = 'ok';
    expect((await sender().sendChallenge(`${endpoint}/`)).ok).toBe(false);
  });

  it('needs a verification token of eBay’s format', async () => {
    await expect(h.svc.deletionSender().sendChallenge(endpoint)).rejects.toThrow(/verificationToken/);
    expect(() => h.svc.deletionSender({ verificationToken: 'too-short' })).toThrow(/32-80/);
    expect(() => new DeletionSender({ signer: h.svc.keys.signing, verificationToken: `${'a'.repeat(40)}!` })).toThrow();
  });
});

describe('MARKETPLACE_ACCOUNT_DELETION notifications', () => {
  it('sends the AsyncAPI payload for a real buyer, signed, and is acknowledged with 204', async () => {
    const who = buyer();
    const r = await sender().sendAccountDeletion(endpoint, who);
    expect(r).toMatchObject({ delivered: true, markedDown: false });
    expect(r.attempts).toEqual([{ publishAttemptCount: 1, status: 204, acknowledged: true }]);
    const msg = received[0].message;
    expect(msg.notification.data).toEqual(who);
    expect(Object.keys(msg)).toEqual(['metadata', 'notification']);
    expect(Object.keys(msg.metadata)).toEqual(['topic', 'schemaVersion', 'deprecated']);
    expect(Object.keys(msg.notification)).toEqual(['notificationId', 'eventDate', 'publishDate', 'publishAttemptCount', 'data']);
    expect(Object.keys(msg.notification.data)).toEqual(['username', 'userId', 'eiasToken']);
    expect(msg.metadata).toEqual({ topic: 'MARKETPLACE_ACCOUNT_DELETION', schemaVersion: '1.0', deprecated: false });
    expect(msg.notification.eventDate).toBe(new Date(h.clock.now()).toISOString());

    // The payload against the official AsyncAPI contract, with undeclared fields forbidden.
    const doc = YAML.parse(fs.readFileSync(path.join(SPECS_DIR, 'ebay', 'asyncapi.yaml'), 'utf8')) as {
      components: { schemas: Record<string, Record<string, unknown>>; messages: { message: { payload: Record<string, unknown> } } };
    };
    doc.components.schemas.AccountDeletionMessage = doc.components.messages.message.payload;
    for (const sch of Object.values(doc.components.schemas)) if (sch.type === 'object' || sch.properties) sch.additionalProperties = false;
    const v = new SpecValidator(doc as unknown as Record<string, unknown>, 'asyncapi:ebay');
    expect(v.validateNamed('AccountDeletionMessage', msg)).toEqual([]);
    expect(v.validateNamed('AccountDeletionMessage', { ...msg, extra: 1 })).not.toEqual([]);
  });

  it('redelivers with the same notificationId and a growing publishAttemptCount until acknowledged', async () => {
    failuresLeft = 2;
    const r = await sender().sendAccountDeletion(endpoint, buyer(), { maxAttempts: 5, retryIntervalMs: 60_000 });
    expect(r.delivered).toBe(true);
    expect(r.attempts.map((a) => [a.publishAttemptCount, a.status])).toEqual([[1, 500], [2, 500], [3, 204]]);
    expect(new Set(received.map((x) => x.message.notification.notificationId))).toEqual(new Set([r.notificationId]));
    expect(received.map((x) => x.message.notification.publishAttemptCount)).toEqual([1, 2, 3]);
    const publish = received.map((x) => Date.parse(x.message.notification.publishDate));
    expect(publish[2] - publish[0]).toBe(120_000);
    expect(new Set(received.map((x) => x.message.notification.eventDate)).size).toBe(1);
  });

  it('marks the endpoint down when it never acknowledges, and never counts 412 or a timeout as delivery', async () => {
    mode = 'fail';
    const down = await sender().sendAccountDeletion(endpoint, buyer(), { maxAttempts: 3 });
    expect(down).toMatchObject({ delivered: false, markedDown: true });
    expect(down.attempts).toHaveLength(3);

    mode = 'ok';
    const forged = new DeletionSender({ signer: { ...h.svc.keys.signing, privateKey: generateSigningKey().privateKey } });
    const rejected = await forged.sendAccountDeletion(endpoint, buyer());
    expect(rejected.attempts[0]).toMatchObject({ status: 412, acknowledged: false });

    mode = 'hang';
    const slow = await sender().sendAccountDeletion(endpoint, buyer());
    expect(slow.attempts[0]).toMatchObject({ status: null, acknowledged: false });
  });
});

describe('sandbox control calls for end-to-end tests', () => {
  const post = (path: string, body: unknown) =>
    fetch(`${h.base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('POST /__ebay/challenge and /__ebay/account-deletion drive the sender over HTTP', async () => {
    const ch = await post('/__ebay/challenge', { endpointUrl: endpoint, verificationToken: EBAY_SANDBOX_VERIFICATION_TOKEN });
    expect(ch.status).toBe(200);
    expect(await ch.json()).toMatchObject({ ok: true, problems: [] });

    const orderId = h.svc.orderId(EBAY_SANDBOX_SELLER_USERNAME, 42);
    const del = await post('/__ebay/account-deletion', { endpointUrl: endpoint, seller: EBAY_SANDBOX_SELLER_USERNAME, orderId });
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ delivered: true, attempts: [{ status: 204 }] });
    expect(received[0].message.notification.data).toEqual(h.svc.buyerOf(EBAY_SANDBOX_SELLER_USERNAME, orderId));

    expect((await post('/__ebay/account-deletion', { endpointUrl: endpoint })).status).toBe(400);
    expect((await post('/__ebay/account-deletion', { endpointUrl: endpoint, seller: 'nobody', orderId })).status).toBe(404);
    expect((await post('/__ebay/challenge', { endpointUrl: endpoint, verificationToken: 'short' })).status).toBe(400);
  });
});
