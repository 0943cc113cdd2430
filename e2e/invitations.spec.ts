// Consent to join: user B is invited to A's organization, does not see it until accepting,
// accepts, sees it, and leaves. Someone else holding the link learns nothing; an invitee without
// an account signs up on the way and comes back to the invitation; revoked links stop working.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { newUser, signUp, type NewUser } from './support/auth';
import { acceptInvitation, invite } from './support/invitations';

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

async function person(browser: Browser, prefix: string): Promise<{ user: NewUser; page: Page }> {
  const user = newUser(prefix);
  const page = await (await browser.newContext()).newPage();
  await signUp(page, user);
  return { user, page };
}

const myOrgs = (page: Page) => page.getByTestId('my-org-row');

test('B is invited to A’s organization, sees it only after accepting, and leaves', async ({ browser }) => {
  const a = await person(browser, 'alice');
  const b = await person(browser, 'bob');
  const c = await person(browser, 'carol');

  const link = await invite(a.page, b.user.email.toUpperCase(), 'operator');
  await a.page.setViewportSize({ width: 1280, height: 900 });
  await shot(a.page, 'settings-invited-desktop');
  await a.page.setViewportSize({ width: 390, height: 844 });
  await shot(a.page, 'settings-invited-390');
  await a.page.setViewportSize({ width: 1280, height: 720 });

  // Before accepting, B's organizations are only B's own.
  await b.page.goto('/settings');
  await expect(b.page.getByTestId('org-name')).toHaveText(b.user.organization);
  await expect(myOrgs(b.page)).toHaveCount(1);

  // Someone else holding the link is told it is not theirs, and not whose it is.
  await c.page.goto(link);
  await expect(c.page.getByRole('heading', { name: 'This invitation is for someone else' })).toBeVisible();
  await expect(c.page.getByText(a.user.organization)).toHaveCount(0);
  await expect(c.page.getByText(a.user.email)).toHaveCount(0);
  await expect(c.page.getByRole('button', { name: 'Accept and join' })).toHaveCount(0);

  // B sees who invited them, to what, with which role, before answering.
  await b.page.goto(link);
  await expect(b.page.getByTestId('invitation-summary')).toHaveText(
    `${a.user.email} invited you to join ${a.user.organization} as Operator.`,
  );
  await shot(b.page, 'invitation-desktop');
  await b.page.setViewportSize({ width: 390, height: 844 });
  await shot(b.page, 'invitation-390');
  await b.page.setViewportSize({ width: 1280, height: 720 });
  await acceptInvitation(b.page, link, a.user.organization);

  // Accepted: A's organization is B's current one, and Settings lists both with B's roles.
  await expect(b.page.getByLabel('Organization', { exact: true }).locator('option:checked')).toHaveText(a.user.organization);
  await b.page.goto('/settings');
  await expect(myOrgs(b.page)).toHaveCount(2);
  await expect(myOrgs(b.page).filter({ hasText: a.user.organization }).getByTestId('role-badge')).toHaveText('Operator');
  await expect(myOrgs(b.page).filter({ hasText: b.user.organization }).getByTestId('role-badge')).toHaveText('Owner');
  await shot(b.page, 'settings-two-orgs-desktop');
  await b.page.setViewportSize({ width: 390, height: 844 });
  await shot(b.page, 'settings-two-orgs-390');
  await b.page.setViewportSize({ width: 1280, height: 720 });

  // The link is spent.
  await b.page.goto(link);
  await expect(b.page.getByRole('heading', { name: 'Invitation already answered' })).toBeVisible();

  // B leaves; the current organization falls back to B's own.
  await b.page.goto('/settings');
  b.page.once('dialog', (d) => d.accept());
  await myOrgs(b.page).filter({ hasText: a.user.organization }).getByRole('button', { name: `Leave ${a.user.organization}` }).click();
  await expect(myOrgs(b.page)).toHaveCount(1);
  await expect(b.page.getByTestId('org-name')).toHaveText(b.user.organization);

  // A's audit trail: created, accepted, left; A's members are A alone again.
  await a.page.goto('/audit');
  for (const action of ['Invitation created', 'Invitation accepted', 'left the organization']) {
    await expect(a.page.getByTestId('audit-row').filter({ hasText: action }).first()).toBeVisible();
  }
  await a.page.goto('/settings');
  await expect(a.page.getByTestId('member-row')).toHaveCount(1);
});

test('an invitee without an account signs up on the way and comes back; a revoked link stops working', async ({ browser }) => {
  const a = await person(browser, 'owner');
  const newcomer = newUser('newcomer');
  const link = await invite(a.page, newcomer.email, 'viewer');
  const revoked = newUser('revoked');
  const revokedLink = await invite(a.page, revoked.email, 'viewer');
  await a.page.reload();
  a.page.once('dialog', (d) => d.accept());
  await a.page.getByRole('button', { name: `Revoke the invitation for ${revoked.email}` }).click();
  await expect(a.page.getByTestId('invitation-row')).toHaveCount(1);

  const page = await (await browser.newContext()).newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Finvite%2F/);
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(/\/sign-up\?next=%2Finvite%2F/);
  await page.getByLabel('Organization name').fill(newcomer.organization);
  await page.getByLabel('Work email').fill(newcomer.email);
  await page.getByLabel('Password').fill(newcomer.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(new URL(link).pathname);
  await acceptInvitation(page, link, a.user.organization);
  await expect(page.getByTestId('role-badge')).toHaveText('Viewer');

  await page.goto(revokedLink);
  await expect(page.getByRole('heading', { name: 'Invitation withdrawn' })).toBeVisible();
});
