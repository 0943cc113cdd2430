// Connecting marketplace accounts as a new seller would: Walmart credentials (a wrong secret is
// refused and saves nothing), eBay and Amazon through their consent pages on the simulators,
// the first sync landing orders, Sync now with live progress, and disconnecting.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { newUser, signUp } from './support/auth';
import { DEMO_ORG_NAME } from '../sandbox/demo/constants';

const WALMART = { clientId: 'wm-sandbox-demo-client-0000-000000000001', clientSecret: 'wm-sandbox-demo-secret-not-valid-at-walmart-0001' };
const EBAY = { user: 'esm_sandbox_seller', password: 'sandbox-only-password' };

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
const card = (page: Page, marketplace: string) => page.getByRole('region', { name: new RegExp(`^${marketplace} account`) });
const count = (s: string) => Number(/Synced ([\d,]+) orders?/.exec(s)?.[1]?.replace(/,/g, '') ?? NaN);

async function openAccounts(page: Page) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', level: 1 })).toBeVisible();
}

/** The card's first orders sync, as the card reports it live. */
async function firstOrdersSync(c: Locator): Promise<number> {
  const orders = c.getByTestId('orders-run');
  await expect(orders).toHaveText(/^Synced [\d,]+ orders? in \d+ pages?/, { timeout: 90_000 });
  return count(await orders.innerText());
}

test('a new seller connects Walmart, eBay and Amazon, syncs now, and disconnects', async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, newUser('accounts'));
  await openAccounts(page);
  await expect(page.getByText('No marketplace accounts connected yet')).toBeVisible();

  // Walmart with a wrong secret: refused by Walmart's token endpoint, nothing saved.
  const walmart = page.getByTestId('connect-walmart');
  await walmart.getByLabel('Client ID').fill(WALMART.clientId);
  await walmart.getByLabel('Client secret').fill('not-the-secret');
  await walmart.getByRole('button', { name: 'Connect Walmart' }).click();
  await expect(walmart.getByRole('alert').filter({ hasText: 'Walmart' })).toHaveText('Walmart refused these credentials. Check the client ID and secret.');
  await expect(page.getByTestId('account-card')).toHaveCount(0);
  await expect(walmart.getByLabel('Client ID')).toHaveValue(WALMART.clientId);
  await shot(page, 'walmart-refused');

  // The right secret: the account appears and its first sync lands orders on the card.
  await walmart.getByLabel('Client secret').fill(WALMART.clientSecret);
  await walmart.getByRole('button', { name: 'Connect Walmart' }).click();
  await expect(walmart.getByRole('status').filter({ hasText: 'Your Walmart' })).toContainText('Your Walmart account is connected.');
  // The demo organization has the same sandbox seller connected: warned, without naming it.
  const shared = walmart.getByRole('status').filter({ hasText: 'Also connected to another organization' });
  await expect(shared).toContainText('This Walmart seller account is also connected to another ESM organization.');
  await expect(shared).not.toContainText(DEMO_ORG_NAME);
  const wm = card(page, 'Walmart');
  await expect(wm.getByTestId('account-status')).toHaveText('Active');
  const synced = await firstOrdersSync(wm);
  expect(synced).toBeGreaterThan(0);
  await expect(wm.getByTestId('last-synced')).toContainText('Last synced');
  await shot(page, 'walmart-connected');

  // The orders are in the orders list.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
  const rows = page.getByRole('table').first().locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await expect(rows.first()).toContainText('Walmart');
  await shot(page, 'orders-after-connect');

  // eBay: consent on the simulator's page (another origin), then back to ESM.
  await openAccounts(page);
  await page.getByTestId('connect-ebay').getByRole('button', { name: 'Connect with eBay' }).click();
  await expect(page.getByRole('heading', { name: /eBay/ })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/oauth2/authorize');
  await page.getByLabel('User ID').fill(EBAY.user);
  await page.getByLabel('Password').fill(EBAY.password);
  await shot(page, 'ebay-consent');
  await page.getByRole('button', { name: 'Agree', exact: true }).click();
  await page.waitForURL((u) => u.pathname === '/accounts');
  await expect(page.getByRole('status').filter({ hasText: 'Your eBay' })).toContainText('Your eBay account is connected.');
  await expect(page.getByRole('status').filter({ hasText: 'Also connected to another organization' })).toContainText('This eBay seller account');
  const eb = card(page, 'eBay');
  await expect(eb.getByTestId('account-name')).toHaveText(EBAY.user);
  expect(await firstOrdersSync(eb)).toBeGreaterThan(0);

  // Declining on eBay's page connects nothing and says so.
  await page.getByTestId('connect-ebay').getByRole('button', { name: 'Connect with eBay' }).click();
  await page.getByRole('button', { name: 'Disagree' }).click();
  await page.waitForURL((u) => u.pathname === '/accounts');
  await expect(page.getByRole('alert').filter({ hasText: 'eBay' })).toHaveText("You did not grant ESM access on eBay's page, so nothing was connected.");
  await expect(page.getByTestId('account-card')).toHaveCount(2);

  // Amazon: Seller Central's consent page, Authorize, back to ESM.
  await page.getByTestId('connect-amazon').getByRole('button', { name: 'Connect with Amazon' }).click();
  await expect(page.getByRole('heading', { name: 'Authorize application' })).toBeVisible();
  await page.getByRole('button', { name: 'Authorize' }).click();
  await page.waitForURL((u) => u.pathname === '/accounts');
  await expect(page.getByRole('status').filter({ hasText: 'Your Amazon' })).toContainText('Your Amazon account is connected.');
  expect(await firstOrdersSync(card(page, 'Amazon'))).toBeGreaterThan(0);
  await shot(page, 'three-connected');

  // A callback whose state was not issued to this browser saves nothing.
  await page.goto('/api/oauth/ebay/callback?state=forged&code=whatever');
  await expect(page.getByRole('alert').filter({ hasText: 'Nothing was saved' })).toContainText('could not be confirmed as yours');
  await expect(page.getByTestId('account-card')).toHaveCount(3);

  // Sync now: progress while it runs, then the result; the button comes back. (The result may read
  // as before: a scheduled sync every 2 minutes on the embedded default may just have found the same.)
  await wm.getByRole('button', { name: 'Sync now' }).click();
  await expect(wm.getByRole('button', { name: 'Syncing…' })).toBeDisabled();
  await expect(wm.getByTestId('sync-status')).toContainText(/Starting the sync…|Syncing…/);
  await expect(wm.getByRole('button', { name: 'Sync now' })).toBeEnabled({ timeout: 60_000 });
  await expect(wm.getByTestId('orders-run')).toHaveText(/^(Synced [\d,]+ orders? in \d+ pages?|Up to date: no orders changed)/);
  await shot(page, 'sync-now-done');

  // Disconnect, with a confirmation step and a choice for the data: the orders stay as history
  // with their buyers anonymized (the default), or go.
  await eb.getByRole('button', { name: 'Disconnect' }).click();
  await expect(eb.getByText(/ESM stops syncing it and deletes its stored credentials/)).toBeVisible();
  await expect(eb.getByRole('radio', { name: /Keep the orders as history/ })).toBeChecked();
  await expect(eb.getByRole('radio', { name: /Delete its orders and listings/ })).not.toBeChecked();
  await shot(page, 'disconnect-confirm');
  await eb.getByRole('button', { name: 'Yes, disconnect' }).click();
  await expect(eb.getByTestId('account-status')).toHaveText('Disconnected');
  await expect(eb.getByTestId('status-reason')).toContainText('credentials deleted');
  await expect(eb.getByRole('button', { name: 'Sync now' })).toHaveCount(0);
  await expect(eb.getByRole('button', { name: 'Reconnect with eBay' })).toBeVisible();
  await shot(page, 'disconnected');

  // The audit trail has the connections and the disconnection.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByTestId('audit-row').filter({ hasText: /” disconnected/ }).first()).toBeVisible();
  await expect(page.getByTestId('audit-row').filter({ hasText: /” connected/ })).toHaveCount(3);
  await expect(page.getByTestId('audit-row').filter({ hasText: /also connected (in|by) another organization/ }).first()).toBeVisible();
});
