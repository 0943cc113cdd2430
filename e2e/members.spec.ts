// Team management: the demo owner invites a freshly signed-up person as a viewer; once they
// accept, they can switch to the demo organization and read its orders, but not manage members.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, newUser, signIn, signUp, switchOrganization } from './support/auth';
import { acceptInvitation, invite } from './support/invitations';

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('the demo owner invites a new user as viewer, who accepts and then sees the demo orders', async ({ browser }) => {
  const user = newUser('member');
  const newcomer = await browser.newContext();
  const newcomerPage = await newcomer.newPage();
  await signUp(newcomerPage, user);

  const owner = await browser.newContext();
  const ownerPage = await owner.newPage();
  await signIn(ownerPage, DEMO.email, DEMO.password);
  await ownerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(ownerPage.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();

  // A malformed address is refused on the spot.
  await ownerPage.getByLabel('Email address to invite').fill('not-an-address');
  await ownerPage.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(ownerPage.getByText('Enter a valid email address')).toBeVisible();

  const link = await invite(ownerPage, user.email, 'viewer');
  await expect(ownerPage.getByRole('status').filter({ hasText: 'Invitation for' })).toContainText(`Invitation for ${user.email} as viewer created.`);
  // Pending, not a member yet.
  await ownerPage.reload();
  await expect(ownerPage.getByTestId('invitation-row').filter({ hasText: user.email })).toBeVisible();
  await expect(ownerPage.getByTestId('member-row').filter({ hasText: user.email })).toHaveCount(0);
  await shot(ownerPage, 'settings-pending-invitation');

  // The owner cannot leave while they are the only owner.
  ownerPage.once('dialog', (d) => d.accept());
  const own = ownerPage.getByTestId('my-org-row').filter({ hasText: DEMO.organization });
  await own.getByRole('button', { name: `Leave ${DEMO.organization}` }).click();
  await expect(own.getByRole('alert')).toContainText('must keep at least one owner');

  // The newcomer accepts and now belongs to two organizations; accepting made the demo current.
  await acceptInvitation(newcomerPage, link, DEMO.organization);
  await expect(newcomerPage.getByLabel('Organization', { exact: true }).locator('option:checked')).toHaveText(DEMO.organization);
  await switchOrganization(newcomerPage, user.organization);
  await switchOrganization(newcomerPage, DEMO.organization);
  await expect(newcomerPage).toHaveURL(/\/orders$/);
  await expect(newcomerPage.getByTestId('role-badge')).toHaveText('Viewer');
  await expect(newcomerPage.getByRole('table').first().locator('tbody tr').first()).toBeVisible();
  await shot(newcomerPage, 'viewer-demo-orders');

  // As a viewer, Settings is read-only: no invite form, no row controls.
  await newcomerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(newcomerPage.getByTestId('org-name-readonly')).toHaveText(DEMO.organization);
  await expect(newcomerPage.getByRole('button', { name: 'Invite', exact: true })).toHaveCount(0);
  await expect(newcomerPage.getByRole('button', { name: /^Remove / })).toHaveCount(0);

  // The owner's audit trail shows the acceptance, attributed to the newcomer by email.
  await ownerPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  const accepted = ownerPage.getByTestId('audit-row').filter({ hasText: 'Invitation accepted' }).filter({ hasText: user.email });
  await expect(accepted.first()).toBeVisible();
  await expect(ownerPage.getByTestId('audit-row').filter({ hasText: 'Invitation created' }).first()).toContainText(DEMO.email);

  await newcomer.close();
  await owner.close();
});

test('an owner renames their organization; the switcher and the audit trail follow', async ({ page }) => {
  const user = newUser('rename');
  await signUp(page, user);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const renamed = `${user.organization} Ltd`;
  // Settings has several forms with a Save button: this is the name's.
  const saveName = page.locator('form').filter({ has: page.getByLabel('Organization name') }).getByRole('button', { name: 'Save', exact: true });
  await page.getByLabel('Organization name').fill('   ');
  await saveName.click();
  await expect(page.getByText('Enter a name')).toBeVisible();
  await page.getByLabel('Organization name').fill(renamed);
  await saveName.click();
  await expect(page.getByRole('status').filter({ hasText: 'saved' })).toHaveText('Organization name saved.');
  await expect(page.getByTestId('org-name')).toHaveText(renamed);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByTestId('audit-row').first()).toContainText('Organization renamed');
  await expect(page.getByTestId('audit-row').first()).toContainText(user.email);
});
