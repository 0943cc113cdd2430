// Accounts, as people meet them: sign up (and its mistakes), sign in, sign out, protected pages.
import { expect, test, type Page } from '@playwright/test';
import { DEMO, fillSignUp, newUser, signIn, signOut, signUp } from './support/auth';

const shot = (page: Page, name: string) => page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });

test('a new user signs up and lands on their new organization’s orders', async ({ page }) => {
  const user = newUser('signup');
  await signUp(page, user);
  await expect(page).toHaveURL(/\/orders$/);
  await expect(page.getByTestId('org-name')).toHaveText(user.organization);
  await expect(page.getByTestId('user-email')).toHaveText(user.email);
  await expect(page.getByTestId('role-badge')).toHaveText('Owner');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' })).toHaveAttribute('aria-current', 'page');
  await shot(page, 'shell-new-user');
});

test('sign-up explains a malformed email, a short password and an existing email', async ({ page }) => {
  await fillSignUp(page, { email: 'not-an-email', password: 'long-enough-pw', organization: 'Acme' });
  await expect(page.getByText('Enter a valid email address')).toBeVisible();
  await expect(page.getByLabel('Work email')).toHaveValue('not-an-email');
  await expect(page.getByLabel('Organization name')).toHaveValue('Acme');

  await fillSignUp(page, { email: 'short-pw@example.test', password: 'short', organization: 'Acme' });
  await expect(page.getByText('Password must be at least 8 characters')).toBeVisible();
  await expect(page.getByLabel('Work email')).toHaveValue('short-pw@example.test');

  await fillSignUp(page, { email: DEMO.email, password: 'another-password-1', organization: 'Copycat' });
  // (Next's route announcer is a role=alert too: pick ours by its text.)
  const alert = page.getByRole('alert').filter({ hasText: 'An account with this email already exists.' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('link', { name: 'Sign in instead.' })).toBeVisible();
  await expect(page.getByLabel('Work email')).toHaveValue(DEMO.email);
  await expect(page).toHaveURL(/\/sign-up$/);
  await shot(page, 'sign-up-error');

  await alert.getByRole('link', { name: 'Sign in instead.' }).click();
  await expect(page).toHaveURL(/\/sign-in\?email=/);
  await expect(page.getByLabel('Email')).toHaveValue(DEMO.email);
});

test('a wrong password is refused with a clear message, keeping the email', async ({ page }) => {
  await page.goto('/sign-in');
  await shot(page, 'sign-in');
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong email' })).toHaveText('Wrong email or password.');
  await expect(page.getByLabel('Email')).toHaveValue(DEMO.email);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('sign-in returns to the page asked for, but never off-site', async ({ page }) => {
  await page.goto('/sign-in?next=/settings');
  await page.getByLabel('Email').fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname === '/settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  // Signed in, the sign-in page sends people on; an off-site "next" is ignored.
  await page.goto('/sign-in?next=//evil.example/steal');
  await expect(page).toHaveURL(/localhost:\d+\/orders$/);
});

test('signing out returns to sign-in and protects the app again', async ({ page }) => {
  await signIn(page, DEMO.email, DEMO.password);
  await expect(page).toHaveURL(/\/orders$/);
  await signOut(page);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.goto('/orders');
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in/);
});
