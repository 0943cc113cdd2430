// The demo seller's other pages render with what sync brought in: listings from the three
// sandbox accounts, connected accounts with their health, the audit trail, and honest empty
// states where there is nothing yet.
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/auth';

test('listings, accounts, shipments, reports and audit pages as the demo seller', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.email, DEMO.password);

  // Listings arrive with the first listings sync of each account (seconds after start).
  await expect(async () => {
    await page.goto('/listings');
    await expect(page.getByRole('table')).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 120_000, intervals: [3_000] });
  await expect(page.getByRole('heading', { name: 'Listings' })).toBeVisible();
  await expect(page.getByRole('cell', { name: /MUG-CER-11OZ-WHT/ }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('listings.png'), fullPage: true });

  await page.goto('/accounts');
  for (const name of [/Walmart/, /Amazon/, /eBay/]) await expect(page.getByText(name).first()).toBeVisible();
  await expect(page.getByText(/Last synced/).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('accounts.png'), fullPage: true });

  await page.goto('/shipments');
  await expect(page.getByText('No shipments yet')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('shipments.png'), fullPage: true });

  await page.goto('/reports');
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('reports.png'), fullPage: true });

  await page.goto('/audit');
  await expect(page.getByRole('cell', { name: /account “.*” connected/ }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('audit.png'), fullPage: true });
});
