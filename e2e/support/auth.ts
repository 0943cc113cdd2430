// Signing in and up through the real UI, as a person would.
import crypto from 'node:crypto';
import { expect, type Page } from '@playwright/test';

export const DEMO = { email: 'demo@esm.local', password: 'demo-store-2026', organization: 'Harbor & Pine (demo)' };

export interface NewUser {
  email: string;
  password: string;
  organization: string;
}

/** A user nobody has signed up yet (unique per call, so specs can run in parallel and repeat). */
export function newUser(prefix = 'user'): NewUser {
  const id = crypto.randomBytes(5).toString('hex');
  return { email: `${prefix}-${id}@example.test`, password: `pass-${id}-2026`, organization: `${prefix} ${id} Goods` };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
}

export async function fillSignUp(page: Page, user: NewUser): Promise<void> {
  await page.goto('/sign-up');
  await page.getByLabel('Organization name').fill(user.organization);
  await page.getByLabel('Work email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function signUp(page: Page, user: NewUser): Promise<void> {
  await fillSignUp(page, user);
  await page.waitForURL((u) => !u.pathname.startsWith('/sign-up'));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL((u) => u.pathname === '/sign-in');
}

/** Picks an organization in the shell's switcher and waits for the page to show it. */
export async function switchOrganization(page: Page, name: string): Promise<void> {
  // The switcher submits from its change handler: wait until the page has hydrated and settled
  // (a navigation still in flight would replace the switched page with the one it was loading).
  await page.waitForLoadState('networkidle');
  const switcher = page.getByLabel('Organization', { exact: true });
  await switcher.selectOption({ label: name });
  await expect(page.getByLabel('Organization', { exact: true }).locator('option:checked')).toHaveText(name);
}
