// Liveness and readiness: answers 200 once the database is open and migrated.
import { sql } from 'drizzle-orm';
import { getDatabase } from '@/lib/db';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  try {
    const { db, kind } = await getDatabase();
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: kind });
  } catch (e) {
    log.error({ err: { name: (e as Error).name, message: (e as Error).message } }, 'health check failed');
    return Response.json({ ok: false, error: (e as Error).message }, { status: 503 });
  }
}
