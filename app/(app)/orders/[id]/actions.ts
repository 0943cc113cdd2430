'use server';
// Hold / release an order. Thin: parse, check the session and role, call setOrderHold inside
// withUser (where RLS and the column grants enforce the same rule again), map the answer.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { pgErrorCode, withUser } from '@/lib/db';
import { log } from '@/lib/log';
import { hasRole, listMyOrgs } from '@/lib/orgs/context';
import { findOrderOrgId } from '@/lib/orders/detail';
import { HOLD_REASON_MAX, setOrderHold, type HoldResult } from '@/lib/orders/hold';
import type { HoldActionState } from '@/components/orders/hold-state';

const holdInput = z.object({
  orderId: z.uuid(),
  hold: z.enum(['true', 'false']).transform((v) => v === 'true'),
  reason: z
    .string()
    .trim()
    .max(HOLD_REASON_MAX, `Keep the reason under ${HOLD_REASON_MAX} characters.`)
    .optional(),
});

const MESSAGES: Record<Exclude<HoldResult, 'ok'> | 'session', string> = {
  not_found: 'This order no longer exists or you no longer have access to it.',
  forbidden: "Viewers can't change orders. Ask an admin of your organization for the operator role.",
  session: 'Your session has ended. Sign in again to continue.',
};

export async function setHoldAction(_prev: HoldActionState, formData: FormData): Promise<HoldActionState> {
  const parsed = holdInput.safeParse({
    orderId: formData.get('orderId'),
    hold: formData.get('hold'),
    reason: formData.get('reason') ?? undefined,
  });
  if (!parsed.success) {
    const tooLong = parsed.error.issues.find((i) => i.path[0] === 'reason');
    return { status: 'error', message: tooLong?.message ?? 'That request was not valid. Reload the page and try again.' };
  }
  const { orderId, hold, reason } = parsed.data;

  const session = await getSession();
  if (!session) return { status: 'error', message: MESSAGES.session };

  let result: HoldResult;
  try {
    const orgs = await listMyOrgs(session);
    result = await withUser(session.claims, async (tx) => {
      // The order's own organization (it may not be the one selected in the switcher).
      const orgId = await findOrderOrgId(tx, orderId);
      const membership = orgs.find((o) => o.id === orgId);
      if (!orgId || !membership) return 'not_found';
      if (!hasRole(membership.role, 'operator')) return 'forbidden';
      return setOrderHold(tx, { orgId, orderId, userId: session.userId, hold, reason });
    });
  } catch (e) {
    // No order contents or reason text in the log: the ids and the SQLSTATE are enough.
    log.error({ orderId, code: pgErrorCode(e), err: e instanceof Error ? e.name : 'unknown' }, 'orders: hold failed');
    return { status: 'error', message: 'The order could not be updated. Try again in a moment.' };
  }
  if (result !== 'ok') return { status: 'error', message: MESSAGES[result] };

  revalidatePath(`/orders/${orderId}`);
  revalidatePath('/orders');
  return { status: 'ok', message: hold ? 'The order is on hold.' : 'The hold was released.' };
}
