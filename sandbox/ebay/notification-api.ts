// Notification API getPublicKey and the ECDSA P-256 keys the simulator signs notifications with.
// eBay returns the PEM on one line (no newlines), which OpenSSL 3 rejects until it is re-wrapped.
import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { Router } from '@/sandbox/core/router';
import { json } from '@/sandbox/core/router';
import * as E from './errors';
import { SCOPE } from './scopes';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateSigningKey(kid: string = randomUUID()): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { kid, privateKey, publicKey };
}

/** eBay's one-line PEM: the markers glued to the base64 SPKI, no line breaks. */
export function oneLinePem(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `-----BEGIN PUBLIC KEY-----${der.toString('base64')}-----END PUBLIC KEY-----`;
}

export class NotificationKeys {
  private readonly keys = new Map<string, SigningKey>();
  private current: SigningKey;

  constructor(initial: SigningKey = generateSigningKey()) {
    this.current = initial;
    this.keys.set(initial.kid, initial);
  }

  /** The key new notifications are signed with. */
  get signing(): SigningKey {
    return this.current;
  }

  /** Starts signing with a new key; old keys stay retrievable (in-flight redeliveries). */
  rotate(kid?: string): SigningKey {
    this.current = generateSigningKey(kid);
    this.keys.set(this.current.kid, this.current);
    return this.current;
  }

  get(kid: string): SigningKey | undefined {
    return this.keys.get(kid);
  }
}

export interface NotificationContext {
  keys: NotificationKeys;
  guard(req: Request, scopes: readonly string[]): { ok: true } | { ok: false; response: Response };
}

export function notificationRoutes(router: Router, ctx: NotificationContext): void {
  router.add('GET', '/commerce/notification/v1/public_key/{public_key_id}', (req, { params }) => {
    const g = ctx.guard(req, [SCOPE.public]);
    if (!g.ok) return g.response;
    const key = ctx.keys.get(params.public_key_id);
    if (!key) {
      return E.ebayError(404, {
        errorId: 195001,
        domain: 'API_NOTIFICATION',
        category: 'REQUEST',
        message: 'The specified key id is invalid.',
      });
    }
    return json({ key: oneLinePem(key.publicKey), algorithm: 'ECDSA', digest: 'SHA1' });
  });
}
