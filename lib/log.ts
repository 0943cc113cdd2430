import 'server-only';
// Structured logs. Buyer PII and secrets never belong in a log: the redaction list is the safety
// net, the rule is not to pass them in the first place.
import pino, { type DestinationStream } from 'pino';

/** Redacted wherever they appear (top level and two levels down): secrets and buyer contact data. */
export const REDACTED_KEYS = [
  'password', 'token', 'access_token', 'refresh_token', 'accessToken', 'refreshToken', 'client_secret',
  'clientSecret', 'authorization', 'cookie', 'apiKey', 'api_key', 'secret', 'credentials',
  'email', 'phone', 'address', 'address_line1', 'address_line2', 'addressLine1', 'addressLine2',
  'postal_code', 'postalCode',
  // Whole objects that describe a buyer or their address, as ESM and the marketplaces name them
  // (NormalizedOrder.buyer, eBay shipTo/contactAddress, Walmart postalAddress, Amazon
  // ShippingAddress/BuyerInfo, Shippo address_to).
  'buyer', 'shipTo', 'shippingAddress', 'ShippingAddress', 'postalAddress', 'contactAddress', 'BuyerInfo',
  'address_to', 'recipient',
  // A buyer's name under a key of its own.
  'buyerName', 'BuyerName', 'fullName', 'recipientName',
  // What someone typed into a search box (a buyer's name, often): the orders list's `q`.
  'q', 'search', 'searchTerm',
];

/**
 * `name` is redacted by path, not everywhere: an error's `name`/`type`, a marketplace's or an
 * organization's name are what a log is for. These parents hold a person's name.
 */
const PERSON_PARENTS = ['customer', 'person', 'contact', 'billTo', 'soldTo', 'Address', 'shipping'];

export const REDACTED_PATHS = [
  ...REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]),
  ...PERSON_PARENTS.flatMap((p) => [`${p}.name`, `*.${p}.name`, `*.*.${p}.name`]),
];

export function createLog(level: string, destination?: DestinationStream) {
  return pino({ level, base: { app: 'esm' }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, destination);
}

export const log = createLog(process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'));
