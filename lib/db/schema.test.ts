// The migrations are the deployable schema; Drizzle's mirror must agree column for column
// (name, type, nullability), and cover every table.
import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as schema from './schema';
import { rowsOf } from './connect';
import { backends, type TestDatabase } from '@/tests/support/db';

const normalize = (t: string) => t.replace(/\s+/g, '').replace(/^char\(/, 'character(');

const drizzleTables = (Object.values(schema) as unknown[]).filter((v): v is PgTable => v instanceof PgTable).map((t) => getTableConfig(t));

describe.each(backends)('Drizzle schema matches the migrations on $name', (backend) => {
  let t: TestDatabase;
  let columns: Array<{ table: string; column: string; type: string; not_null: boolean }>;
  beforeAll(async () => {
    t = await backend.open();
    columns = rowsOf(
      await t.database.db.execute(sql`
        select c.relname as table, a.attname as column, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull as not_null
        from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
        order by 1, a.attnum`),
    );
  });
  afterAll(() => t?.cleanup());

  it('has the same tables', () => {
    expect(drizzleTables.map((d) => d.name).sort()).toEqual([...new Set(columns.map((c) => c.table))].sort());
  });

  for (const table of drizzleTables) {
    it(`${table.name}: same columns, types and nullability`, () => {
      const db = columns
        .filter((c) => c.table === table.name)
        .map((c) => ({ name: c.column, type: normalize(c.type), notNull: c.not_null }))
        .sort((x, y) => x.name.localeCompare(y.name));
      const orm = table.columns
        .map((c) => ({ name: c.name, type: normalize(c.getSQLType()), notNull: c.notNull }))
        .sort((x, y) => x.name.localeCompare(y.name));
      expect(orm).toEqual(db);
    });
  }
});
