import 'server-only';
// Rates for one order, as the order page asks for them: the order checked in the person's own
// transaction (role, state, address), the chosen ship-from and package read under RLS, then
// Shippo. Nothing is written: a quote stores nothing about the buyer.
import { and, eq } from 'drizzle-orm';
import { runAsUser, type Claims } from '@/lib/db/session';
import { packagePresets, shipFromLocations } from '@/lib/db/schema';
import type { ShippingDeps } from './purchase';
import { parcelOf, quoteRates } from './rates';
import { applyRules, blockedMessage, defaultPresetId, loadRuleContext, orderWeightOz } from './guard';
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
    const rules = await loadRuleContext(tx, orgId);
    const presetId = input.presetId ?? defaultPresetId(answer.order, rules.skuDefaults);
    const [row] = presetId
      ? await tx.select().from(packagePresets).where(and(eq(packagePresets.orgId, orgId), eq(packagePresets.id, presetId)))
      : [];
    if (!row) return { refused: 'Choose a package (add one in Settings → Shipping). Nothing was bought.' };
    const preset = { lengthIn: Number(row.lengthIn), widthIn: Number(row.widthIn), heightIn: Number(row.heightIn), weightOz: Number(row.weightOz) };
    const weightOz = orderWeightOz(answer.order, rules.skuDefaults, preset, input.weightOz) ?? preset.weightOz;
    // Rules first: a blocked order never reaches Shippo.
    const verdict = applyRules(rules, answer.order, weightOz);
    if (verdict.blocked) return { refused: blockedMessage(verdict.blocked) };
    return { order: answer.order, from, parcel: parcelOf(preset, weightOz), warnings: verdict.warnings.map((w) => `${w.rule}: ${w.message}`) };
  });
  if ('refused' in ready) return { ok: false, message: ready.refused as string };
  try {
    const quote = await quoteRates(deps.shippo, {
      orderId: ready.order.orderId,
      from: ready.from,
      to: ready.order.to,
      parcel: ready.parcel,
      deliverBy: ready.order.deliverBy,
    });
    return { ok: true, quote: { ...quote, warnings: ready.warnings } };
  } catch (e) {
    const err = classifyShippoError(e);
    return { ok: false, message: err.ambiguous ? `${err.userMessage} Try again in a moment. Nothing was bought.` : err.userMessage };
  }
}
