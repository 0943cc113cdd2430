// Shipping, as the demo seller does it: set up a ship-from location (checked by the Shippo
// simulator) and a package, buy a label for a demo order, open its PDF, see it on the Shipments
// page, void it.
import { expect, test, type Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { DEMO, signIn } from './support/auth';

const shot = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath(`${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

async function unshippedOrder(page: Page): Promise<string> {
  let href: string | null = null;
  await expect(async () => {
    await page.goto('/orders?status=unshipped');
    const links = page.getByRole('table').first().locator('tbody tr a[href^="/orders/"]');
    expect(await links.count()).toBeGreaterThan(0);
    href = await links.first().getAttribute('href');
  }).toPass({ timeout: 150_000, intervals: [1_000, 2_000, 5_000] });
  return href!;
}

test.describe('shipping', () => {
  test.describe.configure({ timeout: 300_000 });

  test('set up shipping, buy a label for a demo order, open the PDF, void it', async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);

    // Settings → Shipping
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Shipping settings' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Shipping' })).toBeVisible();
    await expect(page.getByTestId('no-ship-from')).toBeVisible();
    const from = page.getByRole('form', { name: 'Add a ship-from location' });
    await from.getByLabel('Location name').fill('Portland warehouse');
    await from.getByLabel('Street address').fill('1455 NW Irving St');
    await from.getByLabel('City').fill('Portland');
    await from.getByLabel('State').fill('OR');
    await from.getByLabel('ZIP code').fill('10001'); // a New York ZIP: Shippo refuses it
    await from.getByLabel('Country').fill('US');
    await from.getByRole('button', { name: 'Check and save location' }).click();
    await expect(from.getByText(/Shippo could not validate this address/)).toBeVisible();
    await from.getByLabel('ZIP code').fill('97209');
    await from.getByRole('button', { name: 'Check and save location' }).click();
    await expect(page.getByText(/Ship-from location “Portland warehouse” saved/)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Ship-from locations' })).toContainText('97209');

    const preset = page.getByRole('form', { name: 'Add a package' });
    await preset.getByLabel('Package name').fill('Mug box');
    for (const [label, value] of [['Length (in)', '10'], ['Width (in)', '8'], ['Height (in)', '6'], ['Weight (oz)', '0']]) {
      await preset.getByLabel(label).fill(value);
    }
    await preset.getByRole('button', { name: 'Save package' }).click();
    await expect(preset.getByText('The weight must be more than 0')).toBeVisible();
    await preset.getByLabel('Weight (oz)').fill('28');
    await preset.getByRole('button', { name: 'Save package' }).click();
    await expect(page.getByRole('list', { name: 'Packages' })).toContainText('10 × 8 × 6 in · 28 oz');

    // Merchant rules: one that warns on every order, one that blocks heavy parcels.
    const rule = page.getByRole('form', { name: 'Add a rule' });
    const addRule = async (name: string, effect: string, kind: string, value: string, message: string) => {
      await rule.getByLabel('Rule name').fill(name);
      await rule.getByLabel('Then').selectOption(effect);
      await rule.getByLabel('When').selectOption(kind);
      await rule.getByLabel('Value').fill(value);
      await rule.getByLabel('Message people see').fill(message);
      await rule.getByRole('button', { name: 'Save rule' }).click();
    };
    await addRule('Heavy', 'block', 'max_weight_oz', 'heavy', 'Ship it freight.');
    await expect(rule.getByText('Enter a number')).toBeVisible();
    await addRule('Heavy', 'block', 'max_weight_oz', '500', 'Ship it freight.');
    await expect(page.getByText('Rule “Heavy” saved.')).toBeVisible();
    await addRule('Packing slip', 'warn', 'max_item_count', '0', 'Put the packing slip in.');
    await expect(page.getByRole('list', { name: 'Rules' })).toContainText('Put the packing slip in.');
    await shot(page, 'settings-shipping');

    // One order: rates, buy, the PDF
    const orderHref = await unshippedOrder(page);
    await page.goto(orderHref);
    // An operator may correct the ship-to before buying (here: saved as it is).
    await page.getByText('Correct the ship-to address').click();
    const fix = page.getByRole('form', { name: 'Correct the ship-to address' });
    await expect(fix.getByLabel('Street address')).not.toHaveValue('');
    await fix.getByRole('button', { name: 'Save address' }).click();
    await expect(fix.getByText('Address corrected. Get rates again.')).toBeVisible();
    await page.getByLabel('Weight (oz)').fill('600');
    await page.getByRole('button', { name: 'Get rates' }).click();
    await expect(page.getByText('Blocked by your rule “Heavy”: Ship it freight. Nothing was bought.')).toBeVisible({ timeout: 30_000 });
    await page.getByLabel('Weight (oz)').fill('');
    await page.getByRole('button', { name: 'Get rates' }).click();
    await expect(page.getByText('Packing slip: Put the packing slip in.')).toBeVisible({ timeout: 30_000 });
    const rates = page.getByTestId('rate');
    await expect(rates.first()).toBeVisible({ timeout: 30_000 });
    expect(await rates.count()).toBeGreaterThan(1);
    await expect(rates.first()).toContainText('Cheapest');
    await expect(page.getByText('Fastest').first()).toBeVisible();
    await shot(page, 'order-rates');
    await page.getByRole('button', { name: 'Buy label' }).click();
    const card = page.getByTestId('shipment');
    await expect(card).toContainText('Label bought', { timeout: 30_000 });
    const tracking = (await card.locator('dd').nth(1).innerText()).trim();
    expect(tracking).toMatch(/^\w{10,}$/);
    const pdfUrl = await card.getByRole('link', { name: /Open label PDF/ }).getAttribute('href');
    const pdf = await page.request.get(pdfUrl!);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(page.getByRole('button', { name: 'Get rates' })).toHaveCount(0); // one active label per order
    await shot(page, 'order-labelled');

    // Shipments page
    await page.goto('/shipments');
    await expect(page.getByRole('table').first()).toContainText(tracking);
    await shot(page, 'shipments');

    // Void
    await page.goto(orderHref);
    page.once('dialog', (d) => d.accept());
    await page.getByRole('button', { name: 'Void label' }).click();
    await expect(card).toContainText('Void pending', { timeout: 30_000 });
    await expect(card.getByRole('button', { name: 'Check again' })).toBeVisible();
    await shot(page, 'order-void-pending');
  });

  test('bulk: buy labels for five orders as a background job, then one merged PDF', async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);
    await page.goto('/shipments');
    await page.getByRole('link', { name: 'Buy labels in bulk' }).click();
    const form = page.getByRole('form', { name: 'Buy labels in bulk' });
    await expect(form).toBeVisible();
    await form.getByLabel('Rate').selectOption('cheapest'); // the oldest demo orders are past deliver-by
    await form.getByText(/orders selected/).click(); // unselect all
    // The five oldest ready orders. No other spec buys labels for the demo's oldest orders now (the
    // delivery and 20-label specs have Walmart sellers of their own), and the newest are the
    // tracking-push and orders specs'.
    const boxes = form.getByRole('list', { name: 'Orders ready to ship' }).getByRole('checkbox');
    for (let i = 0; i < 5; i++) await boxes.nth(i).check();
    await expect(form.getByText('5 of')).toBeVisible();
    await shot(page, 'bulk');
    await form.getByRole('button', { name: 'Buy 5 labels' }).click();
    await expect(page).toHaveURL(/\/shipments\/batches\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('batch-progress')).toContainText('Finished: 5 of 5 orders · 5 bought', { timeout: 120_000 });
    await expect(page.getByTestId('batch-row')).toHaveCount(5);
    await shot(page, 'batch');
    const href = await page.getByRole('link', { name: /Labels PDF \(5\)/ }).getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await PDFDocument.load(await pdf.body())).getPageCount()).toBe(5);
  });
});
