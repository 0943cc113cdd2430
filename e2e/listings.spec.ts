// Listings as the demo seller works them: Walmart stock read from Walmart's inventory API (not
// "—"), filters in the URL (marketplace, stock, search), a sort, and the page at 390 px with no
// sideways scroll. Also screenshots of Listings and Orders with the demo's data, at both widths.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './support/auth';

const rows = (page: Page) => page.getByTestId('listing-row');

async function shots(page: Page, name: string, noSidewaysScroll = true) {
  await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath(`${name}-390.png`), fullPage: true });
  if (noSidewaysScroll) expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('the demo seller filters, searches and sorts listings; Walmart shows its stock', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, DEMO.email, DEMO.password);

  // Walmart's quantities come with the listings sync's inventory pages, right after its items.
  await expect(async () => {
    await page.goto('/listings?marketplace=walmart&sort=quantity&dir=desc');
    await expect(rows(page).first().locator('td[data-col=stock]')).toHaveText(/\d/, { timeout: 2_000 });
  }).toPass({ timeout: 150_000, intervals: [3_000] });
  await expect(page.getByRole('checkbox', { name: 'Walmart' })).toBeChecked();
  const stock = await rows(page).locator('td[data-col=stock]').allInnerTexts();
  expect(stock.length).toBeGreaterThan(5);
  expect(stock.filter((s) => /\d/.test(s)).length).toBe(stock.length);

  // Out of stock, through the filter bar: the URL says so and every row is flagged.
  await page.getByLabel('Stock').selectOption('out');
  await expect(page).toHaveURL(/stock=out/);
  await expect(rows(page).first()).toContainText('Out of stock');
  for (const text of await rows(page).locator('td[data-col=stock]').allInnerTexts()) expect(text).toMatch(/Out of stock\s*0/);

  // Search by SKU or title.
  await page.goto('/listings');
  await page.getByLabel('Search').fill('mug');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=mug/);
  await expect(rows(page).first()).toContainText(/mug/i);
  for (const text of await rows(page).allInnerTexts()) expect(text).toMatch(/mug/i);

  // Sort by price, highest first.
  await page.goto('/listings');
  await page.getByRole('columnheader', { name: /Price/ }).getByRole('link').click();
  await expect(page).toHaveURL(/sort=price&dir=desc/);
  await expect(page.getByRole('columnheader', { name: /Price/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByText(/dates in \w+/)).toBeVisible();
  await shots(page, 'listings');

  // Orders with the demo's history: mostly delivered, some open, a few late.
  await page.goto('/orders');
  await expect(page.getByRole('table').first().locator('tbody tr').first()).toBeVisible();
  await shots(page, 'orders', false); // Orders at 390 px is the orders workspace's work
  await page.goto('/orders?status=unshipped');
  await expect(page.getByRole('table').first().locator('tbody tr').first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('orders-unshipped.png'), fullPage: true });
});
