// Per-record reading of a page: one record the connector cannot read (an empty status array, a
// price without an amount, an impossible value) must not reject the whole page. Each raw record
// is validated and mapped on its own; those that fail come back as `RejectedRecord`s, which the
// sync engine quarantines while the rest of the page is stored.
//
// A rejection reason is built only from schema paths, zod issue codes and this codebase's own
// fixed wording: never from a value of the record (which may be buyer data).
import type { ZodType } from 'zod';

export type RecordKind = 'order' | 'listing';

export interface RejectedRecord {
  kind: RecordKind;
  /** The marketplace's id of the record (order id, SKU) when it can be read safely; else null. */
  externalId: string | null;
  /** Sanitized: no values, no PII. */
  reason: string;
}

/** A mapping problem worded by ESM itself (safe to store). */
export class RecordError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RecordError';
  }
}

/** Ids are stored and shown: only plain identifier characters, bounded length. */
const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,119}$/;

export function safeExternalId(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) value = String(value);
  return typeof value === 'string' && SAFE_ID.test(value.trim()) ? value.trim() : null;
}

/** Reads `raw[key]` as a safe external id. */
export function idField(key: string): (raw: unknown) => string | null {
  return (raw) => (raw && typeof raw === 'object' ? safeExternalId((raw as Record<string, unknown>)[key]) : null);
}

const MAX_REASON = 200;

/** "orderLines.orderLine.0.orderLineStatuses.orderLineStatus (too_small)" — paths are schema keys. */
function zodReason(issues: ReadonlyArray<{ code: string; path: ReadonlyArray<PropertyKey> }>): string {
  const first = issues[0];
  if (!first) return 'unreadable record';
  const path = first.path.map((p) => (typeof p === 'number' ? String(p) : String(p).replace(/[^A-Za-z0-9_]/g, '?'))).join('.') || '(record)';
  const more = issues.length > 1 ? ` and ${issues.length - 1} more` : '';
  return `unreadable field ${path} (${first.code})${more}`;
}

export function rejectionReason(e: unknown): string {
  const reason = e instanceof RecordError ? e.message : 'the record could not be mapped';
  return reason.slice(0, MAX_REASON);
}

/** Validates and maps each raw record on its own. */
export function mapEach<W, N>(
  kind: RecordKind,
  raws: readonly unknown[],
  schema: ZodType<W>,
  map: (record: W) => N,
  idOf: (raw: unknown) => string | null,
): { records: N[]; rejected: RejectedRecord[] } {
  const records: N[] = [];
  const rejected: RejectedRecord[] = [];
  for (const raw of raws) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ kind, externalId: idOf(raw), reason: zodReason(parsed.error.issues).slice(0, MAX_REASON) });
      continue;
    }
    try {
      records.push(map(parsed.data));
    } catch (e) {
      rejected.push({ kind, externalId: idOf(raw), reason: rejectionReason(e) });
    }
  }
  return { records, rejected };
}
