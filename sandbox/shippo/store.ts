// Object storage shared by all routes: Shippo-style 32-hex object ids (deterministic: a hash of
// kind and sequence number, so two runs of the same test see the same ids), per-token ownership,
// and DRF page-number pagination.
import { createHash } from 'node:crypto';
import { detail, forbidden, notFound } from './http';

export function hex32(...parts: Array<string | number>): string {
  return createHash('md5').update(parts.join('|')).digest('hex');
}

export interface Owned {
  owner: string;
}

export class IdSource {
  private seq = 0;
  constructor(private readonly seed: string) {}
  next(kind: string): string {
    return hex32(this.seed, kind, ++this.seq);
  }
}

/** A Map of one object kind with Shippo's visibility rule: someone else's object is a 403. */
export class Collection<T extends Owned> {
  readonly byId = new Map<string, T>();

  add(id: string, rec: T): T {
    this.byId.set(id, rec);
    return rec;
  }

  /** The record, or the Response Shippo gives (404 unknown, 403 another account's object). */
  lookup(id: string, owner: string): T | Response {
    const rec = this.byId.get(id);
    if (!rec) return notFound();
    if (rec.owner !== owner) return forbidden();
    return rec;
  }

  /** For relations named in a body: another account's object is simply "not found" there. */
  find(id: unknown, owner: string): T | undefined {
    if (typeof id !== 'string') return undefined;
    const rec = this.byId.get(id);
    return rec && rec.owner === owner ? rec : undefined;
  }

  /** The owner's objects, newest first (Shippo lists are ordered by object_created desc). */
  ownedBy(owner: string): T[] {
    const out: T[] = [];
    for (const r of this.byId.values()) if (r.owner === owner) out.push(r);
    return out.reverse();
  }
}

export interface Page<T> {
  next: string | null;
  previous: string | null;
  results: T[];
}

const MAX_RESULTS = 100;

/**
 * `?page=&results=` pagination with absolute next/previous links, as Shippo returns them. A page
 * past the end (or a non-numeric one) is DRF's 404 "Invalid page.".
 */
export function paginate<T>(items: T[], url: URL, publicBase: string, withCount = false): Page<T> | Response {
  const pageRaw = url.searchParams.get('page') ?? '1';
  const sizeRaw = url.searchParams.get('results') ?? '25';
  const page = /^\d+$/.test(pageRaw) ? Number(pageRaw) : NaN;
  let size = /^\d+$/.test(sizeRaw) ? Number(sizeRaw) : 25;
  if (size < 1) size = 25;
  size = Math.min(size, MAX_RESULTS);
  const pages = Math.max(1, Math.ceil(items.length / size));
  if (!Number.isInteger(page) || page < 1 || page > pages) return detail(404, 'Invalid page.');
  const link = (p: number): string => {
    const u = new URL(url.pathname + url.search, publicBase);
    u.searchParams.set('page', String(p));
    u.searchParams.set('results', String(size));
    return u.toString();
  };
  const body: Page<T> & { count?: number } = {
    next: page < pages ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: items.slice((page - 1) * size, page * size),
  };
  if (withCount) body.count = items.length;
  return body;
}
