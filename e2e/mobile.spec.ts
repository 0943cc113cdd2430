// On a phone (390 px): every page fits its width (tables scroll inside their card, never the
// page), the navigation is a menu that opens and navigates; on the order page a long hold reason
// wraps instead of stretching the page, and the order's history says who held it. Screenshots
// at 1280 and 390 px go to the test's output folder.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, newUser, signIn, signUp } from './support/auth';

test.describe.configure({ timeout: 300_000 });

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** No horizontal scroll on the page itself. */
async function expectFits(page: Page, what: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${what}: page is ${scrollWidth}px wide in a ${innerWidth}px window`).toBeLessThanOrEqual(innerWidth);
}

/** An open Amazon order of the demo (not the first: other specs work the oldest and newest ones). */
async function openDemoOrder(page: Page): Promise<string> {
  let href: string | null = null;
  await expect(async () => {
    await page.goto('/orders?marketplace=amazon&status=unshipped&sort=ordered_at&dir=asc');
    const links = page.getByRole('table').first().locator('tbody tr a[href^="/orders/"]');
    expect(await links.count()).toBeGreaterThanOrEqual(3);
    href = await links.nth(2).getAttribute('href');
  }).toPass({ timeout: 150_000, intervals: [1_000, 2_000, 5_000] });
  expect(href).toMatch(/^\/orders\/[0-9a-f-]{36}$/);
  return href!;
}

test('every page fits a phone, and the menu opens and navigates', async ({ page }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, DEMO.email, DEMO.password);
  const order = await openDemoOrder(page);

  for (const path of ['/orders', order, '/listings', '/shipments', '/shipments/bulk', '/reports', '/accounts', '/settings', '/settings/shipping', '/audit']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectFits(page, path);
  }

  // The menu: closed at first, opens, and a link in it navigates (and closes it again).
  await page.goto('/orders');
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await expect(nav).toBeHidden();
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(nav).toBeVisible();
  await shot(page, 'mobile-nav-open-390');
  await nav.getByRole('link', { name: 'Audit' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Audit' })).toBeVisible();
  await expect(nav).toBeHidden();
  await expectFits(page, 'audit after navigating');

  // On a desktop the sidebar is always there and there is no Menu button.
  await page.setViewportSize(DESKTOP);
  await expect(nav).toBeVisible();
  await expect(menu).toBeHidden();
});

test('a long hold reason wraps on the order page, and the history says who held and released it', async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  const order = await openDemoOrder(page);
  await page.goto(order);
  await expect(page.getByTestId('marketplace-status')).not.toHaveText(/[A-Z]{3,}_[A-Z]/); // words, not codes
  await expect(page.getByTestId('order-history')).toContainText('Order received from Amazon');
  const reason = page.getByLabel(/Reason/);
  // The box itself bounds the text; a longer value (typed past the bound) is cut at 500.
  await reason.fill('x'.repeat(3_000));
  expect((await reason.inputValue()).length).toBe(500);
  await page.getByRole('button', { name: 'Put on hold' }).click();
  await expect(page.getByTestId('hold-reason')).toContainText('x'.repeat(100));
  await expectFits(page, 'order on hold, 1280');
  await expect(page.getByTestId('order-event').first()).toContainText(`Put on hold`);
  await expect(page.getByTestId('order-event').first()).toContainText(DEMO.email);
  await shot(page, 'order-held-1280');
  await page.setViewportSize(PHONE);
  await expectFits(page, 'order on hold, 390');
  await shot(page, 'order-held-390');

  await page.setViewportSize(DESKTOP);
  await page.getByRole('button', { name: 'Release hold' }).click();
  await expect(page.getByTestId('order-event').first()).toContainText('Hold released');

  await page.goto('/audit');
  // This order's entry, in words, linking to the order.
  const held = page.getByTestId('audit-row').filter({ has: page.locator(`a[href="${order}"]`) }).filter({ hasText: 'put on hold, with a reason' }).first();
  await expect(held).toBeVisible();
  await expect(held.getByRole('link', { name: /^Order / })).toHaveText(/^Order \S+$/);
  await shot(page, 'audit-1280');
  await page.setViewportSize(PHONE);
  await expectFits(page, 'audit, 390');
  await shot(page, 'audit-390');

  await page.goto('/settings');
  await expectFits(page, 'settings, 390');
  await shot(page, 'settings-390');
  await page.setViewportSize(DESKTOP);
  await page.reload();
  await shot(page, 'settings-1280');
});

test("times are shown in the organization's zone, and the app has an icon", async ({ page, request }) => {
  // A new organization of its own: the demo's zone stays as other specs expect it.
  await signUp(page, newUser('zone'));
  await page.goto('/settings');
  await page.getByLabel('Time zone').selectOption('America/Chicago');
  await page.locator('form', { has: page.getByLabel('Time zone') }).getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Time zone saved.')).toBeVisible();
  await page.goto('/audit');
  const rows = page.getByTestId('audit-row');
  await expect(rows.first()).toContainText('time zone changed from UTC to America/Chicago');
  // December in Chicago is CST; no date on the page is in UTC any more.
  await expect(rows.first()).toContainText(/CST/);
  expect(await page.locator('main').innerText()).not.toMatch(/\bUTC\b(?! to)/);

  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute('href', /icon/);
  const icon = await request.get((await page.locator('link[rel="icon"]').first().getAttribute('href'))!);
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toContain('image/svg+xml');
});
