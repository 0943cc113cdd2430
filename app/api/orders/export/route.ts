// Orders as CSV, read as the person under RLS from the current organization (or `org` when it is
// one of theirs). GET exports every order matching the list's filter (its query string); POST
// exports the orders picked on the page (form fields `ids`). Bad input is a 4xx, never a 500.
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { log } from '@/lib/log';
import { loadOrgContext } from '@/lib/orgs/context';
import { getTimeZone } from '@/lib/orgs/time-zone';
import { BULK_MAX } from '@/lib/orders/bulk';
import { orderCsvLines, toStream } from '@/lib/orders/export';
import { parseOrderListParams } from '@/lib/orders/params';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const NO_STORE = { 'cache-control': 'no-store' };
const fail = (status: number, error: string) => NextResponse.json({ error }, { status, headers: NO_STORE });

const ids = z.array(z.uuid()).min(1, 'Select at least one order.').max(BULK_MAX, `Select at most ${BULK_MAX} orders, or export the filter instead.`);

async function exportFor(orgParam: string | null, selection: { ids: string[] } | { query: URLSearchParams }): Promise<Response> {
  const session = await getSession();
  if (!session) return fail(401, 'Sign in again.');
  const found = await withUser(session.claims, async (tx) => {
    const { orgs, current } = await loadOrgContext(tx, session.userId);
    const org = orgParam ? orgs.find((o) => o.id === orgParam) : current;
    return org ? { id: org.id, timeZone: await getTimeZone(tx, org.id) } : null;
  });
  if (!found) return fail(404, 'No such organization among yours.');
  const sel = 'ids' in selection ? selection : { filter: parseOrderListParams(selection.query), timeZone: found.timeZone };
  const lines = orderCsvLines((fn) => withUser(session.claims, fn), found.id, sel);
  const body = toStream(lines, (e) => log.error({ err: { type: e instanceof Error ? e.name : typeof e } }, 'orders export failed'));
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: { ...NO_STORE, 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="esm-orders-${day}.csv"` },
  });
}

export async function GET(req: NextRequest): Promise<Response> {
  const query = new URLSearchParams(req.nextUrl.searchParams);
  const org = query.get('org');
  query.delete('org');
  return exportFor(org, { query });
}

export async function POST(req: NextRequest): Promise<Response> {
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return fail(400, 'Send the selected orders as a form.');
  }
  const parsed = ids.safeParse(form.getAll('ids'));
  if (!parsed.success) return fail(400, parsed.error.issues[0]?.message ?? 'Select the orders again.');
  const org = form.get('org');
  return exportFor(typeof org === 'string' && org ? org : null, { ids: parsed.data });
}
