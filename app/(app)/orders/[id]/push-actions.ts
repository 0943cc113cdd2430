'use server';
// "Mark as shipped" and "Retry" of a tracking upload. Thin: parse, check the session, call
// lib/tracking (which checks the role and the order itself), map the answer.
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { serviceDatabase } from '@/lib/db';
import { log } from '@/lib/log';
import { markShipped } from '@/lib/tracking/manual';
import { retryPush } from '@/lib/tracking/retry';

export type PushActionState = { ok: boolean; message: string } | null;

const SESSION = 'Your session has ended. Sign in again to continue.';
const STALE = 'That request was not valid. Reload the page and try again.';
const FAILED = 'Something went wrong. Nothing was recorded; try again in a moment.';

/** The form's item rows: qty:<orderItemId> = quantity (blank means 0). */
function linesOf(form: FormData): Array<{ orderItemId: string; quantity: number }> | null {
  const out: Array<{ orderItemId: string; quantity: number }> = [];
  for (const [k, v] of form.entries()) {
    if (!k.startsWith('qty:')) continue;
    const id = k.slice(4);
    const raw = String(v).trim();
    const n = raw === '' ? 0 : Number(raw);
    if (!z.uuid().safeParse(id).success || !Number.isInteger(n) || n < 0 || n > 100_000) return null;
    out.push({ orderItemId: id, quantity: n });
  }
  return out.length <= 500 ? out : null;
}

export async function markShippedAction(_prev: PushActionState, form: FormData): Promise<PushActionState> {
  const orderId = z.uuid().safeParse(form.get('orderId'));
  const lines = linesOf(form);
  if (!orderId.success) return { ok: false, message: STALE };
  if (!lines) return { ok: false, message: 'Enter whole numbers for the quantities.' };
  const session = await getSession();
  if (!session) return { ok: false, message: SESSION };
  const text = (k: string) => (typeof form.get(k) === 'string' ? String(form.get(k)) : '');
  try {
    const db = await serviceDatabase('shipping');
    const out = await markShipped(db, session.claims, {
      orderId: orderId.data, carrier: text('carrier'), carrierName: text('carrierName'), service: text('service'),
      trackingNumber: text('trackingNumber'), trackingUrl: text('trackingUrl'), shipDate: text('shipDate'), lines,
    });
    revalidatePath(`/orders/${orderId.data}`);
    revalidatePath('/shipments');
    return out.ok ? { ok: true, message: 'Recorded. The tracking is being sent to the marketplace.' } : { ok: false, message: out.message };
  } catch (e) {
    log.error({ err: e instanceof Error ? e.name : 'unknown' }, 'tracking: mark as shipped failed');
    return { ok: false, message: FAILED };
  }
}

export async function retryPushAction(_prev: PushActionState, form: FormData): Promise<PushActionState> {
  const p = z.object({ shipmentId: z.uuid(), orderId: z.uuid() }).safeParse({ shipmentId: form.get('shipmentId'), orderId: form.get('orderId') });
  if (!p.success) return { ok: false, message: STALE };
  const session = await getSession();
  if (!session) return { ok: false, message: SESSION };
  try {
    const db = await serviceDatabase('shipping');
    const out = await retryPush(db, session.claims, p.data.shipmentId);
    revalidatePath(`/orders/${p.data.orderId}`);
    revalidatePath('/shipments');
    return out;
  } catch (e) {
    log.error({ err: e instanceof Error ? e.name : 'unknown' }, 'tracking: retry failed');
    return { ok: false, message: 'Something went wrong. Try again in a moment.' };
  }
}
