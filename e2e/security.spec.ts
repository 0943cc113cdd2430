// Attacks that once got a 500 or an off-site redirect: malformed session cookies, dot-segment
// `?next=` paths, page POSTs with a cross-site Origin, an oversized body or no form data; and the
// security headers, with pages that keep working under their Content-Security-Policy.
import { expect, test, type APIResponse, type Page } from '@playwright/test';
import { malformedSessionCookies, sessionCookieName } from '../tests/support/session-cookies';
import { DEMO, newUser, signIn, signUp } from './support/auth';

const port = Number(process.env.E2E_PORT ?? 3100);
// The embedded default's Supabase URL is the app itself on 127.0.0.1.
const SESSION_COOKIE = sessionCookieName(`http://127.0.0.1:${port}`);

function expectSecurityHeaders(res: APIResponse, what: string) {
  const h = res.headers();
  expect(h['x-frame-options'], what).toBe('DENY');
  expect(h['x-content-type-options'], what).toBe('nosniff');
  expect(h['referrer-policy'], what).toBe('same-origin');
  expect(h['content-security-policy'], what).toContain("frame-ancestors 'none'");
  // Only the page policy or the API policy, never both joined.
  expect(h['content-security-policy'].match(/frame-ancestors/g), what).toHaveLength(1);
  // The embedded default is plain http: no HSTS there.
  expect(h['strict-transport-security'], what).toBeUndefined();
}

test('a malformed session cookie means signed out on /sign-in and /orders, and is cleared', async ({ request }) => {
  const { keys } = (await (await request.get('/auth/v1/.well-known/jwks.json')).json()) as { keys: { kid: string }[] };
  for (const { label, value } of malformedSessionCookies(keys[0].kid)) {
    const cookie = `${SESSION_COOKIE}=${value}`;
    const orders = await request.get('/orders', { headers: { cookie }, maxRedirects: 0 });
    expect(orders.status(), label).toBe(307);
    expect(new URL(orders.headers().location, 'http://x').pathname, label).toBe('/sign-in');
    expect(orders.headers()['set-cookie'], label).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`, 'i'));
    expectSecurityHeaders(orders, label);

    const signInPage = await request.get('/sign-in?next=%2Forders', { headers: { cookie }, maxRedirects: 0 });
    expect(signInPage.status(), label).toBe(200);
    expect(await signInPage.text(), label).toContain('Welcome back');
    expect(signInPage.headers()['set-cookie'], label).toMatch(new RegExp(`${SESSION_COOKIE}=;.*Max-Age=0`, 'i'));
    expectSecurityHeaders(signInPage, label);

    // A route handler reads the session itself (no proxy in front of /api): signed out, cleared.
    const sync = await request.get('/api/accounts/00000000-0000-4000-8000-000000000000/sync', { headers: { cookie }, maxRedirects: 0 });
    expect(sync.status(), label).toBe(401);
    expect(sync.headers()['set-cookie'], label).toMatch(new RegExp(`${SESSION_COOKIE}=;`, 'i'));
  }
});

test('security headers on pages, API routes, the Auth stand-in and static files', async ({ request }) => {
  const page = await request.get('/sign-in');
  expectSecurityHeaders(page, 'page');
  const csp = page.headers()['content-security-policy'];
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).not.toMatch(/unsafe-eval/);
  // Only style attributes may be inline; scripts and stylesheets need this response's nonce.
  expect(csp.split('; ').filter((d) => d.includes('unsafe-inline'))).toEqual(["style-src-attr 'unsafe-inline'"]);
  const html = await page.text();
  // Every script Next.js writes into the page carries this response's nonce.
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
  expect(scripts.length).toBeGreaterThan(0);
  for (const s of scripts) expect(s).toContain(`nonce="${nonce}"`);
  // A fresh nonce per response.
  expect((await request.get('/sign-in')).headers()['content-security-policy']).not.toContain(nonce!);

  const asset = /<script[^>]+src="(\/_next\/static\/[^"]+)"/.exec(html)![1];
  for (const [what, path] of [['health', '/api/health'], ['auth', '/auth/v1/.well-known/jwks.json'], ['asset', asset]]) {
    const res = await request.get(path);
    expect(res.status(), what).toBe(200);
    expectSecurityHeaders(res, what);
  }
  expect(await (await request.get('/api/health')).json()).toEqual({ ok: true });
});

test('a dot-segment ?next= does not redirect a signed-in user off-site', async ({ page }) => {
  await signUp(page, newUser('redirect'));
  for (const next of ['/..//evil.example', '/.//evil.example', '/%2e%2e//evil.example', '/a/..//evil.example', '/%2f%2fevil.example', '/%5cevil.example']) {
    const res = await page.request.get(`/sign-in?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(res.status(), next).toBe(307);
    const location = res.headers().location;
    expect(location, next).toBe('/orders');
    expect(new URL(location, 'http://localhost').host, next).toBe('localhost');
  }
  await page.goto(`/sign-in?next=${encodeURIComponent('/..//evil.example')}`);
  expect(new URL(page.url()).host).toBe(`localhost:${port}`);
});

/** The request the rename form's Server Action sends, captured in the browser and not let through. */
async function captureRenameAction(page: Page, name: string) {
  let captured: { headers: Record<string, string>; body: Buffer } | undefined;
  await page.route('**/settings', async (route) => {
    const req = route.request();
    if (req.method() !== 'POST' || !req.headers()['next-action']) return route.continue();
    captured = { headers: req.headers(), body: req.postDataBuffer()! };
    await route.abort();
  });
  const form = page.locator('form').filter({ has: page.getByLabel('Organization name') });
  await form.getByLabel('Organization name').fill(name);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => captured).toBeTruthy();
  await page.unroute('**/settings');
  return captured!;
}

test('Server Action requests with a cross-site Origin, over 1 MB or without form data get a 4xx and change nothing', async ({ page }) => {
  const user = newUser('action');
  await signUp(page, user);
  await page.goto('/settings');
  const { headers, body } = await captureRenameAction(page, `${user.organization} renamed`);
  const action = { 'next-action': headers['next-action'], 'next-router-state-tree': headers['next-router-state-tree'] ?? '', accept: 'text/x-component' };
  const origin = new URL(page.url()).origin;
  const boundary = /boundary=(.+)$/.exec(headers['content-type'])![1];

  const crossSite = await page.request.post('/settings', {
    headers: { ...action, origin: 'https://evil.example', 'content-type': headers['content-type'] },
    data: body,
  });
  expect(crossSite.status()).toBe(403);
  expectSecurityHeaders(crossSite, 'cross-site');

  const padding = `--${boundary}\r\nContent-Disposition: form-data; name="pad"\r\n\r\n${'x'.repeat(1024 * 1024)}\r\n`;
  const tooBig = await page.request.post('/settings', {
    headers: { ...action, origin, 'content-type': headers['content-type'] },
    data: Buffer.concat([Buffer.from(padding), body]),
  });
  expect(tooBig.status()).toBe(413);

  const noForm = await page.request.post('/settings', {
    headers: { ...action, origin, 'content-type': 'text/plain;charset=UTF-8' },
    data: '[{},"not a form"]',
  });
  expect(noForm.status()).toBe(400);

  await page.goto('/settings');
  await expect(page.getByLabel('Organization name')).toHaveValue(user.organization);

  // The same captured request, sent as the browser sent it, does go through: the refusals above
  // were about the Origin, the size and the body, not a replay that could never work.
  const ok = await page.request.post('/settings', { headers: { ...action, origin, 'content-type': headers['content-type'] }, data: body });
  expect(ok.status()).toBe(200);
  await page.goto('/settings');
  await expect(page.getByLabel('Organization name')).toHaveValue(`${user.organization} renamed`);
});

test('pages run under the Content-Security-Policy: no violations, scripts hydrate', async ({ page }) => {
  test.setTimeout(240_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`pageerror: ${e.message}`));
  const hydrated = () => page.waitForFunction(() => Boolean((window as unknown as { next?: { version?: string } }).next?.version));

  await page.goto('/sign-in');
  await hydrated();
  await signIn(page, DEMO.email, DEMO.password);
  // The demo's orders arrive with its first sync after start.
  const firstOrder = page.getByRole('table').first().locator('tbody tr').first().getByRole('link').first();
  await expect(async () => {
    await page.goto('/orders');
    await expect(firstOrder).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 150_000, intervals: [1_000, 2_000, 5_000] });
  await hydrated();
  await firstOrder.click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  await hydrated();
  for (const path of ['/accounts', '/settings', '/reports', '/shipments', '/listings', '/audit']) {
    await page.goto(path);
    await hydrated();
  }
  // Client-side navigation (scripts loaded at run time under 'strict-dynamic').
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  await page.waitForURL(/\/orders/);
  // The 404 page is rendered per request too, so its scripts carry the nonce.
  expect((await page.goto('/no-such-page'))?.status()).toBe(404);
  await hydrated();
  expect(violations).toEqual([]);

  // The listener does see a violation when there is one: an image from another site is refused.
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = 'https://evil.example/pixel.png';
    document.body.append(img);
  });
  await expect.poll(() => violations.join('\n')).toMatch(/evil\.example\/pixel\.png.*Content Security Policy/);
});
