// One PDF of every label a batch bought (still live), for printing in one go: `?format=4x6`
// (default, thermal printers) or `?format=letter` (each label on a US letter page).
import { getSession } from '@/lib/auth/session';
import { serviceDatabase, withUser } from '@/lib/db';
import { isUuid } from '@/lib/orders/detail';
import { getBatch } from '@/lib/shipping/batch';
import { liveLabelUrls } from '@/lib/shipping/bulk';
import { fetchLabels, isSheetFormat, mergePdfs } from '@/lib/shipping/merge-pdf';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const session = await getSession();
  if (!session) return Response.json({ error: 'Sign in again.' }, { status: 401 });
  if (!isUuid(id)) return Response.json({ error: 'No such batch.' }, { status: 404 });
  const format = new URL(req.url).searchParams.get('format') ?? '4x6';
  if (!isSheetFormat(format)) return Response.json({ error: 'Choose the 4x6 or letter format.' }, { status: 400 });
  const batch = await getBatch(await serviceDatabase('jobs'), session.claims, id);
  if (!batch) return Response.json({ error: 'No such batch.' }, { status: 404 });
  const shipmentIds = batch.payload.orderIds.map((o) => batch.results[o]).filter((r) => r?.outcome === 'bought' && r.shipmentId).map((r) => r!.shipmentId!);
  const urls = await withUser(session.claims, (tx) => liveLabelUrls(tx, batch.orgId, shipmentIds));
  if (!urls.length) return Response.json({ error: 'This batch has no live labels.' }, { status: 404 });
  const { pdf } = await mergePdfs(await fetchLabels(urls), format);
  return new Response(Buffer.from(pdf), {
    headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="labels-${id.slice(0, 8)}-${format}.pdf"`, 'cache-control': 'no-store' },
  });
}
