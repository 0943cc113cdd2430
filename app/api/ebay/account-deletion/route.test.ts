// The endpoint as eBay calls it: the challenge (eBay's published vectors), and the eBay
// simulator's signed sender posting through the route handler into a real database, with the
// deletion run after the response. Bad input gets its status and stores nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Db } from '@/lib/db/connect';
import { rowsOf } from '@/lib/db/connect';
import { openDatabase, type Database } from '@/lib/db/connect';
import { migrate } from '@/lib/db/migrate';
import { createOrg, createUser } from '@/tests/support/fixtures';
import { EBAY_SANDBOX_CLIENT_ID, EBAY_SANDBOX_CLIENT_SECRET, EBAY_SANDBOX_SELLER_USERNAME } from '@/sandbox/ebay';
import { startEbay, type Harness } from '@/sandbox/ebay/test-support';
import { generateSigningKey } from '@/sandbox/ebay/notification-api';
import { DeletionSender } from '@/sandbox/ebay/deletion-sender';
import { log } from '@/lib/log';

const ENDPOINT = 'https://example.com/api/ebay/account-deletion'; // marketplace-apis.md §4.8 (c)
const TOKEN = 'my_verification_token_0123456789abcdef';
const state: { db?: Database; apiBase?: string; deletion: { verificationToken: string; endpoint: string } | null } = {
  deletion: { verificationToken: TOKEN, endpoint: ENDPOINT },
};
const afterResponse: Array<() => Promise<void>> = [];

vi.mock('next/server', () => ({ after: (fn: () => Promise<void>) => void afterResponse.push(fn) }));
vi.mock('@/lib/env', () => ({
  config: () => ({
    ebayDeletion: state.deletion,
    marketplaces: { ebay: { apiBaseUrl: state.apiBase, app: { clientId: EBAY_SANDBOX_CLIENT_ID, clientSecret: EBAY_SANDBOX_CLIENT_SECRET, ruName: 'r' } } },
  }),
}));
vi.mock('@/lib/db', () => ({
  asService: (_reason: string, fn: (tx: unknown) => Promise<unknown>) => state.db!.db.transaction(fn as never),
  serviceDatabase: async () => state.db!.db,
}));

const route = await import('./route');
const runAfterResponse = async () => {
  while (afterResponse.length) await afterResponse.shift()!();
};

let h: Harness;
let db: Db;

beforeAll(async () => {
  h = await startEbay();
  state.apiBase = h.base;
  state.db = await openDatabase({ dataDir: 'memory://' });
  await migrate(state.db);
  db = state.db.db;
});
afterAll(async () => {
  await h?.close();
  await state.db?.close();
});

const get = (query: string) => route.GET(new Request(`http://localhost/api/ebay/account-deletion${query}`));
const count = async () => rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from public.ebay_deletion_notifications`))[0].n;
/** The simulator's sender, delivering straight into the route handler. */
const sender = (signer = () => h.svc.keys.signing) =>
  new DeletionSender({ signer, fetch: (url, init) => route.POST(new Request(String(url), init as RequestInit)) });

describe('GET: the challenge', () => {
  it("answers eBay's worked example with the hash of code + token + endpoint, as JSON", async () => {
    const res = await get('?challenge_code=a8628072-3d33-45ee-9004-bee86830a22d');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(JSON.parse(text)).toEqual({ challengeResponse: '65d873fa51f3fe467e0456985c2e1cc16761a1326e8afabc2d77a9c15e747bf0' });
  });

  it('passes the simulator sender\'s endpoint validation', async () => {
    const s = new DeletionSender({ signer: () => h.svc.keys.signing, verificationToken: TOKEN, fetch: (url) => route.GET(new Request(String(url))) });
    expect(await s.sendChallenge(ENDPOINT)).toMatchObject({ ok: true, problems: [] });
  });

  it('answers 400 without a challenge code, and 404 when account deletion is not configured', async () => {
    expect((await get('')).status).toBe(400);
    expect((await get('?challenge_code=')).status).toBe(400);
    expect((await get(`?challenge_code=${'x'.repeat(501)}`)).status).toBe(400);
    state.deletion = null;
    try {
      expect((await get('?challenge_code=abc')).status).toBe(404);
    } finally {
      state.deletion = { verificationToken: TOKEN, endpoint: ENDPOINT };
    }
  });
});

describe('POST: notifications from the simulator', () => {
  it("a signed notification is acknowledged with 204, and the buyer's data is anonymized after the response", async () => {
    const owner = await createUser(db);
    const orgId = await createOrg(db, 'Seller', [[owner, 'owner']]);
    const orderRef = h.svc.orderId(EBAY_SANDBOX_SELLER_USERNAME, 3);
    const who = h.svc.buyerOf(EBAY_SANDBOX_SELLER_USERNAME, orderRef);
    const [acct] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.marketplace_accounts (org_id, marketplace, display_name, external_account_id)
      values (${orgId}, 'ebay', 'E', 'seller') returning id`));
    const [order] = rowsOf<{ id: string }>(await db.execute(sql`insert into public.orders (org_id, marketplace_account_id, marketplace, external_order_id, status, marketplace_status, ordered_at, marketplace_updated_at)
      values (${orgId}, ${acct.id}, 'ebay', ${orderRef}, 'shipped', 'FULFILLED', now(), now()) returning id`));
    await db.execute(sql`insert into public.order_buyers (order_id, org_id, marketplace_buyer_ref, name, city, country)
      values (${order.id}, ${orgId}, ${who.username}, 'Some Buyer', 'Austin', 'US')`);

    const result = await sender().sendAccountDeletion(ENDPOINT, who);
    expect(result).toMatchObject({ delivered: true, attempts: [{ status: 204 }] });
    await runAfterResponse();
    const [b] = rowsOf(await db.execute(sql`select name, city, country, anonymized_at is not null as anonymized from public.order_buyers where order_id = ${order.id}`));
    expect(b).toEqual({ name: null, city: null, country: 'US', anonymized: true });

    // eBay redelivers (same notificationId, next attempt): acknowledged, nothing new.
    const again = await sender().sendAccountDeletion(ENDPOINT, who, { notificationId: result.notificationId });
    expect(again.attempts[0].status).toBe(204);
    expect(afterResponse).toHaveLength(0);
  });

  it('refuses a notification signed by another key (412) and stores nothing', async () => {
    const before = await count();
    const forged = sender(() => ({ ...h.svc.keys.signing, privateKey: generateSigningKey().privateKey }));
    const r = await forged.sendAccountDeletion(ENDPOINT, { username: 'x_user', userId: 'X1', eiasToken: 'e' });
    expect(r.attempts[0]).toMatchObject({ status: 412, acknowledged: false });
    // A kid eBay never issued, less than a minute after the real kid was fetched: not even looked
    // up (forged kids cannot spend eBay's key-API quota); eBay itself would simply redeliver.
    const unknownKid = sender(() => generateSigningKey('kid-eBay-never-issued'));
    expect((await unknownKid.sendAccountDeletion(ENDPOINT, { username: 'x_user', userId: 'X1', eiasToken: 'e' })).attempts[0].status).toBe(503);
    expect(await count()).toBe(before);
  });

  it('answers 412 without a signature, 400 for malformed JSON, 413 over 64 KB; nothing stored', async () => {
    const before = await count();
    const post = (body: string, headers: Record<string, string> = {}) =>
      route.POST(new Request(ENDPOINT, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }));
    expect((await post('{}')).status).toBe(412);
    expect((await post('{}', { 'x-ebay-signature': 'garbage' })).status).toBe(412);
    const s = sender();
    expect((await post('{"metadata":', { 'x-ebay-signature': s.signNotification('{"metadata":') })).status).toBe(400);
    const big = JSON.stringify({ pad: 'x'.repeat(70_000) });
    expect((await post(big, { 'x-ebay-signature': s.signNotification(big) })).status).toBe(413);
    // A body that lies about its length is still cut off at the cap.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode('x'.repeat(8192)));
        c.close();
      },
    });
    const res = await route.POST(new Request(ENDPOINT, { method: 'POST', body: stream, duplex: 'half', headers: { 'content-length': '10' } } as RequestInit));
    expect(res.status).toBe(413);
    expect(await count()).toBe(before);
    expect(afterResponse).toHaveLength(0);
  });

  it("no eBay identifier or buyer data reaches the log, whatever the outcome", async () => {
    const calls: unknown[] = [];
    const spies = (['info', 'warn', 'error', 'debug'] as const).map((level) =>
      vi.spyOn(log, level).mockImplementation(((...args: unknown[]) => void calls.push(args)) as never),
    );
    try {
      const who = { username: 'canary_user_zq9', userId: 'CANARYUID9', eiasToken: 'canary-eias-zq9==' };
      await sender().sendAccountDeletion(ENDPOINT, who);
      await runAfterResponse();
      await sender(() => ({ ...h.svc.keys.signing, privateKey: generateSigningKey().privateKey })).sendAccountDeletion(ENDPOINT, who);
      await route.POST(new Request(ENDPOINT, { method: 'POST', body: '{"notification":{"data":{"username":"canary_user_zq9"}}', headers: { 'x-ebay-signature': 'x' } }));
    } finally {
      for (const s of spies) s.mockRestore();
    }
    expect(calls.length).toBeGreaterThan(0); // the refusals and the run were logged…
    expect(JSON.stringify(calls)).not.toMatch(/canary_user_zq9|CANARYUID9|canary-eias/); // …without who
  });
});
