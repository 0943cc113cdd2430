'use server';
// Ship one order: rates, buy, void, check again. Thin: parse, check the session, call
// lib/shipping (which checks the role and the order itself), map the answer.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { correctShipTo, shipToInput } from '@/lib/shipping/address-fix';
import { REFUSALS } from '@/lib/shipping/shippable';
import { log } from '@/lib/log';
import { shippingDeps } from '@/lib/shipping/client';
import { buyLabel, type BuyOutcome } from '@/lib/shipping/purchase';
import { quoteForOrder } from '@/lib/shipping/quote';
import { authorizeShipment, refreshRefund, voidLabel } from '@/lib/shipping/refund';
import { ShippoCallError } from '@/lib/shipping/shippo';
import type { RateQuote } from '@/lib/shipping/types';

export type QuoteState = { ok: true; quote: RateQuote } | { ok: false; message: string };
export type ShipActionState = { ok: boolean; message: string } | null;

const SESSION = 'Your session has ended. Sign in again to continue.';
const STALE = 'That request was not valid. Reload the page and try again.';
const optionalId = z.union([z.uuid(), z.literal('')]).optional().transform((v) => v || null);

const quoteInput = z.object({
  orderId: z.uuid(),
  shipFromId: optionalId,
  presetId: optionalId,
  weightOz: z
    .union([z.literal(''), z.coerce.number({ error: 'Enter the weight in ounces' }).gt(0, 'The weight must be more than 0').max(2400, 'The weight can be at most 2400 oz (150 lb)')])
    .optional()
    .transform((v) => (v === '' || v === undefined ? null : v)),
});

async function guarded<T>(what: string, fn: () => Promise<T>, fail: (m: string) => T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ShippoCallError) return fail(e.userMessage);
    log.error({ err: e instanceof Error ? e.name : 'unknown' }, `shipping: ${what} failed`);
    return fail('Something went wrong. Nothing was bought; try again in a moment.');
  }
}

export async function getRatesAction(form: FormData): Promise<QuoteState> {
  const p = quoteInput.safeParse(Object.fromEntries(form));
  if (!p.success) {
    const weight = p.error.issues.find((i) => i.path[0] === 'weightOz');
    return { ok: false, message: weight?.message ?? STALE };
  }
  const session = await getSession();
  if (!session) return { ok: false, message: SESSION };
  return guarded<QuoteState>('quote', async () => quoteForOrder(await shippingDeps(), session.claims, p.data), (message) => ({ ok: false, message }));
}

export async function buyLabelAction(form: FormData): Promise<ShipActionState> {
  const p = z.object({ orderId: z.uuid(), rateId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).safeParse(Object.fromEntries(form));
  if (!p.success) return { ok: false, message: 'Choose a rate first.' };
  const session = await getSession();
  if (!session) return { ok: false, message: SESSION };
  const out = await guarded<BuyOutcome>('buy', async () => buyLabel(await shippingDeps(), session.claims, p.data), (message) => ({ ok: false, message }));
  revalidatePath(`/orders/${p.data.orderId}`);
  revalidatePath('/shipments');
  return out.ok ? { ok: true, message: 'Label bought.' } : { ok: false, message: out.message };
}

const shipmentInput = z.object({ shipmentId: z.uuid(), orderId: z.uuid() });

export async function voidLabelAction(form: FormData): Promise<ShipActionState> {
  const p = shipmentInput.safeParse(Object.fromEntries(form));
  if (!p.success) return { ok: false, message: STALE };
  const session = await getSession();
  if (!session) return { ok: false, message: SESSION };
  const out = await guarded<ShipActionState>('void', async () => voidLabel(await shippingDeps(), session.claims, p.data.shipmentId), (message) => ({ ok: false, message }));
  revalidatePath(`/orders/${p.data.orderId}`);
  revalidatePath('/shipments');
  return out;
}

/** "Check again": a pending refund asks Shippo how it ended; an unclear purchase is reconciled. */
export async function checkShipmentAction(form: FormData): Promise<ShipActionState> {
  const p = shipmentInput.safeParse(Object.fromEntries(form));
  if (!p.success) return { ok: false, message: STALE };
  const session = await getSession();
  if (!session) return { ok: false, message: SESSION };
  const out = await guarded<ShipActionState>('check', async () => {
    const deps = await shippingDeps();
    // Operators and up, as for voiding; the row read under RLS.
    const row = await authorizeShipment(deps, session.claims, p.data.shipmentId);
    if (typeof row === 'string') return { ok: false, message: row };
    if (row.orderId !== p.data.orderId) return { ok: false, message: STALE };
    if (row.status === 'refund_pending') return refreshRefund(deps, row.id);
    if (row.status === 'unknown' || row.status === 'purchasing') {
      const r = await buyLabel(deps, session.claims, { orderId: row.orderId, rateId: row.shippoRateId ?? '' });
      return r.ok ? { ok: true, message: 'Label confirmed.' } : { ok: false, message: r.message };
    }
    return { ok: true, message: 'Nothing to check.' };
  }, (message) => ({ ok: false, message }));
  revalidatePath(`/orders/${p.data.orderId}`);
  revalidatePath('/shipments');
  return out;
}

/** An operator corrects the ship-to address before buying (audited by field name). */
export async function correctAddressAction(form: FormData): Promise<ShipActionState> {
  const id = z.uuid().safeParse(form.get('orderId'));
  if (!id.success) return { ok: false, message: STALE };
  const p = shipToInput.safeParse(Object.fromEntries(form));
  if (!p.success) return { ok: false, message: p.error.issues[0]?.message ?? STALE };
  const session = await getSession();
  if (!session) return { ok: false, message: SESSION };
  const out = await guarded<ShipActionState>('address', async () => {
    const r = await withUser(session.claims, (tx) => correctShipTo(tx, session.userId, id.data, p.data));
    return r === 'ok' ? { ok: true, message: 'Address corrected. Get rates again.' } : { ok: false, message: REFUSALS[r] };
  }, (message) => ({ ok: false, message }));
  revalidatePath(`/orders/${id.data}`);
  return out;
}
