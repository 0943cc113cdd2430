// POST /refunds, GET /refunds[/{id}]: a refund (label void) moves QUEUED → PENDING → SUCCESS on
// the SimClock; a label the carrier has already scanned is refused (ERROR, transaction
// REFUNDREJECTED), as carriers do not refund labels that were used.
import { bool, fieldErrors, iso, notFoundRelation, ok, readBody, REQUIRED, str } from './http';
import { paginate } from './store';
import { acceptedAt, trackKey } from './tracking';
import { transactionStatus } from './transactions';
import type { Json, RefundStatus } from './types';
import type { Auth, RefundRec, World } from './world';

export function refundStatus(w: World, r: RefundRec): RefundStatus {
  const age = w.now() - r.createdAt;
  if (age >= w.timings.refundSettleMs) return r.rejected ? 'ERROR' : 'SUCCESS';
  if (r.async && age < w.timings.refundQueuedMs) return 'QUEUED';
  return 'PENDING';
}

function refundUpdated(w: World, r: RefundRec): number {
  const now = w.now();
  const marks = [r.createdAt, r.createdAt + w.timings.refundQueuedMs, r.createdAt + w.timings.refundSettleMs];
  return Math.max(...marks.filter((m) => m <= now));
}

export function refundWire(w: World, r: RefundRec): Json {
  return {
    object_id: r.id,
    object_created: iso(r.createdAt),
    object_updated: iso(refundUpdated(w, r)),
    object_owner: r.ownerEmail,
    status: refundStatus(w, r),
    test: r.test,
    transaction: r.transaction.id,
  };
}

export async function postRefund(w: World, auth: Auth, req: Request): Promise<Response> {
  const body = await readBody(req);
  if (body.transaction === undefined || body.transaction === null || body.transaction === '') {
    return fieldErrors({ transaction: [REQUIRED] });
  }
  const t = w.transactions.find(body.transaction, auth.token);
  if (!t) return fieldErrors({ transaction: [notFoundRelation('Transaction', str(body.transaction))] });
  if (t.refund) return fieldErrors({ transaction: ['A refund has already been requested for this transaction.'] });
  if (transactionStatus(w, t) !== 'SUCCESS' || t.outcome.kind !== 'success' || !t.rate) {
    return fieldErrors({ transaction: ['Only transactions with status SUCCESS can be refunded.'] });
  }
  const track = w.tracks.get(trackKey(t.rate.carrier, t.outcome.trackingNumber));
  const id = w.ids.next('refund');
  const rec: RefundRec = {
    owner: auth.token,
    ownerEmail: auth.owner,
    id,
    test: auth.test,
    createdAt: w.now(),
    async: bool(body.async, true),
    transaction: t,
    rejected: track ? w.now() >= acceptedAt(track) : false,
  };
  t.refund = rec;
  w.refunds.add(id, rec);
  return ok(refundWire(w, rec), 201);
}

export function getRefund(w: World, auth: Auth, id: string): Response {
  const r = w.refunds.lookup(id, auth.token);
  return r instanceof Response ? r : ok(refundWire(w, r));
}

export function listRefunds(w: World, auth: Auth, url: URL, publicBase: string): Response {
  const page = paginate(w.refunds.ownedBy(auth.token), url, publicBase);
  if (page instanceof Response) return page;
  return ok({ ...page, results: page.results.map((r) => refundWire(w, r)) });
}
