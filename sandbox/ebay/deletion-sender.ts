// Plays eBay's side of Marketplace Account Deletion (marketplace-apis.md §4): the GET challenge an
// endpoint must answer, and signed MARKETPLACE_ACCOUNT_DELETION POSTs, redelivered with the same
// notificationId and a higher publishAttemptCount until the endpoint acknowledges with 200/201/202/204.
import { createHash, randomUUID, sign, type KeyObject } from 'node:crypto';
import type { Clock } from '@/sandbox/core/clock';

export interface NotificationSigner {
  kid: string;
  privateKey: KeyObject;
}

export interface AccountDeletionData {
  username: string;
  userId: string;
  eiasToken: string;
}

/** Field order matters: eBay signs the compact serialisation in exactly this order. */
export interface AccountDeletionMessage {
  metadata: { topic: 'MARKETPLACE_ACCOUNT_DELETION'; schemaVersion: string; deprecated: boolean };
  notification: {
    notificationId: string;
    eventDate: string;
    publishDate: string;
    publishAttemptCount: number;
    data: AccountDeletionData;
  };
}

export const ACKNOWLEDGING_STATUSES: readonly number[] = [200, 201, 202, 204];
export const VERIFICATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,80}$/;

/**
 * The X-EBAY-SIGNATURE value for a body: base64 of `{"alg":"ecdsa","kid":…,"signature":…,"digest":"SHA1"}`
 * where signature is the base64 DER ECDSA/SHA-1 signature over the body bytes as sent.
 */
export function signPayload(body: string, signer: NotificationSigner): string {
  const signature = sign('sha1', Buffer.from(body, 'utf8'), signer.privateKey).toString('base64');
  return Buffer.from(JSON.stringify({ alg: 'ecdsa', kid: signer.kid, signature, digest: 'SHA1' }), 'utf8').toString('base64');
}

export function accountDeletionMessage(
  data: AccountDeletionData,
  n: { notificationId: string; eventDate: number; publishDate: number; publishAttemptCount: number },
): AccountDeletionMessage {
  return {
    metadata: { topic: 'MARKETPLACE_ACCOUNT_DELETION', schemaVersion: '1.0', deprecated: false },
    notification: {
      notificationId: n.notificationId,
      eventDate: new Date(n.eventDate).toISOString(),
      publishDate: new Date(n.publishDate).toISOString(),
      publishAttemptCount: n.publishAttemptCount,
      data: { username: data.username, userId: data.userId, eiasToken: data.eiasToken },
    },
  };
}

/** hex(SHA-256(challengeCode + verificationToken + endpoint)), in that order. */
export function challengeResponseFor(challengeCode: string, verificationToken: string, endpoint: string): string {
  return createHash('sha256').update(challengeCode).update(verificationToken).update(endpoint).digest('hex');
}

export interface DeletionSenderOptions {
  /** A key, or a function giving the current key (so key rotation takes effect). */
  signer: NotificationSigner | (() => NotificationSigner);
  /** The token registered with the endpoint; needed for sendChallenge. */
  verificationToken?: string;
  clock?: Clock & { advance?(ms: number): void };
  fetch?: typeof fetch;
  /** Per-request timeout; an endpoint that does not answer in time counts as not acknowledged. */
  timeoutMs?: number;
}

export interface DeliveryAttempt {
  publishAttemptCount: number;
  status: number | null;
  acknowledged: boolean;
  error?: string;
}

export interface DeliveryResult {
  notificationId: string;
  delivered: boolean;
  /** Every allowed attempt failed: eBay would mark the endpoint down and alert the developer. */
  markedDown: boolean;
  attempts: DeliveryAttempt[];
  /** The last message sent (with its publishAttemptCount). */
  message: AccountDeletionMessage;
}

export interface ChallengeResult {
  ok: boolean;
  status: number | null;
  expected: string;
  received?: string;
  problems: string[];
}

export class DeletionSender {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly opts: DeletionSenderOptions) {
    this.fetchFn = opts.fetch ?? fetch;
    if (opts.verificationToken !== undefined && !VERIFICATION_TOKEN_PATTERN.test(opts.verificationToken)) {
      throw new Error('verification token must be 32-80 characters of A-Z, a-z, 0-9, _ and -');
    }
  }

  private get signer(): NotificationSigner {
    return typeof this.opts.signer === 'function' ? this.opts.signer() : this.opts.signer;
  }

  private now(): number {
    return this.opts.clock?.now() ?? Date.now();
  }

  /** X-EBAY-SIGNATURE for a body (objects are serialised compactly, as eBay sends them). */
  signNotification(body: string | object): string {
    return signPayload(typeof body === 'string' ? body : JSON.stringify(body), this.signer);
  }

  /** One POST of a message, signed as sent. */
  async deliver(endpointUrl: string, message: AccountDeletionMessage): Promise<DeliveryAttempt> {
    const body = JSON.stringify(message);
    const attempt = { publishAttemptCount: message.notification.publishAttemptCount };
    try {
      const res = await this.fetchFn(endpointUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-ebay-signature': this.signNotification(body) },
        body,
        signal: AbortSignal.timeout(this.opts.timeoutMs ?? 3000),
      });
      await res.arrayBuffer();
      return { ...attempt, status: res.status, acknowledged: ACKNOWLEDGING_STATUSES.includes(res.status) };
    } catch (err) {
      return { ...attempt, status: null, acknowledged: false, error: (err as Error).message };
    }
  }

  /**
   * Sends a MARKETPLACE_ACCOUNT_DELETION notification, redelivering (same notificationId,
   * publishAttemptCount + 1, new publishDate) until acknowledged or `maxAttempts` is reached.
   * `retryIntervalMs` advances a SimClock between attempts instead of sleeping.
   */
  async sendAccountDeletion(
    endpointUrl: string,
    data: AccountDeletionData,
    o: { maxAttempts?: number; notificationId?: string; eventDate?: number; retryIntervalMs?: number } = {},
  ): Promise<DeliveryResult> {
    const notificationId = o.notificationId ?? `${randomUUID()}_${randomUUID()}`;
    const eventDate = o.eventDate ?? this.now();
    const maxAttempts = o.maxAttempts ?? 1;
    const attempts: DeliveryAttempt[] = [];
    let message = accountDeletionMessage(data, { notificationId, eventDate, publishDate: this.now(), publishAttemptCount: 1 });
    for (let n = 1; n <= maxAttempts; n++) {
      if (n > 1) {
        if (o.retryIntervalMs) this.opts.clock?.advance?.(o.retryIntervalMs);
        message = accountDeletionMessage(data, { notificationId, eventDate, publishDate: this.now(), publishAttemptCount: n });
      }
      const a = await this.deliver(endpointUrl, message);
      attempts.push(a);
      if (a.acknowledged) return { notificationId, delivered: true, markedDown: false, attempts, message };
    }
    return { notificationId, delivered: false, markedDown: true, attempts, message };
  }

  /** eBay's endpoint validation: GET ?challenge_code=… and check the JSON answer (§4.2). */
  async sendChallenge(endpointUrl: string, challengeCode: string = randomUUID()): Promise<ChallengeResult> {
    const token = this.opts.verificationToken;
    if (!token) throw new Error('sendChallenge needs the verificationToken registered for the endpoint');
    const expected = challengeResponseFor(challengeCode, token, endpointUrl);
    const url = new URL(endpointUrl);
    url.searchParams.set('challenge_code', challengeCode);
    const problems: string[] = [];
    let res: Response;
    try {
      res = await this.fetchFn(url, { method: 'GET', headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.opts.timeoutMs ?? 3000) });
    } catch (err) {
      return { ok: false, status: null, expected, problems: [`request failed: ${(err as Error).message}`] };
    }
    const bytes = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) problems.push(`status ${res.status}, expected 200`);
    if (!(res.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      problems.push(`content-type ${res.headers.get('content-type') ?? '(none)'}, expected application/json`);
    }
    if (bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) problems.push('body starts with a UTF-8 BOM');
    let received: string | undefined;
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { challengeResponse?: unknown };
      if (typeof parsed.challengeResponse === 'string') received = parsed.challengeResponse;
      else problems.push('body has no challengeResponse string');
    } catch {
      problems.push('body is not JSON');
    }
    if (received !== undefined && received !== expected) problems.push('challengeResponse does not match');
    return { ok: problems.length === 0, status: res.status, expected, ...(received !== undefined ? { received } : {}), problems };
  }
}
