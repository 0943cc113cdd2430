'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { safeNextPath } from '@/lib/auth/redirect';
import { pathAfterSwitch, switchOrganization } from '@/lib/orgs/switch';

const switchSchema = z.object({ orgId: z.uuid(), path: z.string().max(2000).optional() });

export async function switchOrgAction(form: FormData): Promise<void> {
  const session = await getSession();
  if (!session) redirect('/sign-in');
  const parsed = switchSchema.safeParse({ orgId: form.get('orgId'), path: form.get('path') ?? undefined });
  const back = safeNextPath(parsed.success ? parsed.data.path : undefined);
  // An organization the user does not belong to (stale tab, forged form) changes nothing.
  if (parsed.success) await switchOrganization(session, parsed.data.orgId);
  // Checked again after rewriting: the redirect target itself must be same-site.
  redirect(safeNextPath(pathAfterSwitch(back)));
}
