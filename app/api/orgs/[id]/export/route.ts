// An owner downloads the organization's data as a ZIP of CSV files, streamed as it is read.
// Anyone else (another role, another organization, a malformed id) gets a 404; audited.
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { recordAudit } from '@/lib/audit';
import { log } from '@/lib/log';
import { roleIn } from '@/lib/orgs/roles';
import { exportOrganization } from '@/lib/privacy/export';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const NO_STORE = { 'cache-control': 'no-store' };

export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await ctx.params;
  const session = await getSession();
  if (!session) return Response.json({ error: 'Sign in again.' }, { status: 401, headers: NO_STORE });
  if (!z.uuid().safeParse(id).success) return Response.json({ error: 'Not found' }, { status: 404, headers: NO_STORE });
  const org = await withUser(session.claims, async (tx) => {
    const role = await roleIn(tx, id, session.userId);
    if (role !== 'owner') return null;
    await recordAudit(tx, { orgId: id, actor: { type: 'user', userId: session.userId }, action: 'privacy.exported', targetType: 'organization', targetId: id });
    return { id };
  });
  if (!org) return Response.json({ error: 'Not found' }, { status: 404, headers: NO_STORE });

  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  void (async () => {
    try {
      await exportOrganization(
        (fn) => withUser(session.claims, fn),
        org.id,
        async (chunk) => {
          await writer.ready;
          await writer.write(chunk);
        },
      );
      await writer.close();
    } catch (e) {
      log.error({ err: { type: e instanceof Error ? e.name : typeof e } }, 'organization export failed');
      await writer.abort(e).catch(() => {});
    }
  })();
  const day = new Date().toISOString().slice(0, 10);
  return new Response(readable, {
    headers: {
      ...NO_STORE,
      'content-type': 'application/zip',
      'content-disposition': `attachment; filename="esm-export-${day}.zip"`,
    },
  });
}
