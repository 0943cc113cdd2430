import 'server-only';
// Buying a label exactly once (DESIGN §5). The person's role and the order are checked in their
// own transaction; then the service path writes the shipment `purchasing` (one active row per
// order: a double click, a second tab or a retried job loses on the unique index) BEFORE Shippo
// is called, sends the shipment id as the transaction's metadata, and stores the transaction on
// success. An unclear answer leaves the row `unknown`; it is reconciled from Shippo's
// transactions for that rate before anything is bought again, and a retry re-buys the SAME
// rate, which Shippo sells only once.
import type { Shippo } from 'shippo';
import { pgErrorCode, type Db } from '@/lib/db';
import { runAsService, runAsUser, type Claims } from '@/lib/db/session';
import { shipments } from '@/lib/db/schema';
import { createLabel, findLabel, type Label } from './labels';
import { applyRules, blockedMessage, loadRuleContext } from './guard';
import { orderMetadata } from './rates';
import type { RateView } from './types';
import { loadShippable, REFUSALS } from './shippable';
import { classifyShippoError, shippoCall, type ShippoCallError } from './shippo';
import { coverOpenLines, labelBought } from '@/lib/tracking/enqueue';
import { claimForReconcile, getShipment, safeUrl, transition, type ShipmentRow } from './store';

const OZ_PER: Record<string, number> = { oz: 1, lb: 16, g: 1 / 28.349523125, kg: 1000 / 28.349523125 };
export const toOunces = (weight: number, unit: string) => Math.round(weight * (OZ_PER[unit] ?? 1) * 100) / 100;

export interface ShippingDeps {
  db: Db;
  shippo: Shippo;
}

export type BuyOutcome =
  | { ok: true; shipmentId: string }
  | { ok: false; message: string; shipmentId?: string; status?: 'failed' | 'unknown' | 'purchasing'; retryInMs?: number };

const UNCLEAR =
  "Shippo did not confirm the purchase and ESM found no label for it yet. Use “Check again”: ESM asks Shippo before it buys, so you won't pay twice.";

const actorOf = (row: ShipmentRow) => (row.createdBy ? ({ type: 'user', userId: row.createdBy } as const) : ({ type: 'system' } as const));

async function purchased(deps: ShippingDeps, row: ShipmentRow, label: Label): Promise<BuyOutcome> {
  // The tracking push is queued in the transaction that records the purchase: never lost.
  const done = await runAsService(deps.db, 'shipping', async (tx) => {
    const r = await transition(
      deps.db,
      row.id,
      ['purchasing', 'unknown'],
      {
        status: 'purchased', shippoTransactionId: label.id, trackingNumber: label.trackingNumber, trackingUrl: safeUrl(label.trackingUrl),
        labelUrl: safeUrl(label.labelUrl), error: null,
      },
      { actor: actorOf(row), action: 'shipment.purchased', details: { carrier: row.carrier, service: row.serviceLevel, cost: row.labelCost } },
      tx,
    );
    if (r) await labelBought(tx, r);
    return r;
  });
  return done ? { ok: true, shipmentId: row.id } : { ok: false, message: 'The label was bought, but the shipment changed meanwhile. Reload the page.', shipmentId: row.id };
}

async function failed(deps: ShippingDeps, row: ShipmentRow, message: string): Promise<BuyOutcome> {
  await transition(deps.db, row.id, ['purchasing', 'unknown'], { status: 'failed', error: message.slice(0, 500) }, {
    actor: actorOf(row), action: 'shipment.purchase_failed',
  });
  return { ok: false, message, shipmentId: row.id, status: 'failed' };
}

async function unclear(deps: ShippingDeps, row: ShipmentRow, why: string): Promise<Extract<BuyOutcome, { ok: false }>> {
  await transition(deps.db, row.id, ['purchasing'], { status: 'unknown', error: why.slice(0, 500) });
  return { ok: false, message: UNCLEAR, shipmentId: row.id, status: 'unknown' };
}

/** Looks for the label at Shippo; purchased if found, null if Shippo has none, unclear if it cannot say. */
async function reconcile(deps: ShippingDeps, row: ShipmentRow): Promise<BuyOutcome | null> {
  let label: Label | null;
  try {
    label = await findLabel(deps.shippo, row.shippoRateId as string, row.id);
  } catch (e) {
    const err = classifyShippoError(e);
    const out = await unclear(deps, row, err.userMessage);
    // Shippo's list limit (10 a minute on a test key) says when to look again.
    return err.kind === 'rate_limited' ? { ...out, retryInMs: (err.retryAfterS ?? 60) * 1000 } : out;
  }
  if (!label) return null;
  if (label.status === 'SUCCESS') return purchased(deps, row, label);
  return unclear(deps, row, `Shippo reports the label as ${label.status}.`);
}

/** One POST /transactions for a row this caller holds in `purchasing`, and what it means. */
async function attempt(deps: ShippingDeps, row: ShipmentRow): Promise<BuyOutcome> {
  let label: Label;
  try {
    label = await createLabel(deps.shippo, row.shippoRateId as string, row.id);
  } catch (e) {
    const err = e as ShippoCallError;
    if (!err.ambiguous) return failed(deps, row, `${err.userMessage}${err.kind === 'rate_limited' ? '' : ' Nothing was bought.'}`);
    // Shippo may have bought it: look before anything else.
    await unclear(deps, row, err.userMessage);
    const held = await claimForReconcile(deps.db, row.id);
    return held ? ((await reconcile(deps, held)) ?? unclear(deps, held, err.userMessage)) : { ok: false, message: UNCLEAR, shipmentId: row.id, status: 'unknown' };
  }
  if (label.status === 'SUCCESS') return purchased(deps, row, label);
  if (label.status === 'ERROR') {
    // "This rate has already been purchased": an earlier attempt of ours went through.
    if (label.messages.some((m) => /already been purchased/i.test(m))) return (await reconcile(deps, row)) ?? unclear(deps, row, label.messages.join(' '));
    return failed(deps, row, `Shippo could not buy this label: ${label.messages.join(' ') || 'no reason given'}. Nothing was bought.`);
  }
  return unclear(deps, row, `Shippo answered ${label.status}.`);
}

/**
 * Settles an `unknown` shipment (or one a dead process left `purchasing`): reconcile first; only
 * if Shippo has no label for the rate, buy the same rate again.
 */
export async function resolveShipment(deps: ShippingDeps, shipmentId: string): Promise<BuyOutcome> {
  const row = await claimForReconcile(deps.db, shipmentId);
  if (!row) {
    const now = await getShipment(deps.db, shipmentId);
    if (now?.status === 'purchased') return { ok: true, shipmentId };
    return { ok: false, message: REFUSALS.in_progress, shipmentId, status: 'purchasing' };
  }
  return (await reconcile(deps, row)) ?? attempt(deps, row);
}

/** What the order page and the bulk job call: check, verify the rate, write, buy. */
export async function buyLabel(
  deps: ShippingDeps,
  claims: Claims,
  input: { orderId: string; rateId: string; quoted?: { shipmentId: string; rate: RateView } },
): Promise<BuyOutcome> {
  const { answer, rules } = await runAsUser(deps.db, claims, async (tx) => {
    const a = await loadShippable(tx, input.orderId, claims.sub);
    return { answer: a, rules: a.ok ? await loadRuleContext(tx, a.order.orgId) : null };
  });
  if (!answer.ok) {
    // An unclear purchase (or one a dead process left `purchasing`) is settled, never bought anew.
    if (answer.active?.status === 'unknown' || answer.active?.status === 'purchasing') return resolveShipment(deps, answer.active.id);
    return { ok: false, message: REFUSALS[answer.refusal], shipmentId: answer.active?.id };
  }
  const { order } = answer;
  if (!rules) throw new Error('rules not loaded');

  // The rate must come from a Shippo shipment made for this order (all organizations share
  // ESM's Shippo account): its price and carrier are read from Shippo, never from the form.
  let rate: { shipment: string; id: string; carrier: string; service: string | null; amount: string; currency: string };
  if (input.quoted) {
    // Server-side callers that quoted this order themselves a moment ago (a batch): the rate is
    // theirs and the rules were just applied, so Shippo is not asked twice.
    const q = input.quoted;
    rate = { shipment: q.shipmentId, id: q.rate.id, carrier: q.rate.carrier, service: q.rate.service, amount: q.rate.amount, currency: q.rate.currency };
  } else {
    try {
      const r = await shippoCall(() => deps.shippo.rates.get(input.rateId));
      const shipment = await shippoCall(() => deps.shippo.shipments.get(r.shipment));
      if (shipment.metadata !== orderMetadata(order.orderId)) return { ok: false, message: 'These rates are not for this order. Get rates again.' };
      // The rules again, on the parcel Shippo quoted (they may have changed since the quote).
      const parcel = shipment.parcels?.[0];
      const verdict = applyRules(rules, order, parcel ? toOunces(Number(parcel.weight), String(parcel.massUnit)) : 0);
      if (verdict.blocked) return { ok: false, message: blockedMessage(verdict.blocked) };
      rate = { shipment: r.shipment, id: r.objectId, carrier: r.provider, service: r.servicelevel?.name ?? null, amount: r.amount, currency: r.currency };
    } catch (e) {
      const err = classifyShippoError(e);
      if (err.status === 404) return { ok: false, message: 'That rate no longer exists at Shippo. Get rates again. Nothing was bought.' };
      return { ok: false, message: `${err.userMessage} Nothing was bought.` };
    }
  }

  let row: ShipmentRow;
  try {
    row = await runAsService(deps.db, 'shipping', async (tx) => {
      const [r] = await tx
        .insert(shipments)
        .values({
          orgId: order.orgId, orderId: order.orderId, status: 'purchasing', shippoShipmentId: rate.shipment, shippoRateId: rate.id,
          carrier: rate.carrier, serviceLevel: rate.service, labelCost: Number(rate.amount).toFixed(2), currency: rate.currency,
          trackingPushStatus: 'pending', createdBy: claims.sub,
        })
        .returning();
      // The package covers what is left to ship of the order (issue 11: partial shipments).
      await coverOpenLines(tx, r);
      return r;
    });
  } catch (e) {
    if (pgErrorCode(e) === '23505') return { ok: false, message: REFUSALS.in_progress };
    throw e;
  }
  return attempt(deps, row);
}
