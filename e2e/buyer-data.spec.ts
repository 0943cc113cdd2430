// Buyer data, as sellers and eBay meet it: the retention setting and what it means today; an eBay
// account-deletion notification from the eBay simulator anonymizing that buyer's order; an owner's
// data download; and deleting an organization after typing its name.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, newUser, signIn, signUp } from './support/auth';

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const port = Number(process.env.E2E_PORT ?? 3100);
// The launcher starts the simulators on PORT + 1101 onwards: walmart, amazon, ebay, shippo.
const EBAY_SIMULATOR = `http://127.0.0.1:${port + 1101 + 2}`;

test.describe.configure({ timeout: 240_000 });

test('an owner sets how long buyer data is kept and sees what it means', async ({ page }) => {
  const user = newUser('privacy');
  await signUp(page, user);
  await page.goto('/settings');
  await expect(page.getByTestId('privacy-held')).toHaveText('0');
  await page.getByLabel('Days to keep buyer data after delivery or cancellation').fill('31');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText('At most 30 days')).toBeVisible();
  await page.getByLabel('Days to keep buyer data after delivery or cancellation').fill('14');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'kept 14 days' })).toBeVisible();
  await expect(page.getByText(/cleared 14 days after an order is delivered or cancelled/)).toBeVisible();
  await shot(page, 'settings-privacy');
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await shot(page, 'settings-privacy-390');
  await page.goto('/audit');
  await expect(page.getByTestId('audit-row').first()).toContainText(/retention/i);
});

test("eBay's account-deletion notification anonymizes that buyer's order", async ({ page, request }) => {
  await signIn(page, DEMO.email, DEMO.password);
  // An open eBay order of the demo, once the first sync has brought them in.
  let href: string | null = null;
  await expect(async () => {
    // The oldest open one: other specs work the newest open orders of the same demo in parallel.
    await page.goto('/orders?marketplace=ebay&status=unshipped&sort=ordered_at&dir=asc');
    href = await page.getByRole('table').first().locator('tbody tr').first().getByRole('link').first().getAttribute('href');
    expect(href).toMatch(/^\/orders\/[0-9a-f-]{36}$/);
  }).toPass({ timeout: 150_000, intervals: [1_000, 2_000, 5_000] });
  await page.goto(href!);
  const orderNumber = (await page.getByRole('heading', { level: 1 }).innerText()).replace(/^Order\s+/i, '').trim();
  await expect(page.getByText('Buyer data anonymized')).toHaveCount(0);

  // eBay (the simulator) tells the app that this order's buyer deleted their account.
  const sent = await request.post(`${EBAY_SIMULATOR}/__ebay/account-deletion`, {
    data: { endpointUrl: `http://localhost:${port}/api/ebay/account-deletion`, seller: 'esm_sandbox_seller', orderId: orderNumber },
  });
  expect(sent.status()).toBe(200);
  expect(await sent.json()).toMatchObject({ delivered: true, attempts: [{ status: 204 }] });

  await expect(async () => {
    await page.reload();
    await expect(page.getByText(/Buyer data anonymized on/)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await shot(page, 'order-anonymized');
  await page.goto('/audit');
  // Other specs write audit rows in parallel (a second organization connecting the same sandbox
  // seller): look for the deletion's own row among the newest.
  await expect(page.getByTestId('audit-row').filter({ hasText: /ebay/i }).first()).toBeVisible();
});

test('an owner downloads the data, then deletes the organization after typing its name', async ({ page }) => {
  const user = newUser('leaving');
  await signUp(page, user);
  await page.goto('/settings');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-link').click()]);
  expect(download.suggestedFilename()).toMatch(/^esm-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of zip) chunks.push(c as Buffer);
  const bytes = Buffer.concat(chunks);
  expect(bytes.subarray(0, 4)).toEqual(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
  expect(bytes.includes(Buffer.from('audit_events.csv'))).toBe(true);

  await page.getByRole('button', { name: 'Delete this organization…' }).click();
  await page.getByLabel("Type the organization's name to confirm").fill('not the name');
  await page.getByRole('button', { name: 'Delete the organization' }).click();
  await expect(page.getByText("Type the organization's name exactly as shown.")).toBeVisible();
  await shot(page, 'delete-organization-confirm');
  await page.getByLabel("Type the organization's name to confirm").fill(user.organization);
  await page.getByRole('button', { name: 'Delete the organization' }).click();
  await expect(page.getByText('You are not a member of any organization')).toBeVisible();
  await shot(page, 'organization-deleted');
});
