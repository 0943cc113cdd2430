// POST /transactions (buy a label for a rate, or "instalabel" with an inline shipment),
// GET /transactions/{id}, GET /transactions?rate=&object_status=&tracking_status= (reconciliation).
// Purchases are asynchronous by default (the SDK sends `async: true` unless told otherwise).
import { createHmac } from 'node:crypto';
import { bool, choiceError, fieldErrors, iso, maxLenError, notFoundRelation, ok, readBody, REQUIRED, str } from './http';
import { PROVIDER } from './rating';
import { createShipment } from './shipments';
import { hex32, paginate } from './store';
import { currentStatus, etaFor, trackKey } from './tracking';
import type { Json, TrackingStatusCode, TransactionStatus } from './types';
import { isComplete } from './validation';
import type { Auth, Carrier, ParcelRec, PurchaseOutcome, RateRec, TransactionRec, World } from './world';

export const LABEL_FILE_TYPES = ['PNG', 'PNG_2.3x7.5', 'PDF', 'PDF_2.3x7.5', 'PDF_4x6', 'PDF_4x8', 'PDF_A4', 'PDF_A5', 'PDF_A6', 'ZPLII'];
const TX_STATUSES = ['WAITING', 'QUEUED', 'SUCCESS', 'ERROR', 'REFUNDED', 'REFUNDPENDING', 'REFUNDREJECTED'];
const TRACK_STATUSES = ['UNKNOWN', 'PRE_TRANSIT', 'TRANSIT', 'DELIVERED', 'RETURNED', 'FAILURE'];

/** A number in the carrier's format, never handed out twice. */
function trackingNumberFor(w: World, carrier: Carrier, txId: string): string {
  for (let attempt = 0; ; attempt++) {
    const h = hex32('tracking', txId, attempt);
    const digits = (n: number) => BigInt('0x' + h).toString().padStart(n, '7').slice(-n);
    const n = carrier === 'usps' ? `9400111${digits(15)}` : carrier === 'ups' ? `1Z9A9X2703${digits(8)}` : `7${digits(11)}`;
    if (!w.issuedTrackingNumbers.has(n)) {
      w.issuedTrackingNumbers.add(n);
      return n;
    }
  }
}

export function trackingUrl(carrier: string, n: string): string {
  if (carrier === 'usps') return `https://tools.usps.com/go/TrackConfirmAction_input?origTrackNum=${n}`;
  if (carrier === 'ups') return `https://wwwapps.ups.com/WebTracking/processInputRequest?TypeOfInquiry=1&InquiryNumber1=${n}`;
  return `https://www.fedex.com/apps/fedextrack/?action=track&tracknumbers=${n}`;
}

export function labelSignature(w: World, id: string): string {
  return createHmac('sha256', w.labelSecret).update(id).digest('base64url').slice(0, 27);
}

export function labelExtension(type: string): string {
  return type.startsWith('PNG') ? 'png' : type === 'ZPLII' ? 'zpl' : 'pdf';
}

const failed = (source: string, text: string): PurchaseOutcome => ({ kind: 'error', messages: [{ source, code: '', text }] });

/** The carrier's verdict on a purchase, decided when it is requested (revealed when it settles). */
function decide(w: World, rate: RateRec): PurchaseOutcome {
  const source = PROVIDER[rate.carrier];
  if (w.now() - rate.createdAt > w.timings.rateTtlMs) {
    return failed('Shippo', 'Rate has expired. Please create a new shipment to get fresh rates.');
  }
  if (w.transactionsByRate.get(rate.wire.object_id)?.some((t) => t.outcome.kind === 'success')) {
    return failed('Shippo', 'This rate has already been purchased.');
  }
  for (const [role, a] of [['sender', rate.shipment.from], ['recipient', rate.shipment.to]] as const) {
    if (!a.validation.isValid) {
      const why = a.validation.messages.find((m) => m.type === 'address_error')?.text ?? 'The address could not be verified.';
      return failed(source, `The ${role} address could not be validated by the carrier: ${why}`);
    }
    if (!isComplete(a.validation.corrected)) {
      return failed('Shippo', "For an Address to be PURCHASE'able, all information must be provided.");
    }
  }
  return { kind: 'success', trackingNumber: '' };
}

/** Marks a purchase finished: success labels become trackable from that moment. */
function finish(w: World, t: TransactionRec, at: number): void {
  t.settledAt = at;
  if (t.outcome.kind !== 'success' || !t.rate) return;
  const rate = t.rate;
  const loc = (a: typeof rate.shipment.from) => {
    const f = a.validation.corrected;
    return { city: f.city, state: f.state, zip: f.zip, country: f.country };
  };
  w.tracks.set(trackKey(rate.carrier, t.outcome.trackingNumber), {
    carrier: rate.carrier,
    trackingNumber: t.outcome.trackingNumber,
    transaction: t,
    startedAt: at,
    estimatedDays: rate.wire.estimated_days,
    from: loc(rate.shipment.from),
    to: loc(rate.shipment.to),
    servicelevel: { token: rate.wire.servicelevel.token, name: rate.wire.servicelevel.name },
  });
}

export function settleTransaction(w: World, t: TransactionRec, poll: boolean): void {
  if (t.settledAt !== null) return;
  if (poll) t.polls++;
  const due = t.createdAt + w.timings.asyncDelayMs;
  if (t.polls >= w.timings.asyncPolls || w.now() >= due) {
    for (const s of t.group) if (s.settledAt === null) finish(w, s, Math.min(w.now(), due));
  }
}

function refundState(w: World, t: TransactionRec): TransactionStatus | null {
  if (!t.refund) return null;
  if (w.now() < t.refund.createdAt + w.timings.refundSettleMs) return 'REFUNDPENDING';
  return t.refund.rejected ? 'REFUNDREJECTED' : 'REFUNDED';
}

export function transactionStatus(w: World, t: TransactionRec): TransactionStatus {
  if (t.settledAt === null) return 'QUEUED';
  if (t.outcome.kind === 'error') return 'ERROR';
  return refundState(w, t) ?? 'SUCCESS';
}

export function transactionTracking(w: World, t: TransactionRec): TrackingStatusCode {
  if (t.settledAt === null || t.outcome.kind !== 'success' || !t.rate) return 'UNKNOWN';
  const rec = w.tracks.get(trackKey(t.rate.carrier, t.outcome.trackingNumber));
  return rec ? currentStatus(w, rec) : 'UNKNOWN';
}

export function transactionWire(w: World, t: TransactionRec, publicBase: string): Json {
  const status = transactionStatus(w, t);
  const done = t.settledAt !== null && t.outcome.kind === 'success';
  const number = t.outcome.kind === 'success' ? t.outcome.trackingNumber : '';
  const carrier = t.rate?.carrier ?? 'usps';
  let updated = t.settledAt ?? t.createdAt;
  if (t.refund) {
    const settles = t.refund.createdAt + w.timings.refundSettleMs;
    updated = Math.max(updated, w.now() >= settles ? settles : t.refund.createdAt);
  }
  const ext = labelExtension(t.labelFileType);
  const rate = t.rate;
  return {
    object_id: t.id,
    object_state: t.outcome.kind === 'error' && t.settledAt !== null ? 'INVALID' : 'VALID',
    status,
    object_created: iso(t.createdAt),
    object_updated: iso(updated),
    object_owner: t.ownerEmail,
    test: t.test,
    rate: !rate
      ? null
      : t.instant
        ? {
            object_id: rate.wire.object_id,
            amount: rate.wire.amount,
            currency: rate.wire.currency,
            amount_local: rate.wire.amount_local,
            currency_local: rate.wire.currency_local,
            provider: rate.wire.provider,
            carrier_account: rate.wire.carrier_account,
            servicelevel_name: rate.wire.servicelevel.name,
            servicelevel_token: rate.wire.servicelevel.token,
          }
        : rate.wire.object_id,
    parcel: t.parcel.wire.object_id,
    label_file_type: t.labelFileType,
    tracking_number: done ? number : '',
    tracking_status: transactionTracking(w, t),
    tracking_url_provider: done ? trackingUrl(carrier, number) : '',
    eta: done && t.settledAt !== null && rate ? iso(etaFor(t.settledAt, rate.wire.estimated_days)) : null,
    label_url: done ? `${publicBase}/labels/${t.id}.${ext}?Signature=${labelSignature(w, t.id)}` : '',
    commercial_invoice_url: null,
    qr_code_url: null,
    messages: t.settledAt !== null && t.outcome.kind === 'error' ? t.outcome.messages : [],
    metadata: t.metadata,
  };
}

export async function postTransaction(w: World, auth: Auth, req: Request, publicBase: string): Promise<Response> {
  const body = await readBody(req);
  const errors: Json = {};
  const labelFileType = body.label_file_type === undefined || body.label_file_type === '' ? 'PDF_4x6' : str(body.label_file_type);
  if (!LABEL_FILE_TYPES.includes(labelFileType)) errors.label_file_type = [choiceError(labelFileType)];
  const metadata = str(body.metadata);
  if (metadata.length > 100) errors.metadata = [maxLenError(100)];
  const async = bool(body.async, true);
  if (body.rate === undefined && body.shipment !== undefined) {
    return instalabel(w, auth, body, errors, { labelFileType, metadata, async }, publicBase);
  }
  let rate: RateRec | undefined;
  if (body.rate === undefined || body.rate === null || body.rate === '') errors.rate = [REQUIRED];
  else if (!(rate = w.rates.find(body.rate, auth.token))) errors.rate = [notFoundRelation('Rate', str(body.rate))];
  if (Object.keys(errors).length || !rate) return fieldErrors(errors);
  const txs = newTransactions(w, auth, rate, rate.shipment.parcels, { labelFileType, metadata, async }, false, decide(w, rate));
  return ok(transactionWire(w, txs[0], publicBase), 201);
}

interface PurchaseOptions {
  labelFileType: string;
  metadata: string;
  async: boolean;
}

/** "Instalabel": shipment, carrier account and service level in one call. */
function instalabel(w: World, auth: Auth, body: Json, errors: Json, o: PurchaseOptions, publicBase: string): Response {
  if (!body.carrier_account) errors.carrier_account = [REQUIRED];
  if (!body.servicelevel_token) errors.servicelevel_token = [REQUIRED];
  if (!body.shipment || typeof body.shipment !== 'object' || Array.isArray(body.shipment)) {
    errors.shipment = { non_field_errors: ['Invalid data. Expected a dictionary.'] };
  }
  if (Object.keys(errors).length) return fieldErrors(errors);
  const shipment = createShipment(w, auth, { ...(body.shipment as Json), async: false });
  if ('errors' in shipment) return fieldErrors({ shipment: shipment.errors });
  const wanted = shipment.wire.rates.find(
    (r) => r.carrier_account === str(body.carrier_account) && r.servicelevel.token === str(body.servicelevel_token),
  );
  const rate = wanted ? w.rates.byId.get(wanted.object_id) ?? null : null;
  const outcome: PurchaseOutcome = rate
    ? decide(w, rate)
    : {
        kind: 'error',
        messages: shipment.wire.messages.length
          ? shipment.wire.messages
          : [{ source: 'Shippo', code: '', text: `Service level ${str(body.servicelevel_token)} is not available for this shipment.` }],
      };
  const txs = newTransactions(w, auth, rate, shipment.parcels, o, true, outcome);
  return ok(transactionWire(w, txs[0], publicBase), 201);
}

/** One Transaction per parcel (multi-piece shipments get one label each), sharing the rate. */
function newTransactions(
  w: World,
  auth: Auth,
  rate: RateRec | null,
  parcels: ParcelRec[],
  o: PurchaseOptions,
  instant: boolean,
  outcome: PurchaseOutcome,
): TransactionRec[] {
  const group: TransactionRec[] = [];
  for (const parcel of parcels) {
    const id = w.ids.next('transaction');
    const own: PurchaseOutcome =
      outcome.kind === 'success' && rate ? { kind: 'success', trackingNumber: trackingNumberFor(w, rate.carrier, id) } : outcome;
    group.push(
      w.transactions.add(id, {
        owner: auth.token,
        ownerEmail: auth.owner,
        id,
        test: auth.test,
        createdAt: w.now(),
        rate,
        parcel,
        labelFileType: o.labelFileType,
        metadata: o.metadata,
        polls: 0,
        settledAt: null,
        outcome: own,
        refund: null,
        instant,
        group,
      }),
    );
  }
  if (rate) {
    const byRate = w.transactionsByRate.get(rate.wire.object_id) ?? [];
    byRate.push(...group);
    w.transactionsByRate.set(rate.wire.object_id, byRate);
  }
  if (!o.async || !rate) for (const t of group) finish(w, t, t.createdAt);
  return group;
}

export function getTransaction(w: World, auth: Auth, id: string, publicBase: string): Response {
  const t = w.transactions.lookup(id, auth.token);
  if (t instanceof Response) return t;
  settleTransaction(w, t, true);
  return ok(transactionWire(w, t, publicBase));
}

export function listTransactions(w: World, auth: Auth, url: URL, publicBase: string): Response {
  const q = url.searchParams;
  const errors: Json = {};
  const objectStatus = q.get('object_status');
  const trackingStatus = q.get('tracking_status');
  const valid = (v: string) => `Select a valid choice. ${v} is not one of the available choices.`;
  if (objectStatus && !TX_STATUSES.includes(objectStatus)) errors.object_status = [valid(objectStatus)];
  if (trackingStatus && !TRACK_STATUSES.includes(trackingStatus)) errors.tracking_status = [valid(trackingStatus)];
  if (Object.keys(errors).length) return fieldErrors(errors);
  const rateId = q.get('rate');
  const candidates = rateId
    ? (w.transactionsByRate.get(rateId) ?? []).filter((t) => t.owner === auth.token).reverse()
    : w.transactions.ownedBy(auth.token);
  const items = candidates
    .map((t) => {
      settleTransaction(w, t, false);
      return t;
    })
    .filter((t) => !objectStatus || transactionStatus(w, t) === objectStatus)
    .filter((t) => !trackingStatus || transactionTracking(w, t) === trackingStatus);
  const page = paginate(items, url, publicBase);
  if (page instanceof Response) return page;
  return ok({ ...page, results: page.results.map((t) => transactionWire(w, t, publicBase)) });
}
