// The order search shared by Orders v0 getOrders and v2026-01-01 searchOrders: a window on
// creation or last-update time, scanned by order index (an order is only modified within
// MAX_EVENT_WINDOW_MS of creation, except orders the API changed, which the overlay lists),
// paged with an opaque token that pins the filters and the window's upper bound.
import { firstIndexCreatedAtOrAfter, MAX_EVENT_WINDOW_MS, orderCount, type AccountProfile } from '@/sandbox/core/catalog';
import { hashString } from '@/sandbox/core/random';
import { viewOrder, type OrderView, type OverlayStore } from './orderState';

export interface OrderWindow {
  mode: 'created' | 'updated';
  after: number;
  /** Inclusive upper bound, already capped at "now - 2 minutes". */
  before: number;
}

export interface PageRequest {
  window: OrderWindow;
  /** A stable string of every other filter, so a token cannot be replayed with other filters. */
  filterKey: string;
  match: (v: OrderView) => boolean;
  limit: number;
  cursor: number;
}

export interface Page {
  views: OrderView[];
  nextCursor: number | null;
}

export function searchOrders(
  profile: AccountProfile,
  sellerId: string,
  overlays: OverlayStore,
  req: PageRequest,
  now: number,
): Page {
  const { window: w } = req;
  const end = orderCount(profile, Math.min(w.before, now));
  const scanStart =
    w.mode === 'created'
      ? firstIndexCreatedAtOrAfter(profile, w.after)
      : firstIndexCreatedAtOrAfter(profile, w.after - MAX_EVENT_WINDOW_MS);
  // Orders older than the scan window that an API call changed inside the window.
  const stragglers =
    w.mode === 'updated'
      ? [...overlays.forSeller(sellerId).entries()]
          .filter(([i, o]) => i < scanStart && o.lastUpdate >= w.after && o.lastUpdate <= w.before)
          .map(([i]) => i)
          .sort((a, b) => a - b)
      : [];

  const inWindow = (v: OrderView) => {
    const t = w.mode === 'created' ? v.order.createdAt : v.lastUpdate;
    return t >= w.after && t <= w.before;
  };
  const views: OrderView[] = [];
  const candidates = function* (): Generator<number> {
    for (const i of stragglers) if (i >= req.cursor) yield i;
    for (let i = Math.max(req.cursor, scanStart); i < end; i++) yield i;
  };
  for (const i of candidates()) {
    const v = viewOrder(profile, i, overlays.get(sellerId, i), now);
    if (!inWindow(v) || !req.match(v)) continue;
    // One match past the page tells whether a next page exists (no empty last page).
    if (views.length === req.limit) return { views, nextCursor: i };
    views.push(v);
  }
  return { views, nextCursor: null };
}

interface TokenBody {
  m: 'c' | 'u';
  a: number;
  b: number;
  f: string;
  i: number;
}

export function encodePageToken(w: OrderWindow, filterKey: string, cursor: number): string {
  const body: TokenBody = { m: w.mode === 'created' ? 'c' : 'u', a: w.after, b: w.before, f: filterKey, i: cursor };
  const raw = JSON.stringify(body);
  return Buffer.from(`${raw}.${hashString(`amazon-sim|${raw}`).toString(36)}`).toString('base64url');
}

export function decodePageToken(token: string): { window: OrderWindow; filterKey: string; cursor: number } | null {
  try {
    const text = Buffer.from(token, 'base64url').toString('utf8');
    const dot = text.lastIndexOf('.');
    const raw = text.slice(0, dot);
    if (dot < 0 || hashString(`amazon-sim|${raw}`).toString(36) !== text.slice(dot + 1)) return null;
    const b = JSON.parse(raw) as TokenBody;
    return {
      window: { mode: b.m === 'c' ? 'created' : 'updated', after: b.a, before: b.b },
      filterKey: b.f,
      cursor: b.i,
    };
  } catch {
    return null;
  }
}
