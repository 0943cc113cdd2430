// Tracking push, as the demo seller sees it: buy a label for a Walmart demo order and watch the
// order become shipped once the tracking reached Walmart (the scheduler's job tick sends it);
// mark an Amazon order shipped by hand (a package sent outside ESM) and see it sent too; the
// Shipments page shows where each upload stands. Orders are picked where no other spec looks.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './support/auth';

const SHOTS = process.env.E2E_SHOTS_DIR;
const shot = async (page: Page, name: string, target?: ReturnType<Page['getByTestId']>) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    const file = `${name}${width === 390 ? '-390' : ''}.png`;
    const path = SHOTS ? `${SHOTS}/${file}` : test.info().outputPath(file);
    if (target) await target.screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};

/** The href of the `index`-th newest unshipped order of a marketplace, not held. */
async function openOrder(page: Page, marketplace: string, index: number): Promise<string> {
  let href: string | null = null;
  await expect(async () => {
    await page.goto(`/orders?marketplace=${marketplace}&status=unshipped&hold=no&sort=ordered_at&dir=desc`);
    const links = page.getByRole('table').first().locator('tbody tr a[href^="/orders/"]');
    expect(await links.count()).toBeGreaterThan(index);
    href = await links.nth(index).getAttribute('href');
  }).toPass({ timeout: 150_000, intervals: [1_000, 2_000, 5_000] });
  return href!;
}

/** Buying needs a ship-from location and a package: the shipping spec adds them; alone, this spec adds its own. */
async function ensureShippingSetup(page: Page): Promise<void> {
  const deadline = Date.now() + 60_000;
  let hasFrom = false;
  let hasPackage = false;
  for (;;) {
    await page.goto('/settings/shipping');
    hasFrom = (await page.getByTestId('no-ship-from').count()) === 0;
    hasPackage = (await page.getByRole('list', { name: 'Packages' }).count()) > 0;
    if ((hasFrom && hasPackage) || Date.now() > deadline) break;
    await page.waitForTimeout(5_000);
  }
  if (!hasFrom) {
    const from = page.getByRole('form', { name: 'Add a ship-from location' });
    await from.getByLabel('Location name').fill('Push dock');
    await from.getByLabel('Street address').fill('1455 NW Irving St');
    await from.getByLabel('City').fill('Portland');
    await from.getByLabel('State').fill('OR');
    await from.getByLabel('ZIP code').fill('97209');
    await from.getByLabel('Country').fill('US');
    await from.getByRole('button', { name: 'Check and save location' }).click();
    await expect(page.getByText(/Ship-from location “Push dock” saved/)).toBeVisible();
  }
  if (!hasPackage) {
    const preset = page.getByRole('form', { name: 'Add a package' });
    await preset.getByLabel('Package name').fill('Push box');
    for (const [label, value] of [['Length (in)', '10'], ['Width (in)', '8'], ['Height (in)', '6'], ['Weight (oz)', '28']]) await preset.getByLabel(label).fill(value);
    await preset.getByRole('button', { name: 'Save package' }).click();
    await expect(page.getByRole('list', { name: 'Packages' })).toContainText('Push box');
  }
}

/** Reloads until the order's status badge reads `status` (the job tick runs every minute). */
async function waitForStatus(page: Page, href: string, text: RegExp) {
  await expect(async () => {
    await page.goto(href);
    await expect(page.getByTestId('tracking-panel')).toContainText(text, { timeout: 2_000 });
  }).toPass({ timeout: 180_000, intervals: [3_000, 5_000, 10_000] });
}

test.describe('tracking push', () => {
  test.describe.configure({ timeout: 420_000 });

  test('a bought label is sent to Walmart and the order becomes shipped', async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);
    await ensureShippingSetup(page);
    const href = await openOrder(page, 'walmart', 3);
    await page.goto(href);
    await page.getByRole('button', { name: 'Get rates' }).click();
    await expect(page.getByTestId('rate').first()).toBeVisible({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Buy label' }).click();
    await expect(page.getByTestId('shipment')).toContainText('Label bought', { timeout: 30_000 });
    const panel = page.getByTestId('tracking-panel');
    await expect(panel).toContainText(/Package 1 · ESM label/);
    await waitForStatus(page, href, /Sent to Walmart/);
    await expect(page.getByText('Shipped', { exact: true }).first()).toBeVisible();
    await shot(page, 'order-label-pushed', page.getByTestId('tracking-panel'));
  });

  test('an operator marks an Amazon order shipped by hand; the tracking is sent', async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);
    const href = await openOrder(page, 'amazon', 2);
    await page.goto(href);
    const panel = page.getByTestId('tracking-panel');
    await panel.getByText('Mark as shipped (shipped outside ESM)').click();
    const form = page.getByTestId('mark-shipped-form');
    // An unknown carrier without a link is refused, nothing recorded.
    await form.getByLabel('Carrier', { exact: true }).selectOption('Other');
    await form.getByLabel('Carrier name').fill('Yodel');
    await form.getByLabel('Tracking number').fill('JD0002212345');
    await form.getByLabel(/Tracking link/).evaluate((el) => el.removeAttribute('required'));
    await form.getByRole('button', { name: 'Mark as shipped' }).click();
    await expect(form.getByText(/add the link to its tracking page/)).toBeVisible();
    await expect(panel.getByTestId('tracking-package')).toHaveCount(0);
    await shot(page, 'order-mark-shipped-form', panel);

    await form.getByLabel('Carrier', { exact: true }).selectOption('UPS');
    await form.getByLabel('Service').fill('Ground');
    await form.getByLabel('Tracking number').fill('1Z999AA10123456784');
    await form.getByRole('button', { name: 'Mark as shipped' }).click();
    await expect(panel.getByTestId('tracking-package')).toHaveCount(1, { timeout: 15_000 });
    await expect(panel).toContainText('shipped outside ESM');
    await waitForStatus(page, href, /Sent to Amazon/);
    await expect(page.getByText('Shipped', { exact: true }).first()).toBeVisible();
    await shot(page, 'order-manual-pushed', page.getByTestId('tracking-panel'));

    await page.goto('/shipments');
    const row = page.getByRole('row').filter({ hasText: '1Z999AA10123456784' });
    await expect(row.getByTestId('push-status')).toContainText('Sent to Amazon');
    await shot(page, 'shipments');
  });
});
