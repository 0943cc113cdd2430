import 'server-only';
// Rates for one order, as the order page asks for them: the order checked in the person's own
// transaction (role, state, address), the chosen ship-from and package read under RLS, then
// Shippo. Nothing is written: a quote stores nothing about the buyer.
import { and, eq } from 'drizzle-orm';
import { runAsUser, type Claims } from '@/lib/db/session';
import { packagePresets, shipFromLocations } from '@/lib/db/schema';
import type { ShippingDeps } from './purchase';
import { parcelOf, quoteRates } from './rates';
import { loadShippable, REFUSALS } from './shippable';
import { classifyShippoError } from './shippo';
import type { RateQuote } from './types';

export type QuoteOutcome = { ok: true; quote: RateQuote } | { ok: false; message: string };

export async function quoteForOrder(
  deps: ShippingDeps,
  claims: Claims,
  input: { orderId: string; shipFromId: string | null; presetId: string | null; weightOz?: number | null },
): Promise<QuoteOutcome> {
  const ready = await runAsUser(deps.db, claims, async (tx) => {
    const answer = await loadShippable(tx, input.orderId, claims.sub);
    if (!answer.ok) return { refused: REFUSALS[answer.refusal] };
    const { orgId } = answer.order;
    const [from] = input.shipFromId
      ? await tx.select().from(shipFromLocations).where(and(eq(shipFromLocations.orgId, orgId), eq(shipFromLocations.id, input.shipFromId)))
      : await tx.select().from(shipFromLocations).where(and(eq(shipFromLocations.orgId, orgId), eq(shipFromLocations.isDefault, true)));
    if (!from) return { refused: 'Add a ship-from location in Settings → Shipping first. Nothing was bought.' };
    const [preset] = input.presetId
      ? await tx.select().from(packagePresets).where(and(eq(packagePresets.orgId, orgId), eq(packagePresets.id, input.presetId)))
      : [];
    if (!preset) return { refused: 'Choose a package (add one in Settings → Shipping). Nothing was bought.' };
    return { order: answer.order, from, preset };
  });
  if ('refused' in ready) return { ok: false, message: ready.refused as string };
  const p = ready.preset;
  try {
    const quote = await quoteRates(deps.shippo, {
      orderId: ready.order.orderId,
      from: ready.from,
      to: ready.order.to,
      parcel: parcelOf({ lengthIn: Number(p.lengthIn), widthIn: Number(p.widthIn), heightIn: Number(p.heightIn), weightOz: Number(p.weightOz) }, input.weightOz),
      deliverBy: ready.order.deliverBy,
    });
    return { ok: true, quote };
  } catch (e) {
    const err = classifyShippoError(e);
    return { ok: false, message: err.ambiguous ? `${err.userMessage} Try again in a moment. Nothing was bought.` : err.userMessage };
  }
}
