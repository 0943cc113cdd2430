// Shippo's API is a Django REST Framework service: errors are `{"detail": "..."}` for auth, 404s,
// throttling and parse errors, and field maps (`{"field": ["message"]}`) for invalid bodies.
// Bodies may be JSON or form-encoded (the classic docs use `-d key=value`).
import { json } from '@/sandbox/core/router';
import type { Json } from './types';

export const JSON_HEADERS = { 'content-type': 'application/json' };

export function ok(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return json(body, status, headers);
}

export function detail(status: number, text: string, headers: Record<string, string> = {}): Response {
  return json({ detail: text }, status, headers);
}

export const notFound = (): Response => detail(404, 'Not found.');
export const forbidden = (): Response => detail(403, 'You do not have permission to perform this action.');

/** A DRF serializer error: `{"field": ["message", ...]}` (values may nest for sub-objects). */
export function fieldErrors(errors: Json): Response {
  return json(errors, 400);
}

export const REQUIRED = 'This field is required.';
export const choiceError = (v: unknown): string => `"${String(v)}" is not a valid choice.`;
export const maxLenError = (n: number): string => `Ensure this field has no more than ${n} characters.`;
export const notFoundRelation = (kind: string, id: string): string => `${kind} with object_id ${id} was not found.`;

export class BadRequest extends Error {
  constructor(readonly response: Response) {
    super('bad request');
  }
}

/** The request body as an object, or throws BadRequest with DRF's parse-error answer. */
export async function readBody(req: Request): Promise<Json> {
  const text = await req.text();
  const type = req.headers.get('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded')) {
    const out: Json = {};
    for (const [k, v] of new URLSearchParams(text)) {
      if (k in out) out[k] = ([] as unknown[]).concat(out[k], v);
      else out[k] = v === 'true' ? true : v === 'false' ? false : v;
    }
    return out;
  }
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw new BadRequest(
        fieldErrors({ non_field_errors: [`Invalid data. Expected a dictionary, but got ${Array.isArray(v) ? 'list' : typeof v}.`] }),
      );
    }
    return v as Json;
  } catch (e) {
    if (e instanceof BadRequest) throw e;
    throw new BadRequest(detail(400, `JSON parse error - ${(e as Error).message}`));
  }
}

export function str(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'string' ? v : String(v);
}

export function bool(v: unknown, dflt: boolean): boolean {
  if (v === undefined || v === null || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  return v === 'true' || v === 'True' || v === '1' || v === 1;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
