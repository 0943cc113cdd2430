// Team management: the demo owner adds a freshly signed-up person as a viewer; that person can
// then switch to the demo organization and read its orders, but not manage its members.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, newUser, signIn, signUp, switchOrganization } from './support/auth';

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('the demo owner adds a new user as viewer, who then sees the demo orders', async ({ browser }) => {
  const user = newUser('member');
  const newcomer = await browser.newContext();
  const newcomerPage = await newcomer.newPage();
  await signUp(newcomerPage, user);

  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, DEMO.email, DEMO.password);
  await ownerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(ownerPage.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  // An email nobody signed up with gets a clear answer, not a silent no-op.
  await ownerPage.getByLabel('Email of an existing ESM user').fill(`nobody-${Date.now()}@example.test`);
  await ownerPage.getByRole('button', { name: 'Add member' }).click();
  await expect(ownerPage.getByRole('alert').filter({ hasText: 'No ESM user' })).toHaveText(
    'No ESM user with this email. Ask them to sign up first.',
  );

  await ownerPage.getByLabel('Email of an existing ESM user').fill(user.email);
  await ownerPage.getByLabel('Role', { exact: true }).selectOption('viewer');
  await ownerPage.getByRole('button', { name: 'Add member' }).click();
  await expect(ownerPage.getByRole('status').filter({ hasText: 'was added' })).toHaveText(`${user.email} was added as viewer.`);
  const row = ownerPage.getByTestId('member-row').filter({ hasText: user.email });
  await expect(row.getByTestId('role-badge')).toHaveText('Viewer');
  await shot(ownerPage, 'settings-saved');

  // The owner cannot remove themselves while they are the only owner.
  ownerPage.once('dialog', (d) => d.accept());
  const self = ownerPage.getByTestId('member-row').filter({ hasText: DEMO.email });
  await self.getByRole('button', { name: /Remove|Leave/ }).click();
  await expect(self.getByRole('alert')).toContainText('must keep at least one owner');

  // The newcomer now belongs to two organizations and switches to the demo one.
  await newcomerPage.goto('/orders');
  await switchOrganization(newcomerPage, DEMO.organization);
  await expect(newcomerPage).toHaveURL(/\/orders$/);
  await expect(newcomerPage.getByTestId('role-badge')).toHaveText('Viewer');
  await expect(newcomerPage.getByRole('table').first().locator('tbody tr').first()).toBeVisible();
  await shot(newcomerPage, 'viewer-demo-orders');

  // As a viewer, Settings is read-only: no add form, no row controls.
  await newcomerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(newcomerPage.getByTestId('org-name-readonly')).toHaveText(DEMO.organization);
  await expect(newcomerPage.getByRole('button', { name: 'Add member' })).toHaveCount(0);
  await expect(newcomerPage.getByRole('button', { name: /^Remove / })).toHaveCount(0);

  // The owner's audit trail shows the addition, attributed by email.
  await ownerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  const added = ownerPage.getByTestId('audit-row').filter({ hasText: 'Member added' }).filter({ hasText: user.email });
  await expect(added.first()).toContainText(DEMO.email);

  await newcomer.close();
  await owner.close();
});

test('an owner renames their organization; the switcher and the audit trail follow', async ({ page }) => {
  const user = newUser('rename');
  await signUp(page, user);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const renamed = `${user.organization} Ltd`;
  await page.getByLabel('Organization name').fill('   ');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Enter a name')).toBeVisible();
  await page.getByLabel('Organization name').fill(renamed);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'saved' })).toHaveText('Organization name saved.');
  await expect(page.getByTestId('org-name')).toHaveText(renamed);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByTestId('audit-row').first()).toContainText('Organization renamed');
  await expect(page.getByTestId('audit-row').first()).toContainText(user.email);
});
