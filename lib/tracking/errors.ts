// What a failed push stores and shows: the marketplace's message, classified, with nothing of
// the buyer and no credential in it. Connector errors are already built without response
// bodies; this is the second belt: known buyer values, e-mail addresses, bearer tokens and long
// secrets are cut out, and the text is bounded.
import { MarketplaceError } from '@/lib/marketplaces/http';
import { CapabilityNotSupported } from '@/lib/marketplaces/capabilities';

const EMAIL = /[^\s@<>"']+@[^\s@<>"']+\.[a-z]{2,}/gi;
const BEARER = /\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
// Key-like words: long runs mixing letters and digits (with - or _ from 24 characters). Tracking
// numbers (digits only, or shorter) are kept: people need them to act on the message.
const SECRETISH = /[A-Za-z0-9_-]{24,}/g;
const keyLike = (w: string) => /[A-Za-z]/.test(w) && /\d/.test(w) && (w.length >= 32 || /[-_]/.test(w));
const PHONE = /(\+\d{1,3}[\s.-]?)?\(?\b\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}\b/g;

export function sanitize(text: string, redact: ReadonlyArray<string | null | undefined> = []): string {
  let out = text;
  for (const r of redact) {
    const v = r?.trim();
    if (v && v.length >= 3) out = out.split(v).join('[redacted]');
  }
  return out.replace(EMAIL, '[redacted]').replace(BEARER, '$1 [redacted]').replace(SECRETISH, (w) => (keyLike(w) ? '[redacted]' : w)).replace(PHONE, '[redacted]').slice(0, 500);
}

export type PushFailure = { permanent: boolean; message: string };

/** Whether an error is worth retrying, and what people are shown. */
export function classifyPushError(e: unknown, redact: ReadonlyArray<string | null | undefined>): PushFailure {
  if (e instanceof CapabilityNotSupported) return { permanent: true, message: e.message };
  if (e instanceof MarketplaceError) {
    const permanent = !e.retryable;
    const prefix = e.kind === 'auth' ? 'The marketplace refused ESM\'s credentials (reconnect the account): ' : '';
    return { permanent, message: sanitize(`${prefix}${e.message}`, redact) };
  }
  // Network-level failures that escaped the connector (e.g. connection refused): retried.
  return { permanent: false, message: 'The marketplace could not be reached.' };
}
