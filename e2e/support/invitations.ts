// Inviting through Settings and answering through the invitation page, as people do.
import { expect, type Page } from '@playwright/test';

/** On Settings of the current organization: invites `email` as `role`, returns the link shown to copy. */
export async function invite(page: Page, email: string, role: 'viewer' | 'operator' | 'admin' | 'owner'): Promise<string> {
  await page.goto('/settings');
  await page.getByLabel('Email address to invite').fill(email);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  const link = page.getByLabel('Invitation link');
  await expect(link).toHaveValue(/^http:\/\/[^/]+\/invite\/[A-Za-z0-9_-]{43}$/);
  return link.inputValue();
}

/** Opens the link signed in as the invitee, checks what they are told, accepts; lands on Orders. */
export async function acceptInvitation(page: Page, link: string, orgName: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole('heading', { name: `Join ${orgName}` })).toBeVisible();
  await page.getByRole('button', { name: 'Accept and join' }).click();
  await page.waitForURL((u) => u.pathname === '/orders');
}
