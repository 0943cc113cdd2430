'use server';
// Hold / release an order. The role is checked in the order's own organization (it may not be the
// one selected in the switcher); setOrderHold runs inside withUser, where RLS and the column
// grants enforce the same rule again.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { withUser } from '@/lib/db';
import { formFields, runAction } from '@/lib/actions';
import { ORDER_MESSAGES } from '@/lib/messages';
import { findOrderOrgId } from '@/lib/orders/detail';
import { HOLD_REASON_MAX, setOrderHold } from '@/lib/orders/hold';
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

export async function setHoldAction(_prev: HoldActionState, formData: FormData): Promise<HoldActionState> {
  const r = await runAction(
    {
      name: 'orders.hold',
      schema: holdInput,
      role: { min: 'operator', denied: ORDER_MESSAGES.forbidden, notMember: ORDER_MESSAGES.not_found, org: (tx, i) => findOrderOrgId(tx, i.orderId) },
      run: ({ input, session, orgId }) =>
        withUser(session.claims, (tx) => setOrderHold(tx, { orgId: orgId!, orderId: input.orderId, userId: session.userId, hold: input.hold, reason: input.reason })),
      refusals: { not_found: ORDER_MESSAGES.not_found, forbidden: ORDER_MESSAGES.forbidden, not_open: ORDER_MESSAGES.not_open },
      messages: { session: ORDER_MESSAGES.session, failed: ORDER_MESSAGES.failed },
    },
    formFields(formData, ['orderId', 'hold', 'reason']),
  );
  if (!r.ok) return { status: 'error', message: r.kind === 'invalid' ? (r.fields.reason ?? ORDER_MESSAGES.invalid) : r.message };
  revalidatePath(`/orders/${r.input.orderId}`);
  revalidatePath('/orders');
  return { status: 'ok', message: r.input.hold ? ORDER_MESSAGES.held : ORDER_MESSAGES.released };
}
