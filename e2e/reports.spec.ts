// Reports on the demo organization: every tab renders with its figures, range and filters live in
// the URL, the CSV download carries the header and the same total as the page, and every tab
// fits a 390 px phone without sideways scrolling.
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './support/auth';

const TABS = [
  ['sales', 'Sales'],
  ['status', 'Orders by status'],
  ['late', 'Late and at risk'],
  ['labels', 'Label spend'],
  ['skus', 'Top SKUs'],
  ['sync', 'Sync health'],
  ['geography', 'Geography'],
] as const;

const cents = (s: string) => Math.round(Number(s.replace(/[$,]/g, '')) * 100);

async function openWithOrders(page: Page) {
  // Orders arrive with the demo accounts' first sync, seconds after the start.
  await expect(async () => {
    await page.goto('/reports');
    await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).not.toHaveText('0', { timeout: 2_000 });
  }).toPass({ timeout: 120_000, intervals: [3_000] });
}

test('each report opens on the demo organization, filters live in the URL, the CSV matches the page', async ({ page }) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.email, DEMO.password);
  await openWithOrders(page);
  // The demo's history is the 30 days a first sync reaches back: the default 30 days have no full
  // month before them, which the page says instead of a change against a nearly empty period.
  await expect(page.getByText(/ESM holds orders from .* on \(a first sync reaches back 30 days\), so it has (only part of|nothing from) the previous 30 days/)).toBeVisible();
  await expect(page.getByTestId('kpi-orders')).not.toContainText('vs previous');

  for (const [name, title] of TABS) {
    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: title, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`report=${name}`));
    await expect(page.getByRole('link', { name: title, exact: true })).toHaveAttribute('aria-current', 'page');
    if (name === 'labels') {
      // No labels are bought in the demo yet: the page says so rather than showing zeros.
      await expect(page.getByText('No labels bought yet')).toBeVisible();
    } else {
      await expect(page.getByRole('list', { name: 'Key figures' })).toBeVisible();
      await expect(page.getByTestId('report-table')).toBeVisible();
    }
    await page.screenshot({ path: `/tmp/shots-reports/reports-${name}-1280.png`, fullPage: true });
  }

  // Range and filters go into the URL, and a shared link reproduces them.
  await page.getByRole('link', { name: 'Sales', exact: true }).click();
  await expect(page).toHaveURL(/report=sales/);
  // The chart is drawn in the browser, once the page has hydrated: a bar per day.
  await expect(page.getByTestId('report-chart').locator('svg.recharts-surface')).toBeVisible();
  await expect(page.getByTestId('report-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.getByLabel('Range', { exact: true }).selectOption('7d');
  await expect(page).toHaveURL(/range=7d/);
  await expect(page.getByText(/compared with the 7 days before/)).toBeVisible();
  // The week before is all in ESM's history: the tiles compare with it.
  await expect(page.getByTestId('kpi-orders')).toContainText('vs previous 7 days');
  await page.getByLabel('Marketplace', { exact: true }).selectOption('amazon');
  await expect(page).toHaveURL(/marketplace=amazon/);
  const rows = page.getByTestId('report-table').locator('tbody tr');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Amazon');
  await page.reload();
  await expect(page.getByLabel('Marketplace', { exact: true })).toHaveValue('amazon');
  await expect(page.getByLabel('Range', { exact: true })).toHaveValue('7d');

  // The CSV: header row, and its gross sales add up to the tile.
  await page.getByLabel('Marketplace', { exact: true }).selectOption('');
  await expect(page).not.toHaveURL(/marketplace=/);
  const gross = cents(await page.getByTestId('kpi-gross').getByTestId('kpi-value').innerText());
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  expect(download.suggestedFilename()).toMatch(/^esm-sales-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = fs.readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
  expect(csv[0]).toBe('Account,Marketplace,Currency,Orders,Units,Gross sales,Shipping charged,Tax,Total,Average order value,Cancelled,Cancelled value');
  expect(csv.length).toBeGreaterThan(1);
  // The tile is in US dollars (the demo's currency): the CSV's USD rows add up to it.
  const usd = csv.slice(1).map((line) => line.split(',')).filter((cells) => cells[2] === 'USD');
  expect(usd.length).toBeGreaterThan(0);
  expect(usd.reduce((n, cells) => n + cents(cells[5]), 0)).toBe(gross);

  // A custom range is a pair of dates in the URL.
  await page.getByLabel('From', { exact: true }).fill('2020-01-01');
  await page.getByLabel('To', { exact: true }).fill('2020-01-31');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/from=2020-01-01&to=2020-01-31/);
  await expect(page.getByText('No orders in this period')).toBeVisible();
  // A malformed link still shows a report, and says what was wrong.
  await page.goto('/reports?report=sales&from=2026-13-01&to=2026-13-02');
  await expect(page.getByText(/Dates must be real calendar dates/)).toBeVisible();
});

test('every report fits a 390 px phone without sideways scrolling', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, DEMO.email, DEMO.password);
  await openWithOrders(page);
  // The demo's history is the 30 days a first sync reaches back: the default 30 days have no full
  // month before them, which the page says instead of a change against a nearly empty period.
  await expect(page.getByText(/ESM holds orders from .* on \(a first sync reaches back 30 days\), so it has (only part of|nothing from) the previous 30 days/)).toBeVisible();
  await expect(page.getByTestId('kpi-orders')).not.toContainText('vs previous');
  for (const [name] of TABS) {
    await page.goto(`/reports?report=${name}`);
    await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, name).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `/tmp/shots-reports/reports-${name}-390.png`, fullPage: true });
  }
});
