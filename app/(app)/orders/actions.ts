'use server';
// Bulk actions of the orders list. A selection is the ids picked on the page or, with `all`,
// every order matching the list's filter (its query string), resolved under RLS in lib/orders.
// Hold/release need an operator; "Buy labels" hands the ready orders of the selection to the
// label batch form (which starts lib/shipping/batch.ts startBatch and checks the role again).
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { runAction } from '@/lib/actions';
import { withUser } from '@/lib/db';
import { ORDER_MESSAGES } from '@/lib/messages';
import { bulkSetHold, BULK_MAX, resolveSelection, type Selection } from '@/lib/orders/bulk';
import { HOLD_REASON_MAX } from '@/lib/orders/hold';
import { parseOrderListParams } from '@/lib/orders/params';
import { deleteView, saveView, VIEW_NAME_MAX, VIEWS_MAX } from '@/lib/orders/views';
import { listReadyOrders, type ReadyOrder } from '@/lib/shipping/bulk';
import { listPresets, listShipFrom } from '@/lib/shipping/settings';
import type { PackagePreset } from '@/lib/shipping/types';

const selection = {
  orgId: z.uuid(),
  ids: z.array(z.uuid()).max(BULK_MAX, `Select at most ${BULK_MAX} orders at a time.`).default([]),
  all: z.enum(['1']).optional(),
  filter: z.string().max(2000).default(''),
};

const TOO_MANY = `That is more than ${BULK_MAX} orders. Narrow the filter, or pick orders on the page.`;
const NONE = 'Select at least one order.';

function toSelection(i: { ids: string[]; all?: '1'; filter: string }): Selection {
  return i.all ? { filter: parseOrderListParams(new URLSearchParams(i.filter)) } : { ids: i.ids };
}

function fields(form: FormData, names: string[]) {
  const out: Record<string, unknown> = { ids: form.getAll('ids') };
  for (const n of names) {
    const v = form.get(n);
    out[n] = typeof v === 'string' && v !== '' ? v : undefined;
  }
  return out;
}

export type BulkHoldState = { status: 'idle' | 'ok' | 'error'; message?: string };

const holdInput = z.object({
  ...selection,
  hold: z.enum(['true', 'false']).transform((v) => v === 'true'),
  reason: z.string().trim().max(HOLD_REASON_MAX, `Keep the reason under ${HOLD_REASON_MAX} characters.`).optional(),
});

export async function bulkHoldAction(_prev: BulkHoldState, form: FormData): Promise<BulkHoldState> {
  const r = await runAction(
    {
      name: 'orders.bulk_hold',
      schema: holdInput,
      pageFields: ['orgId', 'ids', 'all', 'filter', 'hold'],
      role: { min: 'operator', denied: ORDER_MESSAGES.forbidden },
      run: ({ input, session }) =>
        withUser(session.claims, async (tx) => {
          const sel = await resolveSelection(tx, input.orgId, toSelection(input));
          if (!sel.ok) return { ok: false as const, reason: sel.reason };
          const out = await bulkSetHold(tx, { orgId: input.orgId, userId: session.userId, ids: sel.ids, hold: input.hold, reason: input.reason });
          return out.forbidden ? { ok: false as const, reason: 'forbidden' as const } : { ok: true as const, ...out };
        }),
      refusals: { empty: NONE, too_many: TOO_MANY, forbidden: ORDER_MESSAGES.forbidden },
      messages: { session: ORDER_MESSAGES.session, failed: ORDER_MESSAGES.failed },
    },
    fields(form, ['orgId', 'all', 'filter', 'hold', 'reason']),
  );
  if (!r.ok) return { status: 'error', message: r.kind === 'invalid' ? (Object.values(r.fields)[0] ?? ORDER_MESSAGES.invalid) : r.message };
  revalidatePath('/orders');
  const { changed, skipped } = r.value;
  const verb = r.input.hold ? 'put on hold' : 'released';
  const rest = skipped ? ` ${skipped} skipped (${r.input.hold ? 'not open or already on hold' : 'not on hold'}).` : '';
  return { status: 'ok', message: `${changed} order${changed === 1 ? '' : 's'} ${verb}.${rest}` };
}

export type LabelsState =
  | { status: 'idle' | 'error'; message?: string }
  | { status: 'ready'; orders: ReadyOrder[]; presets: PackagePreset[]; locations: Array<{ id: string; name: string; isDefault: boolean }>; skipped: number };

export async function prepareLabelsAction(_prev: LabelsState, form: FormData): Promise<LabelsState> {
  const r = await runAction(
    {
      name: 'orders.prepare_labels',
      schema: z.object(selection),
      pageFields: ['orgId', 'ids', 'all', 'filter'],
      role: { min: 'operator', denied: "Viewers can't buy labels. Ask an admin of your organization for the operator role." },
      run: ({ input, session }) =>
        withUser(session.claims, async (tx) => {
          const sel = await resolveSelection(tx, input.orgId, toSelection(input));
          if (!sel.ok) return { ok: false as const, reason: sel.reason };
          const ready = await listReadyOrders(tx, input.orgId, sel.ids);
          const [presets, locations] = [await listPresets(tx, input.orgId), await listShipFrom(tx, input.orgId)];
          return { ok: true as const, ready, presets, locations, skipped: sel.ids.length - ready.length };
        }),
      refusals: { empty: NONE, too_many: TOO_MANY },
      messages: { session: ORDER_MESSAGES.session, failed: 'The orders could not be read. Try again in a moment.' },
    },
    fields(form, ['orgId', 'all', 'filter']),
  );
  if (!r.ok) return { status: 'error', message: r.kind === 'invalid' ? (Object.values(r.fields)[0] ?? ORDER_MESSAGES.invalid) : r.message };
  const { ready, presets, locations, skipped } = r.value;
  if (!presets.length || !locations.length) return { status: 'error', message: 'Add a ship-from location and a package in Settings → Shipping first.' };
  if (!ready.length) return { status: 'error', message: 'None of these orders can get a label now: each is on hold, has a label, has shipped, or has no address to ship to.' };
  return { status: 'ready', orders: ready, presets, locations: locations.map((l) => ({ id: l.id, name: l.name, isDefault: l.isDefault })), skipped };
}

export type ViewState = { status: 'idle' | 'ok' | 'error'; message?: string };

const viewInput = z.object({
  orgId: z.uuid(),
  name: z.string().trim().min(1, 'Name the view.').max(VIEW_NAME_MAX, `Keep the name under ${VIEW_NAME_MAX} characters.`),
  query: z.string().max(2000).default(''),
});

export async function saveViewAction(_prev: ViewState, form: FormData): Promise<ViewState> {
  const r = await runAction(
    {
      name: 'orders.save_view',
      schema: viewInput,
      pageFields: ['orgId', 'query'],
      role: { min: 'viewer', denied: ORDER_MESSAGES.invalid },
      run: ({ input, session }) => withUser(session.claims, (tx) => saveView(tx, { ...input, userId: session.userId })),
      refusals: { duplicate: 'A view with this name already exists.', too_many: `You can keep up to ${VIEWS_MAX} views. Delete one first.` },
      messages: { session: ORDER_MESSAGES.session, failed: 'The view could not be saved. Try again in a moment.' },
    },
    fields(form, ['orgId', 'name', 'query']),
  );
  if (!r.ok) return { status: 'error', message: r.kind === 'invalid' ? (r.fields.name ?? ORDER_MESSAGES.invalid) : r.message };
  revalidatePath('/orders');
  return { status: 'ok', message: `View “${r.input.name}” saved.` };
}

export async function deleteViewAction(_prev: ViewState, form: FormData): Promise<ViewState> {
  const r = await runAction(
    {
      name: 'orders.delete_view',
      schema: z.object({ orgId: z.uuid(), id: z.uuid() }),
      pageFields: ['orgId', 'id'],
      role: { min: 'viewer', denied: ORDER_MESSAGES.invalid },
      run: ({ input, session }) => withUser(session.claims, (tx) => deleteView(tx, input.orgId, session.userId, input.id)),
    },
    fields(form, ['orgId', 'id']),
  );
  if (!r.ok) return { status: 'error', message: r.kind === 'invalid' ? ORDER_MESSAGES.invalid : r.message };
  revalidatePath('/orders');
  return { status: 'ok' };
}
