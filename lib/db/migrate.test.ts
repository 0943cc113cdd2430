import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from './migrate';
import { backends, type TestDatabase } from '@/tests/support/db';

describe.each(backends)('migrations on $name', (backend) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await backend.open();
  });
  afterAll(() => t?.cleanup());

  it('recorded every migration and applies nothing the second time', async () => {
    const again = await migrate(t.database);
    expect(again.applied).toEqual([]);
    const rows = await t.database.rawTransaction((tx) =>
      tx.query<{ version: string }>('select version from supabase_migrations.schema_migrations order by version'),
    );
    expect(rows.map((r) => r.version)).toContain('20261121000000');
  });

  it('auth.uid() reads the claims and is NULL (not an error) after a transaction', async () => {
    const uid = await t.database.rawTransaction(async (tx) => {
      await tx.query(`select set_config('request.jwt.claims', $1, true)`, [JSON.stringify({ sub: '6f1c1b55-0c4e-4a47-9a43-1f4f7c1f0a11' })]);
      return (await tx.query<{ uid: string }>('select auth.uid()::text as uid'))[0].uid;
    });
    expect(uid).toBe('6f1c1b55-0c4e-4a47-9a43-1f4f7c1f0a11');
    const after = await t.database.rawTransaction((tx) => tx.query<{ uid: string | null }>('select auth.uid() as uid'));
    expect(after[0].uid).toBeNull();
  });
});
