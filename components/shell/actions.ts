'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { safeNextPath } from '@/lib/auth/redirect';
import { formFields, runAction } from '@/lib/actions';
import { pathAfterSwitch, switchOrganization } from '@/lib/orgs/switch';

const switchSchema = z.object({ orgId: z.uuid(), path: z.string().max(2000).optional() });

export async function switchOrgAction(form: FormData): Promise<void> {
  const raw = formFields(form, ['orgId', 'path']);
  // An organization the user does not belong to (stale tab, forged form) changes nothing.
  const r = await runAction({ name: 'shell.switch-org', schema: switchSchema, run: ({ input, session }) => switchOrganization(session, input.orgId) }, raw);
  if (!r.ok && r.kind === 'session') redirect('/sign-in');
  const back = safeNextPath(r.ok || r.kind !== 'invalid' ? r.input.path : undefined);
  // Checked again after rewriting: the redirect target itself must be same-site.
  redirect(safeNextPath(pathAfterSwitch(back)));
}
