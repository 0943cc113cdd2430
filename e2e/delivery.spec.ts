// Following packages to delivery, in an organization of its own (no other spec touches its
// orders): a new seller connects the Walmart sandbox, sets up shipping, buys a label; the Shippo
// simulator's clock moves on and its track_updated webhook tells ESM, so the order shows delivered
// with its tracking timeline. A voided label becomes refunded by the refund job the cron tick runs,
// without "Check again". Bulk labels come as one PDF in 4x6 or letter.
import { expect, test, type Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { newUser, signUp } from './support/auth';

// A Walmart sandbox seller of this spec's own (sandbox/walmart/accounts.ts WALMART_WORKBENCH_SELLERS):
// an order open two days after it was placed stays open until ESM ships it, and no other spec or
// the demo touches this seller's orders.
const WALMART = { clientId: 'wm-sandbox-workbench-client-0000-000000000002', clientSecret: 'wm-sandbox-workbench-secret-not-valid-at-walmart-0002' };
// The launcher starts the simulators at SANDBOX_PORT, default PORT + 1101 (Walmart, Amazon, eBay, Shippo).
const SHIPPO = `http://127.0.0.1:${Number(process.env.SANDBOX_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1101) + 3}`;
const DAY = 86_400_000;

const shot = async (page: Page, name: string) => {
  for (const [w, suffix] of [[1280, ''], [390, '-390']] as const) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.screenshot({ path: test.info().outputPath(`${name}${suffix}.png`), fullPage: true });
    await page.screenshot({ path: `/tmp/shots-delivery/${name}${suffix}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};

/** Moves only Shippo's clock (the marketplaces' stays): packages travel, refunds settle. */
async function advanceShippo(page: Page, ms: number) {
  const res = await page.request.post(`${SHIPPO}/__sandbox/clock/advance`, { data: { ms } });
  expect(res.ok()).toBe(true);
}

async function setUpShipping(page: Page) {
  await page.goto('/accounts');
  const walmart = page.getByTestId('connect-walmart');
  await walmart.getByLabel('Client ID').fill(WALMART.clientId);
  await walmart.getByLabel('Client secret').fill(WALMART.clientSecret);
  await walmart.getByRole('button', { name: 'Connect Walmart' }).click();
  await expect(walmart.getByRole('status').filter({ hasText: 'Your Walmart' })).toContainText('Your Walmart account is connected.');
  await expect(page.getByTestId('orders-run')).toHaveText(/^Synced [\d,]+ orders? in \d+ pages?/, { timeout: 90_000 });

  await page.goto('/settings/shipping');
  const from = page.getByRole('form', { name: 'Add a ship-from location' });
  for (const [label, value] of [['Location name', 'Portland'], ['Street address', '1455 NW Irving St'], ['City', 'Portland'], ['State', 'OR'], ['ZIP code', '97209'], ['Country', 'US']]) {
    await from.getByLabel(label).fill(value);
  }
  await from.getByRole('button', { name: 'Check and save location' }).click();
  await expect(page.getByText(/Ship-from location “Portland” saved/)).toBeVisible();
  const preset = page.getByRole('form', { name: 'Add a package' });
  for (const [label, value] of [['Package name', 'Box'], ['Length (in)', '10'], ['Width (in)', '8'], ['Height (in)', '6'], ['Weight (oz)', '28']]) {
    await preset.getByLabel(label).fill(value);
  }
  await preset.getByRole('button', { name: 'Save package' }).click();
  await expect(page.getByRole('list', { name: 'Packages' })).toContainText('10 × 8 × 6 in');
}

async function unshippedOrders(page: Page, n: number): Promise<string[]> {
  await page.goto('/orders?status=unshipped');
  const links = page.getByRole('table').first().locator('tbody tr a[href^="/orders/"]');
  await expect(links.nth(n - 1)).toBeVisible();
  const hrefs: string[] = [];
  for (let i = 0; i < n; i++) hrefs.push((await links.nth(i).getAttribute('href'))!);
  return hrefs;
}

async function buyLabel(page: Page, href: string): Promise<string> {
  await page.goto(href);
  await page.getByRole('button', { name: 'Get rates' }).click();
  await expect(page.getByTestId('rate').first()).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Buy label' }).click();
  const card = page.getByTestId('shipment');
  await expect(card).toContainText('Label bought', { timeout: 30_000 });
  return (await card.locator('dd').nth(1).innerText()).trim();
}

test('a label is followed to delivery; a void is refunded by the job; bulk labels in 4x6 and letter', async ({ page }) => {
  test.setTimeout(480_000);
  await signUp(page, newUser('delivery'));
  await setUpShipping(page);
  const [first, second] = await unshippedOrders(page, 2);

  // Buy: Shippo's first scan ("label created") arrives by webhook.
  const tracking = await buyLabel(page, first);
  const timeline = page.getByTestId('tracking');
  await expect(async () => {
    await page.reload();
    await expect(timeline).toContainText('Label created', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(timeline.getByRole('link', { name: /Track on .+ site/ })).toHaveAttribute('href', /^https:\/\//);

  // Days pass at the carrier: in transit, out for delivery, delivered. The order follows.
  await advanceShippo(page, 10 * DAY);
  await expect(async () => {
    await page.reload();
    await expect(timeline).toContainText('Delivered', { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  await expect(timeline.getByRole('list', { name: 'Tracking events' }).getByRole('listitem')).toHaveCount(5);
  await expect(timeline).toContainText('Delivered, Front Door/Porch');
  await expect(timeline).toContainText('Out for Delivery');
  await shot(page, 'order-delivered');
  await page.goto('/orders?status=delivered');
  await expect(page.getByRole('table').first().locator(`a[href="${first}"]`).first()).toBeVisible();
  await page.goto('/shipments');
  await expect(page.getByRole('row').filter({ hasText: tracking }).getByTestId('delivery-status')).toHaveText('Delivered');
  await shot(page, 'shipments-delivery');

  // Void: pending, then refunded by the refund job on a cron tick, nobody clicking "Check again".
  await buyLabel(page, second);
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Void label' }).click();
  const card = page.getByTestId('shipment');
  await expect(card).toContainText('Void pending', { timeout: 30_000 });
  await advanceShippo(page, 20 * 60_000);
  await expect(async () => {
    await page.reload();
    await expect(card).toContainText('Voided · refunded', { timeout: 2_000 });
  }).toPass({ timeout: 200_000, intervals: [5_000] });
  await shot(page, 'order-refunded');

  // Bulk: two labels, one PDF in either size.
  await page.goto('/shipments/bulk');
  const form = page.getByRole('form', { name: 'Buy labels in bulk' });
  await form.getByLabel('Rate').selectOption('cheapest');
  await form.getByText(/orders selected/).click(); // unselect all
  const boxes = form.getByRole('list', { name: 'Orders ready to ship' }).getByRole('checkbox');
  for (let i = 0; i < 2; i++) await boxes.nth(i).check();
  await form.getByRole('button', { name: 'Buy 2 labels' }).click();
  await expect(page.getByTestId('batch-progress')).toContainText('Finished: 2 of 2 orders · 2 bought', { timeout: 120_000 });
  await shot(page, 'batch-formats');
  const sizes = async (name: RegExp) => {
    const href = await page.getByRole('link', { name }).getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    return (await PDFDocument.load(await pdf.body())).getPages().map((p) => [p.getWidth(), p.getHeight()]);
  };
  expect(await sizes(/Letter paper/)).toEqual([[612, 792], [612, 792]]);
  const thermal = await sizes(/Labels PDF \(2\)/);
  expect(thermal).toHaveLength(2);
  expect(thermal[0]).not.toEqual([612, 792]);
});
