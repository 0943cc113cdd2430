// Orders, as people use them: the demo seller browses, sorts, filters, pages and holds an order;
// a viewer sees the hold control disabled; someone outside the organization gets a 404.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO, newUser, signIn, signUp } from './support/auth';
import { acceptInvitation, invite } from './support/invitations';

async function newPage(browser: Browser) {
  const context = await browser.newContext();
  return { context, page: await context.newPage() };
}

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

const table = (page: Page) => page.getByRole('table').first();
const bodyRows = (page: Page) => table(page).locator('tbody tr');
const money = (s: string) => Number(s.replace(/[^0-9.-]/g, ''));
/** The distinct marketplace badges on the current page (the cell may also name the account). */
const marketplacesShown = async (page: Page) =>
  [...new Set((await bodyRows(page).locator('td[data-col=marketplace]').allInnerTexts()).map((s) => s.trim().split('\n')[0].trim()))];

/** The demo's orders arrive by its first sync after start: wait until the list has them. */
async function demoOrdersSynced(page: Page, path = '/orders', atLeast = 1) {
  await expect(async () => {
    await page.goto(path);
    expect(await bodyRows(page).count()).toBeGreaterThanOrEqual(atLeast);
  }).toPass({ timeout: 150_000, intervals: [1_000, 2_000, 5_000] });
}

/** A demo order id, read from the list as the demo owner. */
async function demoOrderId(browser: Browser): Promise<string> {
  const { context, page } = await newPage(browser);
  await signIn(page, DEMO.email, DEMO.password);
  await demoOrdersSynced(page, '/orders?status=delivered');
  const href = await bodyRows(page).first().getByRole('link').first().getAttribute('href');
  await context.close();
  expect(href).toMatch(/^\/orders\/[0-9a-f-]{36}$/);
  return href!.split('/').pop()!;
}

test.describe('orders', () => {
  // Several sign-ins and page loads per test: more than the default budget on a slow machine.
  test.describe.configure({ timeout: 300_000 });

  test('the demo seller browses, sorts, filters, pages and holds an order', async ({ page }) => {
    await signIn(page, DEMO.email, DEMO.password);
    await demoOrdersSynced(page, '/orders', 50); // a full first page, and more to page through
    await expect(page.getByRole('heading', { level: 1, name: /Orders/ })).toBeVisible();
    await expect(bodyRows(page)).toHaveCount(50);
    await shot(page, 'orders-list');

    // Sort by total: the URL says so and the page is in that order.
    await table(page).getByRole('button', { name: /Total/ }).click();
    await expect(page).toHaveURL(/sort=total&dir=desc/);
    await expect(table(page).getByRole('columnheader', { name: /Total/ })).toHaveAttribute('aria-sort', 'descending');
    const totals = (await bodyRows(page).locator('td[data-col=total]').allInnerTexts()).map((t) => money(t.split('\n')[0])); // the item count is under the amount
    expect(totals.length).toBe(50);
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
    await table(page).getByRole('button', { name: /Total/ }).click();
    await expect(page).toHaveURL(/sort=total&dir=asc/);
    await expect(table(page).getByRole('columnheader', { name: /Total/ })).toHaveAttribute('aria-sort', 'ascending');

    // Filter by marketplace: in the URL, kept on reload.
    await page.goto('/orders');
    await page.getByRole('search').getByText('Amazon', { exact: true }).click();
    await expect(page).toHaveURL(/marketplace=amazon/);
    await expect(bodyRows(page).first()).toBeVisible();
    expect(await marketplacesShown(page)).toEqual(['Amazon']);
    await page.reload();
    await expect(page).toHaveURL(/marketplace=amazon/);
    await expect(page.getByRole('search').getByRole('checkbox', { name: 'Amazon' })).toBeChecked();
    expect(await marketplacesShown(page)).toEqual(['Amazon']);
    await shot(page, 'orders-filtered');

    // A search that matches nothing offers to clear the filters.
    await page.getByLabel('Search', { exact: true }).fill('no-such-order-zzz');
    await page.getByLabel('Search', { exact: true }).press('Enter');
    await expect(page.getByText('No orders match these filters')).toBeVisible();
    await page.getByRole('main').getByRole('link', { name: 'Clear filters' }).last().click();
    await expect(page).toHaveURL(/\/orders$/);
    // A date applies when the field is left.
    await page.getByLabel('to', { exact: true }).fill('2000-01-31');
    await page.getByLabel('to', { exact: true }).blur();
    await expect(page).toHaveURL(/to=2000-01-31/);
    await expect(page.getByText('No orders match these filters')).toBeVisible();
    await page.goto('/orders');

    // Paginate.
    const firstPage = await bodyRows(page).first().getByRole('link').first().innerText();
    await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Next/ }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(page.getByText(/Page 2 of \d+/)).toBeVisible();
    await expect(bodyRows(page).first().getByRole('link').first()).not.toHaveText(firstPage);
    await page.goBack();
    await expect(page).not.toHaveURL(/page=2/);

    // Open an order that still has to ship, hold it and release it. Other specs ship demo orders
    // as this one runs (and the demo ships its own): an order that shipped in between is refused
    // with a clear message, and the next one on the list is tried.
    for (let row = 2; ; row++) {
      await page.goto('/orders?status=unshipped&hold=no');
      const link = bodyRows(page).nth(row).getByRole('link').first();
      const external = (await link.innerText()).trim();
      await link.click();
      await expect(page).toHaveURL(/\/orders\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1, name: external })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Items' })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Ship to' })).toBeVisible();
      await page.getByLabel(/Reason/).fill('Address to confirm with the buyer');
      await page.getByRole('button', { name: 'Put on hold' }).click();
      const outcome = page.getByText('The order is on hold.').or(page.getByText(/^Only open orders can be put on hold/));
      await expect(outcome).toBeVisible();
      if (await page.getByText('The order is on hold.').isVisible()) break;
      expect(row, 'every order tried had shipped before it could be held').toBeLessThan(8);
    }
    await expect(page.getByText('The order is on hold.')).toBeVisible();
    await expect(page.getByText(/Reason: Address to confirm with the buyer/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Release hold' })).toBeEnabled();
    await shot(page, 'order-detail-held');

    await page.getByRole('button', { name: 'Release hold' }).click();
    await expect(page.getByText('The hold was released.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Put on hold' })).toBeEnabled();
    await expect(page.getByText(/Reason: Address to confirm/)).toHaveCount(0);
    await shot(page, 'order-detail');
  });

  test('a viewer sees the hold control disabled', async ({ browser }) => {
    const viewer = newUser('viewer');
    const v = await newPage(browser);
    await signUp(v.page, viewer);

    // The demo owner invites them as a viewer through Settings; they accept.
    const owner = await newPage(browser);
    await signIn(owner.page, DEMO.email, DEMO.password);
    const link = await invite(owner.page, viewer.email, 'viewer');
    await owner.context.close();
    await acceptInvitation(v.page, link, DEMO.organization);

    const id = await demoOrderId(browser);
    // The order's organization is resolved from the order, whatever the current one.
    await v.page.goto(`/orders/${id}`);
    await expect(v.page.getByRole('heading', { name: 'Items' })).toBeVisible();
    await expect(v.page.getByRole('button', { name: 'Put on hold' })).toBeDisabled();
    await expect(v.page.getByText("Viewers can't change orders")).toBeVisible();
    await shot(v.page, 'order-detail-viewer');
    await v.context.close();
  });

  test("another organization's order is a 404", async ({ browser }) => {
    const id = await demoOrderId(browser);
    const outsider = newUser('outsider');
    const o = await newPage(browser);
    await signUp(o.page, outsider);

    await o.page.goto('/orders');
    await expect(o.page.getByText(/No orders yet\. Connect a marketplace account on the Accounts page/)).toBeVisible();
    await shot(o.page, 'orders-empty');

    const response = await o.page.goto(`/orders/${id}`);
    expect(response?.status()).toBe(404);
    await expect(o.page.getByText('Order not found')).toBeVisible();
    await shot(o.page, 'order-404');
    expect((await o.page.goto('/orders/not-a-uuid'))?.status()).toBe(404);
    expect((await o.page.goto('/orders/00000000-0000-4000-8000-000000000000'))?.status()).toBe(404);
    await o.context.close();
  });
});
