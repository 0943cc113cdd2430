// The orders workspace as a seller works it: the Awaiting tab (ship-by first, urgency), tab and
// Late / Due today counts, bulk hold and release of 3 orders, CSV export of a selection and of a
// whole view. (Orders → select → Buy labels, handed to the label batch, is in shipping-bulk.spec.ts.)
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DEMO, signIn } from './support/auth';

const shot = async (page: Page, name: string) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    // The table scrolls inside its card (its height follows the viewport): what a person sees.
    await page.screenshot({ path: `/tmp/shots-orders/${name}-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
};

const rows = (page: Page) => page.getByRole('table').first().locator('tbody tr');
const orderNumber = async (page: Page, i: number) => (await rows(page).nth(i).locator('td[data-col=external_order_id] a').first().innerText()).trim();

async function awaitingOrders(page: Page, atLeast: number) {
  await expect(async () => {
    await page.goto('/orders?tab=awaiting');
    expect(await rows(page).count()).toBeGreaterThanOrEqual(atLeast);
  }).toPass({ timeout: 150_000, intervals: [1_000, 2_000, 5_000] });
}

// One CSV line's cells (quoted cells may hold commas and doubled quotes).
const cells = (line: string) => [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) => m[1].replace(/^"([\s\S]*)"$/, '$1').replace(/""/g, '"'));

test.describe('orders workspace', () => {
  test.describe.configure({ timeout: 300_000 });

  test('work the Awaiting tab, bulk-hold and release 3 orders, export CSV', async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);
    await awaitingOrders(page, 16);
    const tabs = page.getByRole('navigation', { name: 'Order status' });
    await expect(tabs.getByRole('link', { name: /Awaiting shipment/ })).toHaveAttribute('aria-current', 'page');
    // Awaiting opens sorted by ship-by, soonest first.
    await expect(page.getByRole('table').first().getByRole('columnheader', { name: /Ship by/ })).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByText(/· times in [A-Za-z_/]+/)).toBeVisible();
    await expect(page.getByText(/synced .* ago|Last synced/)).toBeVisible();
    // Every open row says how urgent it is; late rows are marked.
    await expect(rows(page).first().locator('td[data-col=ship_by]')).toContainText(/due in|late by/i);
    const late = page.getByRole('link', { name: /^Late \d/ });
    const lateCount = Number((await late.innerText()).replace(/[^\d]/g, ''));
    await late.click();
    await expect(page).toHaveURL(/late=1/);
    if (lateCount > 0) await expect(rows(page).first()).toHaveAttribute('data-urgency', 'late');
    await page.getByRole('link', { name: /^Due today \d/ }).click();
    await expect(page).toHaveURL(/due=today/);
    await shot(page, 'orders-due-today');

    // Bulk hold: 3 orders from the middle of the list (other specs take the first ones).
    await page.goto('/orders?tab=awaiting');
    await shot(page, 'orders-awaiting');
    const picked = [await orderNumber(page, 12), await orderNumber(page, 13), await orderNumber(page, 14)];
    for (const n of picked) await page.getByRole('checkbox', { name: `Select order ${n}` }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await expect(bar).toContainText('3 selected');
    await shot(page, 'orders-selected');
    await bar.getByLabel('Hold reason').fill('Bulk check e2e');
    await bar.getByRole('button', { name: 'Hold' }).click();
    await expect(page.getByText('3 orders put on hold.')).toBeVisible();
    await tabs.getByRole('link', { name: /On hold/ }).click();
    await expect(page).toHaveURL(/tab=hold/);
    for (const n of picked) await expect(page.getByRole('checkbox', { name: `Select order ${n}` })).toBeVisible();
    await page.goto('/orders?tab=awaiting');
    for (const n of picked) await expect(page.getByRole('checkbox', { name: `Select order ${n}` })).toHaveCount(0);

    // Release them from the On hold tab.
    await page.goto('/orders?tab=hold');
    for (const n of picked) await page.getByRole('checkbox', { name: `Select order ${n}` }).check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Release' }).click();
    await expect(page.getByText('3 orders released.')).toBeVisible();
    await page.goto('/orders?tab=awaiting');
    for (const n of picked) await expect(page.getByRole('checkbox', { name: `Select order ${n}` })).toBeVisible();

    // Export the 2 picked orders as CSV.
    const two = [await orderNumber(page, 20), await orderNumber(page, 21)];
    for (const n of two) await page.getByRole('checkbox', { name: `Select order ${n}` }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = fs.readFileSync((await download.path())!, 'utf8').trimEnd().split('\r\n');
    expect(csv[0]).toBe('Order,Marketplace,Account,Status,Ordered (UTC),Ship by (UTC),Total,Currency,Items,Buyer,On hold');
    expect(csv.slice(1).map((l) => l.split(',')[0]).sort()).toEqual([...two].sort());

    // Every order of the view, across pages.
    await page.goto('/orders?tab=awaiting&size=25');
    await page.getByRole('checkbox', { name: 'Select every order on this page' }).check();
    const all = page.getByRole('button', { name: /Select all [\d,]+\+? orders matching this view/ });
    const total = Number((await all.innerText()).replace(/[^\d]/g, ''));
    expect(total).toBeGreaterThan(25);
    await all.click();
    await expect(page.getByRole('region', { name: 'Bulk actions' })).toContainText(/All [\d,]+ matching orders selected/);
    const [whole] = await Promise.all([page.waitForEvent('download'), page.getByRole('region', { name: 'Bulk actions' }).getByRole('link', { name: 'Export CSV' }).click()]);
    // The file holds the view as it is when it is exported. The demo shop keeps trading meanwhile
    // (an order arrives every 2.5 minutes, some ship), so it may differ from the count by one or
    // two; every row in it is an awaiting order.
    const rowsOut = fs.readFileSync((await whole.path())!, 'utf8').trimEnd().split('\r\n').slice(1).map(cells);
    expect(Math.abs(rowsOut.length - total)).toBeLessThanOrEqual(2);
    for (const c of rowsOut) {
      expect(['pending', 'unshipped', 'partially_shipped'], c[0]).toContain(c[3]);
      expect(c[10], c[0]).toBe('no');
    }

    // Save the Awaiting view under a name, open it from the saved views, delete it.
    const name = `Awaiting ${Date.now().toString(36)}`;
    await page.goto('/orders?tab=awaiting');
    const views = page.getByRole('group', { name: 'Saved views' });
    await views.getByLabel('View name').fill(name);
    await views.getByRole('button', { name: 'Save view' }).click();
    await expect(views.getByRole('link', { name })).toBeVisible();
    await page.goto('/orders');
    await views.getByRole('link', { name }).click();
    await expect(page).toHaveURL(/tab=awaiting/);
    await views.getByRole('button', { name: `Delete view ${name}` }).click();
    await expect(views.getByRole('link', { name })).toHaveCount(0);

    // A search by order number finds it.
    await page.getByLabel('Search', { exact: true }).fill(two[0]);
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await expect(page.getByRole('checkbox', { name: `Select order ${two[0]}` })).toBeVisible();
    await shot(page, 'orders-search');
  });
});
