// SP-API and LWA wire conventions: every SP-API answer carries x-amzn-RequestId and the
// operation's x-amzn-RateLimit-Limit; errors are `{ errors: [{ code, message, details }] }`.
import { randomUUID } from 'node:crypto';

export interface SpError {
  code: string;
  message: string;
  details?: string;
}

/** Amazon prints rates like "0.0167", "0.5", "1.0", "2.0". */
export function formatRate(rate: number): string {
  return Number.isInteger(rate) ? rate.toFixed(1) : String(rate);
}

function spHeaders(rate: number | undefined, json: boolean): Record<string, string> {
  const h: Record<string, string> = { 'x-amzn-RequestId': randomUUID() };
  if (json) h['content-type'] = 'application/json';
  if (rate !== undefined) h['x-amzn-RateLimit-Limit'] = formatRate(rate);
  return h;
}

export function spJson(status: number, body: unknown, rate?: number): Response {
  return new Response(JSON.stringify(body), { status, headers: spHeaders(rate, true) });
}

export function spNoContent(rate?: number): Response {
  return new Response(null, { status: 204, headers: spHeaders(rate, false) });
}

export function spError(status: number, errors: SpError | SpError[], rate?: number): Response {
  const list = (Array.isArray(errors) ? errors : [errors]).map((e) => ({ details: '', ...e }));
  return spJson(status, { errors: list }, rate);
}

export const invalidInput = (message: string, details = ''): SpError => ({ code: 'InvalidInput', message, details });

export const DENIED = 'Access to requested resource is denied.';
export const TOKEN_EXPIRED = 'The access token you provided has expired.';
export const TOKEN_INVALID = 'The access token you provided is revoked, malformed or invalid.';
export const TOKEN_MISSING = 'Access token is missing in the request header.';

export const QUOTA_EXCEEDED: SpError = {
  code: 'QuotaExceeded',
  message: 'You exceeded your quota for the requested resource.',
  details: '',
};

/** SP-API timestamps: ISO 8601 in UTC without milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const ISO_RE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Epoch ms of an ISO 8601 value, or null when it is not one. */
export function parseIso(value: string): number | null {
  if (!ISO_RE.test(value)) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : t;
}

/** Comma-separated array query parameters (`MarketplaceIds=A,B`), repeated keys accepted too. */
export function listParam(url: URL, name: string): string[] | undefined {
  const all = url.searchParams.getAll(name);
  if (!all.length) return undefined;
  return all.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export function money2(n: number): string {
  return (Math.round(n * 100) / 100).toFixed(2);
}

export function lwaJson(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-cache, no-store', pragma: 'no-cache' },
  });
}

export function lwaError(status: number, error: string, description: string): Response {
  return lwaJson(status, { error_description: description, error });
}
