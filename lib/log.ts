import 'server-only';
// Structured logs. Buyer PII and secrets never belong in a log: the redaction list is the safety
// net, the rule is not to pass them in the first place.
import pino from 'pino';

export const REDACTED_KEYS = [
  'password', 'token', 'access_token', 'refresh_token', 'accessToken', 'refreshToken', 'client_secret',
  'clientSecret', 'authorization', 'cookie', 'apiKey', 'api_key', 'secret', 'credentials',
  'email', 'phone', 'name', 'buyer', 'address', 'address_line1', 'address_line2', 'addressLine1', 'addressLine2',
  'postal_code', 'postalCode', 'shipTo', 'shippingAddress',
];

const paths = REDACTED_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { app: 'esm' },
  redact: { paths, censor: '[redacted]' },
});
