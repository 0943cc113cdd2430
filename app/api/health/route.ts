// Liveness and readiness: answers 200 once the database is open and migrated. Anyone can call it,
// so it says only ready or not; why not goes to the server log, without paths or process ids.
import { sql } from 'drizzle-orm';
import { serviceDatabase } from '@/lib/db';
import { log } from '@/lib/log';
import { describeFailure } from './describe-failure';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const db = await serviceDatabase('health');
    await db.execute(sql`select 1`);
    return Response.json({ ok: true }, { headers: { 'cache-control': 'no-store' } });
  } catch (e) {
    log.error(describeFailure(e), 'health check failed');
    return Response.json({ ok: false }, { status: 503, headers: { 'cache-control': 'no-store' } });
  }
}
