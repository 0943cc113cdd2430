// Sync progress for one account, polled every second by the Accounts page while a sync runs.
// Read under the person's RLS: an account they cannot see is a 404, like one that does not exist.
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getSession } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { getAccountSync } from '@/lib/accounts/queries';

const NO_STORE = { 'cache-control': 'no-store' };

export async function GET(_req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const session = await getSession();
  if (!session) return NextResponse.json({ error: 'Sign in again.' }, { status: 401, headers: NO_STORE });
  if (!z.uuid().safeParse(id).success) return NextResponse.json({ error: 'Not found' }, { status: 404, headers: NO_STORE });
  const view = await withUser(session.claims, (tx) => getAccountSync(tx, id));
  if (!view) return NextResponse.json({ error: 'Not found' }, { status: 404, headers: NO_STORE });
  return NextResponse.json(view, { headers: NO_STORE });
}
