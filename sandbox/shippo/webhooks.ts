// Webhook subscriptions (POST/GET/PUT/DELETE /webhooks) and the outbound emitter: each call to
// `deliver()` sends `{event, test, data}` for what changed since the last call — transactions
// created/updated and tracks (our labels, plus numbers registered with POST /tracks) updated.
import { createHmac } from 'node:crypto';
import { bool, choiceError, fieldErrors, iso, ok, readBody, REQUIRED, str } from './http';
import { paginate } from './store';
import { trackKey, trackWire } from './tracking';
import { settleTransaction, transactionStatus, transactionTracking, transactionWire } from './transactions';
import type { Json } from './types';
import type { Auth, WebhookRec, World } from './world';

export const WEBHOOK_EVENTS = ['transaction_created', 'transaction_updated', 'track_updated', 'batch_created', 'batch_purchased', 'all'];

function wire(h: WebhookRec, ownerEmail: string): Json {
  return {
    object_id: h.id,
    object_created: iso(h.createdAt),
    object_updated: iso(h.updatedAt),
    object_owner: ownerEmail,
    event: h.event,
    url: h.url,
    active: h.active,
    is_test: h.isTest,
  };
}

function parse(body: Json, auth: Auth): { errors: Json } | { event: string; url: string; active: boolean; isTest: boolean } {
  const errors: Json = {};
  const event = str(body.event);
  if (!event) errors.event = [REQUIRED];
  else if (!WEBHOOK_EVENTS.includes(event)) errors.event = [choiceError(event)];
  const url = str(body.url);
  if (!url) errors.url = [REQUIRED];
  else if (!/^https?:\/\/[^\s/]+/.test(url)) errors.url = ['Enter a valid URL.'];
  if (Object.keys(errors).length) return { errors };
  return { event, url, active: bool(body.active, true), isTest: bool(body.is_test, auth.test) };
}

export async function postWebhook(w: World, auth: Auth, req: Request): Promise<Response> {
  const p = parse(await readBody(req), auth);
  if ('errors' in p) return fieldErrors(p.errors);
  const id = w.ids.next('webhook');
  const now = w.now();
  const rec = w.webhooks.add(id, { owner: auth.token, id, ...p, createdAt: now, updatedAt: now });
  return ok(wire(rec, auth.owner), 201);
}

export function getWebhook(w: World, auth: Auth, id: string): Response {
  const rec = w.webhooks.lookup(id, auth.token);
  return rec instanceof Response ? rec : ok(wire(rec, auth.owner));
}

export async function putWebhook(w: World, auth: Auth, id: string, req: Request): Promise<Response> {
  const rec = w.webhooks.lookup(id, auth.token);
  if (rec instanceof Response) return rec;
  const p = parse(await readBody(req), auth);
  if ('errors' in p) return fieldErrors(p.errors);
  Object.assign(rec, p, { updatedAt: w.now() });
  return ok(wire(rec, auth.owner));
}

export function deleteWebhook(w: World, auth: Auth, id: string): Response {
  const rec = w.webhooks.lookup(id, auth.token);
  if (rec instanceof Response) return rec;
  w.webhooks.byId.delete(id);
  return new Response(null, { status: 204 });
}

export function listWebhooks(w: World, auth: Auth, url: URL, publicBase: string): Response {
  const page = paginate(w.webhooks.ownedBy(auth.token).map((h) => wire(h, auth.owner)), url, publicBase, true);
  return page instanceof Response ? page : ok(page);
}

export interface Delivery {
  webhook: string;
  url: string;
  event: string;
  status: number | null;
  error?: string;
}

interface Pending {
  webhook: WebhookRec;
  event: string;
  body: string;
  attempts: number;
}

const MAX_ATTEMPTS = 5;

export class WebhookEmitter {
  private readonly sent = new Map<string, string>();
  private retry: Pending[] = [];

  constructor(
    private readonly w: World,
    private readonly isTestToken: (token: string) => boolean,
    /** Signs deliveries with Shippo-Auth-Signature when set (header format per third-party notes). */
    private readonly secret: string | null,
  ) {}

  /** Events whose state changed since the last call, per owner. */
  private collect(publicBase: string): Pending[] {
    const w = this.w;
    const out: Pending[] = [];
    const hooks = [...w.webhooks.byId.values()].filter((h) => h.active);
    const emit = (owner: string, event: string, fpKey: string, fp: string, data: Json) => {
      if (this.sent.get(fpKey) === fp) return false;
      this.sent.set(fpKey, fp);
      const test = this.isTestToken(owner);
      for (const h of hooks) {
        if (h.owner !== owner || h.isTest !== test || (h.event !== event && h.event !== 'all')) continue;
        out.push({ webhook: h, event, body: JSON.stringify({ event, test, data }), attempts: 0 });
      }
      return true;
    };
    // Every account's changes are marked as seen, subscribed or not: a webhook created later
    // must not receive events that happened before it existed.
    for (const t of w.transactions.byId.values()) {
      settleTransaction(w, t, false);
      const state = `${transactionStatus(w, t)}|${transactionTracking(w, t)}`;
      const data = transactionWire(w, t, publicBase);
      const created = `${t.owner}|transaction_created|${t.id}`;
      if (!this.sent.has(created)) {
        emit(t.owner, 'transaction_created', created, '1', data);
        this.sent.set(`${t.owner}|transaction_updated|${t.id}`, state);
      } else emit(t.owner, 'transaction_updated', `${t.owner}|transaction_updated|${t.id}`, state, data);
      if (t.outcome.kind === 'success' && t.rate && t.settledAt !== null) this.track(emit, t.owner, t.rate.carrier, t.outcome.trackingNumber);
    }
    for (const [key, regs] of w.trackRegistrations) {
      const [carrier, number] = key.split('|');
      for (const owner of regs.keys()) this.track(emit, owner, carrier, number);
    }
    return out;
  }

  private track(emit: (o: string, e: string, k: string, fp: string, d: Json) => boolean, owner: string, carrier: string, number: string): void {
    const data = trackWire(this.w, carrier, number, owner);
    const status = data.tracking_status as { object_id?: string } | null;
    emit(owner, 'track_updated', `${owner}|track_updated|${trackKey(carrier, number)}`, status?.object_id ?? 'none', data);
  }

  /** Sends pending events (and retries earlier failures); resolves with what happened. */
  async deliver(publicBase: string): Promise<Delivery[]> {
    const batch = [...this.retry, ...this.collect(publicBase)];
    this.retry = [];
    const results: Delivery[] = [];
    for (const p of batch) {
      p.attempts++;
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Shippo-Webhooks (sandbox)' };
      if (this.secret) {
        const ts = Math.floor(this.w.now() / 1000);
        const sig = createHmac('sha256', this.secret).update(`${ts}.${p.body}`).digest('hex');
        headers['Shippo-Auth-Signature'] = `t=${ts},v1=${sig}`;
      }
      const r: Delivery = { webhook: p.webhook.id, url: p.webhook.url, event: p.event, status: null };
      try {
        const res = await fetch(p.webhook.url, { method: 'POST', headers, body: p.body, signal: AbortSignal.timeout(3_000) });
        r.status = res.status;
        await res.arrayBuffer().catch(() => undefined);
      } catch (e) {
        r.error = (e as Error).message;
      }
      if ((r.status === null || r.status >= 300) && p.attempts < MAX_ATTEMPTS) this.retry.push(p);
      results.push(r);
    }
    return results;
  }
}
