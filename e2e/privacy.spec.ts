// Secrets and credentials never reach the browser: not in any client bundle the build produced,
// not in the pages or JSON a signed-in owner receives. And a non-member asking for another
// organization's order or account gets a 404 without its data.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { AMAZON_DEMO_CLIENT_SECRET, AMAZON_DEMO_REFRESH_TOKEN } from '../sandbox/amazon/accounts';
import { EBAY_SANDBOX_CLIENT_SECRET } from '../sandbox/ebay';
import { SHIPPO_DEMO_API_KEY } from '../sandbox/shippo';
import { WALMART_DEMO_CLIENT_SECRET } from '../sandbox/walmart/accounts';
import { EBAY_DEMO_REFRESH_TOKEN } from '../sandbox/demo/constants';
import { DEMO, newUser, signIn, signUp } from './support/auth';

const port = process.env.E2E_PORT ?? '3100';

function secrets(): string[] {
  const local = JSON.parse(fs.readFileSync(path.resolve('.data', `e2e-${port}`, 'secrets.json'), 'utf8')) as { encryptionKey: string; cronSecret: string };
  return [
    local.encryptionKey.split(':')[1],
    local.cronSecret,
    WALMART_DEMO_CLIENT_SECRET,
    AMAZON_DEMO_CLIENT_SECRET,
    AMAZON_DEMO_REFRESH_TOKEN,
    EBAY_SANDBOX_CLIENT_SECRET,
    EBAY_DEMO_REFRESH_TOKEN,
    SHIPPO_DEMO_API_KEY,
  ];
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

test('no secret or credential is in a client bundle', () => {
  const bundles = files(path.resolve('.next', 'static')).filter((f) => /\.(js|css|json|html)$/.test(f));
  expect(bundles.length).toBeGreaterThan(5);
  for (const f of bundles) {
    const text = fs.readFileSync(f, 'utf8');
    for (const s of secrets()) expect(text.includes(s), `${path.basename(f)} contains a secret`).toBe(false);
  }
});

test('pages and JSON sent to a signed-in owner carry no credentials', async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const bodies: string[] = [];
  page.on('response', async (r) => {
    if (r.url().startsWith(`http://localhost:${port}`)) bodies.push(await r.text().catch(() => ''));
  });
  for (const p of ['/accounts', '/orders', '/settings', '/audit', '/listings']) {
    await page.goto(p);
    await page.waitForLoadState('networkidle');
  }
  expect(bodies.length).toBeGreaterThan(5);
  for (const b of bodies) for (const s of secrets()) expect(b.includes(s)).toBe(false);
});

test("a non-member gets a 404 without the data for another organization's order and account", async ({ page, browser }) => {
  // As the demo owner: an order id, its buyer's name, and an account id.
  await signIn(page, DEMO.email, DEMO.password);
  await expect(async () => {
    await page.goto('/orders');
    await expect(page.locator('a[href^="/orders/"]').first()).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000, intervals: [3_000] });
  const row = page.locator('tbody tr').filter({ has: page.locator('a[href^="/orders/"]') }).first();
  const href = (await row.locator('a[href^="/orders/"]').first().getAttribute('href'))!;
  const buyer = (await row.getByRole('cell').nth(3).innerText()).trim(); // select, order, marketplace, buyer (the account column is hidden below 2xl)
  expect(buyer).toMatch(/^\S+ \S+/);
  await page.goto(href);
  await expect(page.getByText(buyer).first()).toBeVisible(); // the owner does see it
  await page.goto('/accounts');
  const accountId = await page.locator('input[name="accountId"]').first().getAttribute('value');
  expect(accountId).toMatch(/^[0-9a-f-]{36}$/);

  // As someone else entirely.
  const other = await browser.newPage();
  await signUp(other, newUser('outsider'));
  const order = await other.goto(href);
  expect(order?.status()).toBe(404);
  expect(await other.content()).not.toContain(buyer);
  const res = await other.request.get(`/api/accounts/${accountId}/sync`);
  expect(res.status()).toBe(404);
  expect(await res.text()).not.toMatch(/esm_sandbox_seller|A1SANDBOXDEMO01|10001234567/);
  await other.close();
});
